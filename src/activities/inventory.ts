/**
 * The inventory's look at the cloud, read only: the ECS instances and Kafka instances that carry a
 * job's tag, in every region asked for, and the resources the jobs name that carry none (load
 * balancers, which take no tag; instances and servers the jobs renewed).
 */
import { ApplicationFailure } from '@temporalio/common';
import { JOB_TAG_KEY } from '../actions';
import { FailureType } from '../failure-types';
import { statusOf } from './ecs';
import { loadBalancerStatus } from './ens';
import { listInstances } from './kafka';
import { MAX_RESULTS } from '../schemas/ecs-listing';
import { runStep, type CloudCall, type StepDependencies } from './step';

export type ResourceKind = 'ecs' | 'kafka' | 'ens-lb' | 'ens-arm';

export interface Tag {
  Key: string;
  Value?: string;
}

/** A resource as the cloud shows it, in the API's names. */
export interface CloudResource {
  ResourceId: string;
  kind: ResourceKind;
  RegionId?: string;
  /** Status, ServiceStatus or LoadBalancerStatus, as text. */
  Status: string;
  /** Subscriptions only (PrePaid): when it expires, as the API writes it. */
  ExpiredTime?: string;
  Tags: Tag[];
  /** ENS ARM servers: what a fleet renewal's filters select by. */
  EnsRegionId?: string;
  SpecName?: string;
  State?: string;
}

export interface LookUpRequest {
  /** Regions whose tagged ECS and Kafka instances are listed. */
  regions: string[];
  /** Instances the jobs renewed (they may carry no tag), by region. */
  ecsInstances: { InstanceId: string; RegionId: string }[];
  loadBalancerIds: string[];
  armServerIds: string[];
}

/** The most ids one call takes (InstanceIds, ServerIds). */
const IDS_PER_CALL = 100;

type EcsInstance = {
  InstanceId: string;
  RegionId?: string;
  Status: string;
  InstanceChargeType: string;
  ExpiredTime: string;
  Tags?: { Tag?: { TagKey: string; TagValue?: string }[] };
};

function chunks<T>(items: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / IDS_PER_CALL) }, (_, index) =>
    items.slice(index * IDS_PER_CALL, (index + 1) * IDS_PER_CALL),
  );
}

/** Every page of a DescribeInstances listing. */
async function describeInstances(call: CloudCall, params: Record<string, unknown>): Promise<CloudResource[]> {
  const found: CloudResource[] = [];
  const RegionId = params.RegionId as string;
  for (let NextToken = ''; ; ) {
    const answer = await call<{ Instances?: { Instance?: EcsInstance[] }; NextToken?: string }>(
      'ecs:DescribeInstances',
      { ...params, MaxResults: MAX_RESULTS.max, ...(NextToken ? { NextToken } : {}) },
      { regionId: RegionId },
    );
    for (const instance of answer.Instances?.Instance ?? []) {
      found.push({
        ResourceId: instance.InstanceId,
        kind: 'ecs',
        RegionId,
        Status: instance.Status,
        ExpiredTime: instance.InstanceChargeType === 'PrePaid' ? instance.ExpiredTime : undefined,
        Tags: (instance.Tags?.Tag ?? []).map(({ TagKey, TagValue }) => ({ Key: TagKey, Value: TagValue })),
      });
    }
    // A token that does not move would list the same page for ever.
    if (!answer.NextToken || answer.NextToken === NextToken) return found;
    NextToken = answer.NextToken;
  }
}

async function kafkaInstances(call: CloudCall, RegionId: string): Promise<CloudResource[]> {
  type Vo = { InstanceId: string; ServiceStatus: number; Tags?: { TagVO?: Tag[] } };
  const answer = await call<{ InstanceList?: { InstanceVO?: Vo[] } }>('alikafka:GetInstanceList', {
    RegionId,
    Tag: [{ Key: JOB_TAG_KEY }],
  });
  return (answer.InstanceList?.InstanceVO ?? []).map((instance) => ({
    ResourceId: instance.InstanceId,
    kind: 'kafka' as const,
    RegionId,
    Status: `ServiceStatus ${instance.ServiceStatus}`,
    Tags: instance.Tags?.TagVO ?? [],
  }));
}

/** The most load balancers one DescribeLoadBalancers page holds (PageSize is 10 to 100). */
export const LOAD_BALANCER_PAGE_SIZE = 100;

/**
 * The load balancers among `ids` that exist, read from every page of DescribeLoadBalancers: a page
 * of 100 costs one call where each load balancer's DescribeLoadBalancerAttribute costs one, so the
 * listing is cheaper unless the account holds a hundred times more load balancers than the jobs bought.
 */
export async function loadBalancers(call: CloudCall, ids: ReadonlySet<string>): Promise<CloudResource[]> {
  type Listed = { LoadBalancerId: string; LoadBalancerStatus: string };
  const found: CloudResource[] = [];
  if (ids.size === 0) return found;
  for (let PageNumber = 1; ; PageNumber++) {
    const answer = await call<{ LoadBalancers?: { LoadBalancer?: Listed[] }; TotalCount?: number }>(
      'ens:DescribeLoadBalancers',
      { PageNumber, PageSize: LOAD_BALANCER_PAGE_SIZE },
    );
    const listed = answer.LoadBalancers?.LoadBalancer ?? [];
    for (const balancer of listed) {
      if (!ids.has(balancer.LoadBalancerId)) continue;
      found.push({
        ResourceId: balancer.LoadBalancerId,
        kind: 'ens-lb',
        Status: balancer.LoadBalancerStatus,
        Tags: [],
      });
    }
    // A short page is the last; so is the one that reaches TotalCount.
    if (listed.length < LOAD_BALANCER_PAGE_SIZE || PageNumber * LOAD_BALANCER_PAGE_SIZE >= (answer.TotalCount ?? 0))
      return found;
  }
}

async function armServers(call: CloudCall, ServerIds: string[]): Promise<CloudResource[]> {
  type Server = {
    ServerId: string;
    ExpiredTime: string;
    PayType?: string;
    Status?: string;
    State?: string;
    EnsRegionId?: string;
    SpecName?: string;
  };
  const answer = await call<{ Servers?: Server[] }>('ens:DescribeARMServerInstances', {
    ServerIds,
    PageSize: IDS_PER_CALL,
  });
  return (answer.Servers ?? []).map((server) => ({
    ResourceId: server.ServerId,
    kind: 'ens-arm' as const,
    Status: server.Status ?? '',
    ExpiredTime: server.PayType === 'PrePaid' ? server.ExpiredTime : undefined,
    Tags: [],
    EnsRegionId: server.EnsRegionId,
    SpecName: server.SpecName,
    State: server.State,
  }));
}

export function createInventoryActivities(deps: StepDependencies & { regionId: string }) {
  return {
    /**
     * Where one resource stands: ECS Status, Kafka ServiceStatus, ENS LoadBalancerStatus; nothing
     * when it does not exist. What `adopt` reads before it decides what is left to do.
     */
    async resourceStatus(ref: { kind: ResourceKind; ResourceId: string; RegionId?: string }) {
      return runStep(deps, async ({ call }): Promise<{ Status?: string; ServiceStatus?: number }> => {
        const RegionId = ref.RegionId ?? deps.regionId;
        if (ref.kind === 'ecs') return { Status: await statusOf(call, { InstanceId: ref.ResourceId, RegionId }) };
        if (ref.kind === 'kafka') {
          const [instance] = await listInstances(call, { RegionId, InstanceId: [ref.ResourceId] });
          return { ServiceStatus: instance?.ServiceStatus };
        }
        if (ref.kind === 'ens-lb') return { Status: await loadBalancerStatus(call, ref.ResourceId) };
        throw ApplicationFailure.create({
          type: FailureType.invalidParameter,
          message: `${ref.kind} resources are not adopted`,
          nonRetryable: true,
        });
      });
    },

    /**
     * What the cloud holds of what the jobs bought or renewed. The worker's own region is always
     * listed, so a job that named none is not missed. Each resource once, even when found two ways.
     */
    async lookUpResources(request: LookUpRequest) {
      return runStep(deps, async ({ call }) => {
        const regions = [...new Set([deps.regionId, ...request.regions])];
        const found: CloudResource[] = [];
        for (const RegionId of regions) {
          found.push(...(await describeInstances(call, { RegionId, Tag: [{ Key: JOB_TAG_KEY }] })));
          found.push(...(await kafkaInstances(call, RegionId)));
        }
        for (const RegionId of new Set(request.ecsInstances.map((instance) => instance.RegionId))) {
          const ids = request.ecsInstances
            .filter((instance) => instance.RegionId === RegionId)
            .map((i) => i.InstanceId);
          for (const InstanceIds of chunks([...new Set(ids)])) {
            found.push(...(await describeInstances(call, { RegionId, InstanceIds })));
          }
        }
        found.push(...(await loadBalancers(call, new Set(request.loadBalancerIds))));
        for (const ids of chunks([...new Set(request.armServerIds)])) found.push(...(await armServers(call, ids)));
        const byId = new Map(found.map((resource) => [resource.ResourceId, resource]));
        return [...byId.values()];
      });
    },
  };
}
