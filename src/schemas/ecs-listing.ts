/**
 * What ECS DescribeInstances filters by and how it pages: the values the emulator answers to and the
 * ECS fleet renewal checks its filters against. Plain data, without zod, so the workflows can read it.
 */

/** `InstanceChargeType`: subscription (PrePaid) or pay-as-you-go (PostPaid). */
export const INSTANCE_CHARGE_TYPES = ['PrePaid', 'PostPaid'] as const;

/** `Status`, as DescribeInstances filters by it and DescribeInstanceStatus reports it. */
export const INSTANCE_STATUSES = ['Pending', 'Running', 'Starting', 'Stopping', 'Stopped'] as const;

/** ECS tags, in a request and in a filter: N from 1 to 20, keys up to 128 characters, values up to 128. */
export const ECS_TAG_LIMITS = { max: 20, keyMax: 128, valueMax: 128 } as const;

/** `MaxResults`: held to this range rather than refused, 10 when left out. */
export const MAX_RESULTS = { min: 10, max: 100 } as const;
