/**
 * When to look at a resource that is being provisioned. Plain data and arithmetic, shared by the
 * workflows (which sleep until the first look) and the polling activities (which choose the delay
 * before the next look).
 *
 * The rule: nothing is worth reading before most of the expected duration has passed, so the first
 * look comes at 95% of it; after that, each wait is 7% of the time elapsed so far (between a floor
 * and a ceiling). A resource that becomes ready at a time T past the first look is therefore noticed
 * at most 7% of T late (plus the few tens of ms a look takes), while a fixed-interval poller pays one
 * call per interval from the start. A resource that takes exactly the expected duration costs two
 * looks: the second comes at 0.95 × 1.07 = 1.0165 of it, safely after rather than just before.
 */

export interface ReadinessPolicy {
  /** How long the resource typically takes to become ready, in ms. */
  expectedMs: number;
  /** The shortest wait between two looks, in ms. */
  minIntervalMs: number;
  /** The longest wait between two looks, in ms. */
  maxIntervalMs: number;
}

/** Realistic defaults, from the resources' typical provisioning times. */
export const READINESS = {
  /** Kafka StartInstance until ServiceStatus 5: deploys take 10 to 40 minutes. */
  kafkaDeploy: { expectedMs: 20 * 60_000, minIntervalMs: 1_000, maxIntervalMs: 60_000 },
  /** ECS CreateInstance until Stopped. */
  ecsCreate: { expectedMs: 45_000, minIntervalMs: 1_000, maxIntervalMs: 10_000 },
  /** ECS StartInstance until Running. */
  ecsStart: { expectedMs: 20_000, minIntervalMs: 1_000, maxIntervalMs: 10_000 },
  /** ENS CreateLoadBalancer until Active. */
  loadBalancerCreate: { expectedMs: 90_000, minIntervalMs: 1_000, maxIntervalMs: 15_000 },
  /** A renewal until the API shows the new ExpiredTime (at once, or within seconds). */
  renewalVisible: { expectedMs: 0, minIntervalMs: 1_000, maxIntervalMs: 5_000 },
  /** A Kafka order until its instance is listed (seconds at most). */
  kafkaOrderListed: { expectedMs: 0, minIntervalMs: 1_000, maxIntervalMs: 5_000 },
} as const satisfies Record<string, ReadinessPolicy>;

export const FIRST_LOOK_SHARE = 0.95;
/**
 * 7%, not 10%: a look that just misses the resource is followed by one a share of the elapsed time
 * later, so the share is the worst lag; 7% leaves room under a 10% goal for the look's own latency.
 */
export const INTERVAL_SHARE = 0.07;

/** How long to wait after the work started before the first look. */
export function firstLookDelayMs(policy: ReadinessPolicy): number {
  return Math.round(policy.expectedMs * FIRST_LOOK_SHARE);
}

/** How long to wait before the next look, `elapsedMs` after the work started. */
export function nextLookDelayMs(policy: ReadinessPolicy, elapsedMs: number): number {
  const untilFirstLook = firstLookDelayMs(policy) - elapsedMs;
  const wait = untilFirstLook > 0 ? untilFirstLook : elapsedMs * INTERVAL_SHARE;
  return Math.round(Math.min(policy.maxIntervalMs, Math.max(policy.minIntervalMs, wait)));
}

/** A policy with its expected duration taken from the workflow input, when the input gives one. */
export function withExpected(policy: ReadinessPolicy, expectedMs: number | undefined): ReadinessPolicy {
  if (expectedMs === undefined) return policy;
  // Scale the bounds with the expectation, so a short expectation (a fast region, a test) polls finely.
  const scale = policy.expectedMs > 0 ? Math.min(1, expectedMs / policy.expectedMs) : 1;
  return {
    expectedMs,
    minIntervalMs: Math.max(1, Math.round(policy.minIntervalMs * scale)),
    maxIntervalMs: Math.max(1, Math.round(policy.maxIntervalMs * scale)),
  };
}
