/**
 * ENS steps. CreateLoadBalancer carries a ClientToken derived from the workflow run.
 * RenewARMServerInstance takes none, so a retry first re-reads ExpiredTime and renews only if it has
 * not moved since the workflow read it. ReleaseInstance looks before it releases.
 */
import { ApplicationFailure } from '@temporalio/common';
import { AlibabaCloudError } from '../alicloud/errors';
import { parseExpiredTime } from '../policy/periods';
import { nextLookDelayMs, type ReadinessPolicy } from '../policy/readiness';
import type { CreateLoadBalancerRequest, RenewARMServerInstanceRequest } from '../schemas/ens';
import { notReady } from './failures';
import { derivedClientToken, runStep, type CloudCall, type StepDependencies } from './step';

type ServersAnswer = {
  Servers?: { ServerId: string; ExpiredTime: string; PayType?: string }[];
  TotalCount?: number;
};

/** DescribeARMServerInstances filters; the API takes each as a JSON-string array. */
export interface ArmServerFilters {
  ServerIds?: string[];
  EnsRegionIds?: string[];
  ServerSpecs?: string[];
  States?: string[];
}

/** A server a fleet renewal will renew. */
export interface ExpiringServer {
  ServerId: string;
  ExpiredTime: string;
}

async function expiredTimeOf(call: CloudCall, serverId: string): Promise<string> {
  const answer = await call<ServersAnswer & Record<string, unknown>>('ens:DescribeARMServerInstances', {
    ServerIds: [serverId],
  });
  const server = answer.Servers?.find((entry) => entry.ServerId === serverId);
  if (!server) {
    throw ApplicationFailure.create({
      type: 'InvalidParameter.InstanceId',
      message: `ENS ARM server ${serverId} does not exist`,
      nonRetryable: true,
    });
  }
  return server.ExpiredTime;
}

/** The load balancer's LoadBalancerStatus; undefined when it does not exist (released, or never made). */
export async function loadBalancerStatus(call: CloudCall, LoadBalancerId: string): Promise<string | undefined> {
  try {
    const answer = await call('ens:DescribeLoadBalancerAttribute', { LoadBalancerId });
    return String(answer.LoadBalancerStatus);
  } catch (error) {
    if (error instanceof AlibabaCloudError && error.code === 'InvalidParameter.LoadBalancerId') return undefined;
    throw error;
  }
}

export function createEnsActivities(deps: StepDependencies) {
  return {
    /** Creates the load balancer with the request's ClientToken, or one derived from the workflow run. */
    async createLoadBalancer(request: CreateLoadBalancerRequest) {
      return runStep(deps, async ({ call }) => {
        const ClientToken = request.ClientToken ?? derivedClientToken('CreateLoadBalancer');
        const answer = await call('ens:CreateLoadBalancer', { ...request, ClientToken });
        return { LoadBalancerId: answer.LoadBalancerId as string, ClientToken };
      });
    },

    /** Waits until LoadBalancerStatus is Active. */
    async waitLoadBalancerActive(input: { LoadBalancerId: string; policy: ReadinessPolicy; startedAt: number }) {
      return runStep(deps, async ({ call }) => {
        const answer = await call('ens:DescribeLoadBalancerAttribute', { LoadBalancerId: input.LoadBalancerId });
        if (answer.LoadBalancerStatus === 'Active') return { LoadBalancerStatus: 'Active' };
        throw notReady(
          `LoadBalancerStatus ${String(answer.LoadBalancerStatus)}`,
          nextLookDelayMs(input.policy, Date.now() - input.startedAt),
        );
      });
    },

    /**
     * Releases a load balancer (ENS ReleaseInstance). It looks first: a retry after a lost answer finds
     * it gone, which is what the first attempt did, where calling again would fail on the missing id.
     */
    async releaseLoadBalancer(input: { LoadBalancerId: string }) {
      return runStep(deps, async ({ call }) => {
        if ((await loadBalancerStatus(call, input.LoadBalancerId)) === undefined) return { released: true };
        await call('ens:ReleaseInstance', { InstanceId: input.LoadBalancerId });
        return { released: true };
      });
    },

    /** The server's ExpiredTime (`2027-05-07 11:59:09`). */
    async describeArmServerExpiry(input: { InstanceId: string }) {
      return runStep(deps, async ({ call }) => ({ ExpiredTime: await expiredTimeOf(call, input.InstanceId) }));
    },

    /** Waits until ExpiredTime differs from `before` (the API may show a renewal a moment late). */
    async waitArmServerExpiryMoved(input: {
      InstanceId: string;
      before: string;
      policy: ReadinessPolicy;
      startedAt: number;
    }) {
      return runStep(deps, async ({ call }) => {
        const ExpiredTime = await expiredTimeOf(call, input.InstanceId);
        if (ExpiredTime !== input.before) return { ExpiredTime };
        throw notReady(`ExpiredTime still ${ExpiredTime}`, nextLookDelayMs(input.policy, Date.now() - input.startedAt));
      });
    },

    /**
     * One page of DescribeARMServerInstances, keeping only the subscription servers that expire by
     * `expiringBy` (epoch ms): a fleet's history holds what it will renew, not the whole listing.
     */
    async listExpiringArmServers(input: {
      filters: ArmServerFilters;
      PageNumber: number;
      PageSize: number;
      expiringBy: number;
    }) {
      return runStep(deps, async ({ call }) => {
        const answer = await call<ServersAnswer & Record<string, unknown>>('ens:DescribeARMServerInstances', {
          ...input.filters,
          PageNumber: input.PageNumber,
          PageSize: input.PageSize,
        });
        const servers = answer.Servers ?? [];
        const expiring = servers
          .filter((server) => server.PayType === 'PrePaid')
          .filter((server) => (parseExpiredTime(server.ExpiredTime) ?? Infinity) <= input.expiringBy)
          .map(({ ServerId, ExpiredTime }): ExpiringServer => ({ ServerId, ExpiredTime }));
        return { TotalCount: answer.TotalCount ?? servers.length, listed: servers.length, expiring };
      });
    },

    /** Renews once: a retry whose first attempt got through sees ExpiredTime moved and stops there. */
    async renewArmServerInstance(input: { request: RenewARMServerInstanceRequest; expiredTimeBefore: string }) {
      return runStep(deps, async ({ call, attempt }) => {
        if (attempt > 1) {
          const now = await expiredTimeOf(call, input.request.InstanceId);
          if (now !== input.expiredTimeBefore) return { alreadyRenewed: true };
        }
        await call('ens:RenewARMServerInstance', { ...input.request });
        return { alreadyRenewed: false };
      });
    },
  };
}
