import { READINESS } from '../policy/readiness';
import type { CreatePostPayOrderRequest, KafkaStartInstanceRequest } from '../schemas/kafka';
import { releaseLabel, releaseOf } from './resources';
import { Job } from './job';
import type { JobOptions, JobStats } from './progress';
import type { RequestToValidate } from '../activities/validate';
import { fieldOf, withStandIns } from './job-input';
import { cloudCall, polling } from './steps';

export interface ProvisionKafkaInstanceInput extends JobOptions {
  /** CreatePostPayOrder parameters, in the API's names. */
  order: CreatePostPayOrderRequest;
  /** StartInstance (deploy) parameters; InstanceId and RegionId come from the order. */
  deploy: Omit<KafkaStartInstanceRequest, 'InstanceId' | 'RegionId'>;
  /** How long a deploy typically takes, in ms. @default 20 minutes */
  expectedDeployMs?: number;
}

export interface ProvisionKafkaInstanceResult extends JobStats {
  InstanceId: string;
  OrderId: string | undefined;
  RegionId: string;
  ServiceStatus: number;
  /** True when a retry found the order an earlier attempt had placed (its answer was lost). */
  adoptedOrder: boolean;
}

// The order is placed before the instance id exists; validation of the deploy request uses a stand-in.
const INSTANCE_ID_FOR_VALIDATION = 'alikafka_post-pending';

/** The API requests the input holds, read with fieldOf: a job may be started around the client with any input. */
export function provisionKafkaInstanceRequests(input: ProvisionKafkaInstanceInput): RequestToValidate[] {
  return [
    { action: 'alikafka:CreatePostPayOrder', request: fieldOf(input, 'order') },
    {
      action: 'alikafka:StartInstance',
      request: withStandIns(fieldOf(input, 'deploy'), {
        InstanceId: INSTANCE_ID_FOR_VALIDATION,
        RegionId: fieldOf(fieldOf(input, 'order'), 'RegionId'),
      }),
    },
  ];
}

/**
 * Buys a pay-as-you-go ApsaraMQ for Kafka instance and deploys it: validate, CreatePostPayOrder,
 * find the instance for the order, StartInstance, wait for ServiceStatus 5. Deploy errors (101),
 * released (10) and expired (15) instances fail at once. Default deadline: 60 minutes.
 */
export async function provisionKafkaInstance(
  input: ProvisionKafkaInstanceInput,
): Promise<ProvisionKafkaInstanceResult> {
  const job = new Job('provisionKafkaInstance', input, '60m');
  return job.run(async () => {
    const [order, deploy] = await job.validate<[CreatePostPayOrderRequest, KafkaStartInstanceRequest]>(
      provisionKafkaInstanceRequests(input),
    );
    const RegionId = order.RegionId;

    const placed = await job.step('CreatePostPayOrder', cloudCall, (activities) =>
      activities.createPostPayOrder(order),
    );
    if (placed.OrderId) job.resource('OrderId', placed.OrderId);

    const orderedAt = Date.now();
    const found = await job.step('GetInstanceList', polling, (activities) =>
      activities.findKafkaInstance({
        RegionId,
        OrderId: placed.OrderId,
        policy: READINESS.kafkaOrderListed,
        startedAt: orderedAt,
      }),
    );
    const ref = { InstanceId: found.InstanceId, RegionId };
    job.resource('InstanceId', ref.InstanceId);
    const bought = { kind: 'kafka' as const, ResourceId: ref.InstanceId, RegionId };
    job.onRelease(releaseLabel(bought), releaseOf(bought));

    await job.step('StartInstance', cloudCall, (activities) =>
      activities.startKafkaInstance({ ...deploy, InstanceId: ref.InstanceId, RegionId }),
    );
    const deployStartedAt = Date.now();
    const deployed = await job.waitUntilReady(
      'wait ServiceStatus 5',
      READINESS.kafkaDeploy,
      input.expectedDeployMs,
      deployStartedAt,
      (activities, look) => activities.waitKafkaDeployed({ ...ref, ...look }),
    );
    return {
      InstanceId: ref.InstanceId,
      OrderId: placed.OrderId ?? found.OrderId,
      RegionId,
      ServiceStatus: deployed.ServiceStatus,
      adoptedOrder: placed.adopted,
    };
  });
}
