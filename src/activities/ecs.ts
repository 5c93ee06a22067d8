/**
 * ECS steps. CreateInstance and RenewInstance carry a ClientToken derived from the workflow run, so
 * every retry is the same request; StartInstance looks at the status before calling again.
 */
import { ApplicationFailure } from '@temporalio/common';
import { AlibabaCloudError } from '../alicloud/errors';
import { parseExpiredTime } from '../policy/periods';
import { nextLookDelayMs, type ReadinessPolicy } from '../policy/readiness';
import { MAX_RESULTS } from '../schemas/ecs-listing';
import type { CreateInstanceRequest, RenewInstanceRequest } from '../schemas/ecs';
import { notReady } from './failures';
import { derivedClientToken, runStep, withRunTag, type CloudCall, type StepDependencies } from './step';

export interface EcsInstanceRef {
  InstanceId: string;
  RegionId: string;
}

type StatusAnswer = { InstanceStatuses?: { InstanceStatus?: { InstanceId: string; Status: string }[] } };
type InstancesAnswer = {
  Instances?: { Instance?: { InstanceId: string; ExpiredTime: string; InstanceChargeType: string; Status: string }[] };
  NextToken?: string;
};

/** DescribeInstances filters an ECS fleet renewal lists by, in the API's names. */
export interface EcsInstanceFilters {
  InstanceIds?: string[];
  Status?: string;
  Tag?: { Key: string; Value?: string }[];
}

/** An instance an ECS fleet renewal will renew. */
export interface ExpiringInstance {
  InstanceId: string;
  RegionId: string;
  ExpiredTime: string;
}

export async function statusOf(call: CloudCall, ref: EcsInstanceRef): Promise<string | undefined> {
  const answer = await call<StatusAnswer & Record<string, unknown>>('ecs:DescribeInstanceStatus', {
    RegionId: ref.RegionId,
    InstanceId: [ref.InstanceId],
  });
  return answer.InstanceStatuses?.InstanceStatus?.find((entry) => entry.InstanceId === ref.InstanceId)?.Status;
}

async function describeInstance(call: CloudCall, ref: EcsInstanceRef) {
  const answer = await call<InstancesAnswer & Record<string, unknown>>('ecs:DescribeInstances', {
    RegionId: ref.RegionId,
    InstanceIds: [ref.InstanceId],
  });
  const instance = answer.Instances?.Instance?.find((entry) => entry.InstanceId === ref.InstanceId);
  if (!instance) {
    throw ApplicationFailure.create({
      type: 'InvalidInstanceId.NotFound',
      message: `ECS instance ${ref.InstanceId} does not exist in ${ref.RegionId}`,
      nonRetryable: true,
    });
  }
  return instance;
}

export function createEcsActivities(deps: StepDependencies) {
  return {
    /**
     * Creates the instance with the request's ClientToken, or one derived from the workflow run, tagged
     * with the run so the inventory knows which job bought it.
     */
    async createEcsInstance(request: CreateInstanceRequest) {
      return runStep(deps, async ({ call }) => {
        const ClientToken = request.ClientToken ?? derivedClientToken('CreateInstance');
        const answer = await call('ecs:CreateInstance', { ...withRunTag(request), ClientToken });
        return { InstanceId: answer.InstanceId as string, OrderId: answer.OrderId as string | undefined, ClientToken };
      });
    },

    /** Waits until the instance is in `Status`. */
    async waitEcsStatus(input: EcsInstanceRef & { Status: string; policy: ReadinessPolicy; startedAt: number }) {
      return runStep(deps, async ({ call }) => {
        const status = await statusOf(call, input);
        if (status === input.Status) return { Status: status };
        if (status === undefined) {
          throw ApplicationFailure.create({
            type: 'InvalidInstanceId.NotFound',
            message: `ECS instance ${input.InstanceId} is no longer listed`,
            nonRetryable: true,
          });
        }
        throw notReady(`Status ${status}`, nextLookDelayMs(input.policy, Date.now() - input.startedAt));
      });
    },

    /** Starts a Stopped instance; one already Starting or Running counts as started. */
    async startEcsInstance(input: EcsInstanceRef) {
      return runStep(deps, async ({ call, attempt }) => {
        const started = async () => ['Starting', 'Running'].includes((await statusOf(call, input)) ?? '');
        if (attempt > 1 && (await started())) return { alreadyStarted: true };
        try {
          await call('ecs:StartInstance', { InstanceId: input.InstanceId }, { regionId: input.RegionId });
        } catch (error) {
          if (error instanceof AlibabaCloudError && error.code === 'IncorrectInstanceStatus' && (await started())) {
            return { alreadyStarted: true };
          }
          throw error;
        }
        return { alreadyStarted: false };
      });
    },

    /** Deletes the instance (Force: a running one is stopped first by the API). */
    async deleteEcsInstance(input: EcsInstanceRef) {
      return runStep(deps, async ({ call }) => {
        if ((await statusOf(call, input)) === undefined) return { deleted: true };
        await call('ecs:DeleteInstance', { InstanceId: input.InstanceId, Force: true }, { regionId: input.RegionId });
        return { deleted: true };
      });
    },

    /** ExpiredTime and charge type of an instance. */
    async describeEcsExpiry(input: EcsInstanceRef) {
      return runStep(deps, async ({ call }) => {
        const { ExpiredTime, InstanceChargeType } = await describeInstance(call, input);
        return { ExpiredTime, InstanceChargeType };
      });
    },

    /** Waits until ExpiredTime differs from `before` (the API may show a renewal a moment late). */
    async waitEcsExpiryMoved(input: EcsInstanceRef & { before: string; policy: ReadinessPolicy; startedAt: number }) {
      return runStep(deps, async ({ call }) => {
        const { ExpiredTime } = await describeInstance(call, input);
        if (ExpiredTime !== input.before) return { ExpiredTime };
        throw notReady(`ExpiredTime still ${ExpiredTime}`, nextLookDelayMs(input.policy, Date.now() - input.startedAt));
      });
    },

    /**
     * One page of a region's subscription instances (DescribeInstances, InstanceChargeType PrePaid, the
     * most a page holds), keeping those that expire by `expiringBy` (epoch ms): a fleet's history holds
     * what it will renew, not the whole listing. The last page's NextToken is empty.
     */
    async listExpiringEcsInstances(input: {
      RegionId: string;
      filters: EcsInstanceFilters;
      NextToken: string;
      expiringBy: number;
    }) {
      return runStep(deps, async ({ call }) => {
        const answer = await call<InstancesAnswer & Record<string, unknown>>(
          'ecs:DescribeInstances',
          {
            ...input.filters,
            RegionId: input.RegionId,
            InstanceChargeType: 'PrePaid',
            MaxResults: MAX_RESULTS.max,
            ...(input.NextToken === '' ? {} : { NextToken: input.NextToken }),
          },
          { regionId: input.RegionId },
        );
        const instances = answer.Instances?.Instance ?? [];
        const expiring = instances
          .filter((instance) => instance.InstanceChargeType === 'PrePaid')
          .filter((instance) => (parseExpiredTime(instance.ExpiredTime) ?? Infinity) <= input.expiringBy)
          .map(
            ({ InstanceId, ExpiredTime }): ExpiringInstance => ({ InstanceId, RegionId: input.RegionId, ExpiredTime }),
          );
        return { listed: instances.length, expiring, NextToken: answer.NextToken ?? '' };
      });
    },

    /** Renews a subscription with the request's ClientToken, or one derived from the workflow run. */
    async renewEcsInstance(input: { request: RenewInstanceRequest; RegionId: string }) {
      return runStep(deps, async ({ call }) => {
        const ClientToken = input.request.ClientToken ?? derivedClientToken('RenewInstance');
        const answer = await call('ecs:RenewInstance', { ...input.request, ClientToken }, { regionId: input.RegionId });
        return { OrderId: answer.OrderId as string | undefined, ClientToken };
      });
    },
  };
}
