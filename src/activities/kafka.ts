/**
 * ApsaraMQ for Kafka steps. CreatePostPayOrder takes no ClientToken, so the order is tagged with the
 * workflow run, and every retry first looks for an instance carrying that tag: an order whose answer
 * was lost is found, not bought again.
 */
import { own } from '../schemas/lookup';
import { ApplicationFailure } from '@temporalio/common';
import { ServiceStatus } from '../policy/kafka-status';
import { nextLookDelayMs, type ReadinessPolicy } from '../policy/readiness';
import type { CreatePostPayOrderRequest, KafkaStartInstanceRequest } from '../schemas/kafka';
import { FailureType } from '../failure-types';
import { notReady } from './failures';
import { runStep, withRunTag, workflowRunTag, type CloudCall, type StepDependencies } from './step';

const FAILED_STATUSES: Readonly<Record<number, string>> = {
  [ServiceStatus.deployError]: 'the deploy failed (ServiceStatus 101)',
  [ServiceStatus.released]: 'the instance was released (ServiceStatus 10)',
  [ServiceStatus.expiredOrFrozen]: 'the instance expired or was frozen (ServiceStatus 15)',
};

export interface KafkaInstanceRef {
  InstanceId: string;
  RegionId: string;
}

interface InstanceVO {
  InstanceId: string;
  OrderId?: string;
  ServiceStatus: number;
}

type InstanceList = { InstanceList?: { InstanceVO?: InstanceVO[] } };

export async function listInstances(call: CloudCall, params: Record<string, unknown>): Promise<InstanceVO[]> {
  const answer = await call<InstanceList & Record<string, unknown>>('alikafka:GetInstanceList', params);
  return answer.InstanceList?.InstanceVO ?? [];
}

export function createKafkaActivities(deps: StepDependencies) {
  return {
    /** Places the pay-as-you-go order, tagged with the workflow run; on a retry, adopts a tagged instance instead. */
    async createPostPayOrder(order: CreatePostPayOrderRequest) {
      return runStep(deps, async ({ call, attempt }) => {
        const tag = workflowRunTag();
        if (attempt > 1) {
          const [existing] = await listInstances(call, { RegionId: order.RegionId, Tag: [tag] });
          if (existing) return { OrderId: existing.OrderId, InstanceId: existing.InstanceId, adopted: true };
        }
        const answer = await call('alikafka:CreatePostPayOrder', withRunTag(order));
        return { OrderId: answer.OrderId as string, InstanceId: undefined, adopted: false };
      });
    },

    /** The instance an order made (it is listed within seconds of the order). */
    async findKafkaInstance(input: { RegionId: string; OrderId?: string; policy: ReadinessPolicy; startedAt: number }) {
      return runStep(deps, async ({ call }) => {
        const tag = workflowRunTag();
        const params = input.OrderId
          ? { RegionId: input.RegionId, OrderId: input.OrderId }
          : { RegionId: input.RegionId, Tag: [tag] };
        const [instance] = await listInstances(call, params);
        if (!instance)
          throw notReady('the order has no instance yet', nextLookDelayMs(input.policy, Date.now() - input.startedAt));
        return { InstanceId: instance.InstanceId, OrderId: instance.OrderId, ServiceStatus: instance.ServiceStatus };
      });
    },

    /** Deploys the instance; a retry whose first attempt got through finds it deploying and stops there. */
    async startKafkaInstance(input: KafkaStartInstanceRequest) {
      return runStep(deps, async ({ call, attempt }) => {
        if (attempt > 1) {
          const [instance] = await listInstances(call, { RegionId: input.RegionId, InstanceId: [input.InstanceId] });
          if (instance && instance.ServiceStatus !== ServiceStatus.waitingForDeploy) return { alreadyStarted: true };
        }
        await call('alikafka:StartInstance', { ...input });
        return { alreadyStarted: false };
      });
    },

    /** Waits for ServiceStatus 5; fails at once on 101, 10 or 15. */
    async waitKafkaDeployed(input: KafkaInstanceRef & { policy: ReadinessPolicy; startedAt: number }) {
      return runStep(deps, async ({ call }) => {
        const [instance] = await listInstances(call, { RegionId: input.RegionId, InstanceId: [input.InstanceId] });
        const status = instance?.ServiceStatus;
        if (status === ServiceStatus.running) return { ServiceStatus: status };
        const failed = status === undefined ? 'the instance is no longer listed' : own(FAILED_STATUSES, status);
        if (failed) {
          throw ApplicationFailure.create({
            type: FailureType.resourceFailed,
            message: `Kafka instance ${input.InstanceId}: ${failed}`,
            nonRetryable: true,
            details: [{ InstanceId: input.InstanceId, ServiceStatus: status }],
          });
        }
        throw notReady(`ServiceStatus ${status}`, nextLookDelayMs(input.policy, Date.now() - input.startedAt));
      });
    },

    /** Releases the instance (ForceDeleteInstance), the first half of giving it back. */
    async releaseKafkaInstance(input: KafkaInstanceRef) {
      return runStep(deps, async ({ call }) => {
        const [instance] = await listInstances(call, { RegionId: input.RegionId, InstanceId: [input.InstanceId] });
        if (!instance || instance.ServiceStatus === ServiceStatus.expiredOrFrozen) return { released: true };
        await call('alikafka:ReleaseInstance', { ...input, ForceDeleteInstance: true });
        return { released: true };
      });
    },

    /** Deletes a released instance once it reached ServiceStatus 15. */
    async deleteKafkaInstance(input: KafkaInstanceRef & { policy: ReadinessPolicy; startedAt: number }) {
      return runStep(deps, async ({ call }) => {
        const [instance] = await listInstances(call, { RegionId: input.RegionId, InstanceId: [input.InstanceId] });
        if (!instance) return { deleted: true };
        if (
          instance.ServiceStatus !== ServiceStatus.expiredOrFrozen &&
          instance.ServiceStatus !== ServiceStatus.waitingForDeploy
        ) {
          throw notReady(
            `ServiceStatus ${instance.ServiceStatus}`,
            nextLookDelayMs(input.policy, Date.now() - input.startedAt),
          );
        }
        await call('alikafka:DeleteInstance', { ...input });
        return { deleted: true };
      });
    },
  };
}
