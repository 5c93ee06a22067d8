/**
 * ENS (2017-11-10), one central endpoint: edge load balancers (InActive, then Active), listed one by
 * one or a page at a time, and ARM servers, whose renewals move ExpiredTime by the period.
 */
import { ApiError, jsonList, oneOf, page, required, requiredInteger } from '../api-error';
import type { ProductApi } from '../action';
import { ACTIONS } from '../../actions';
import { addPeriod, unitsOf } from '../../policy/periods';
import type { ArmServer, LoadBalancer } from '../state/ens';
import type { EmulatorState } from '../store';
import { Timeline } from '../timeline';

/** ENS writes times as `2027-05-07 11:59:09` (UTC here). */
export function ensTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

function describeServer(server: ArmServer) {
  return {
    ServerId: server.ServerId,
    EnsRegionId: server.EnsRegionId,
    SpecName: server.SpecName,
    PayType: server.PayType,
    State: server.State,
    Status: server.Status,
    CreationTime: ensTime(server.CreationTime),
    ExpiredTime: ensTime(server.ExpiredTime),
    AICInstances: [],
  };
}

function describeLoadBalancer(balancer: LoadBalancer, now: number) {
  const { request } = balancer;
  return {
    LoadBalancerId: balancer.LoadBalancerId,
    LoadBalancerName: request.LoadBalancerName ?? balancer.LoadBalancerId,
    LoadBalancerStatus: balancer.status.at(now),
    EnsRegionId: request.EnsRegionId,
    NetworkId: request.NetworkId,
    VSwitchId: request.VSwitchId,
    LoadBalancerSpec: request.LoadBalancerSpec,
    PayType: request.PayType,
    CreateTime: new Date(balancer.CreateTime).toISOString().slice(0, 19) + 'Z',
  };
}

/** DescribeLoadBalancers' filters that select by one value each; all of them apply together. */
const LOAD_BALANCER_FILTERS = [
  'LoadBalancerId',
  'LoadBalancerName',
  'LoadBalancerStatus',
  'EnsRegionId',
  'NetworkId',
  'VSwitchId',
] as const;

export const ensApi: ProductApi<'ens'> = {
  product: 'ens',
  hostId: 'ens.aliyuncs.com',
  actions: {
    CreateLoadBalancer({ params, state, now, accessKeyId }) {
      for (const name of ['EnsRegionId', 'LoadBalancerSpec', 'NetworkId', 'VSwitchId']) required(params, name);
      oneOf(params, 'PayType', ['PostPaid']);
      return state.idempotent(accessKeyId, 'ens:CreateLoadBalancer', params, () => {
        const balancer: LoadBalancer = {
          LoadBalancerId: state.newId('lb-', 25),
          request: params,
          status: new Timeline('InActive', now).then('Active', now + state.duration('loadBalancerCreateMs')),
          CreateTime: now,
        };
        state.ens.loadBalancers.set(balancer.LoadBalancerId, balancer);
        return {
          LoadBalancerId: balancer.LoadBalancerId,
          LoadBalancerName: params.LoadBalancerName,
          NetworkId: params.NetworkId,
          VSwitchId: params.VSwitchId,
        };
      });
    },

    DescribeLoadBalancerAttribute({ params, state, now }) {
      const id = required(params, 'LoadBalancerId');
      const balancer = state.ens.loadBalancers.get(id);
      if (!balancer) throw new ApiError('InvalidParameter.LoadBalancerId', `The load balancer ${id} does not exist.`);
      return describeLoadBalancer(balancer, now);
    },

    DescribeLoadBalancers({ params, state, now }) {
      const regions = jsonList(params, 'EnsRegionIds');
      const matches = [...state.ens.loadBalancers.values()]
        .map((balancer) => describeLoadBalancer(balancer, now))
        .filter(
          (listed) =>
            LOAD_BALANCER_FILTERS.every((name) => !params[name] || params[name] === listed[name]) &&
            (!regions || regions.includes(listed.EnsRegionId ?? '')),
        );
      const selected = page(params, matches, 100);
      return { LoadBalancers: { LoadBalancer: selected.items }, ...selected.paging };
    },

    ReleaseInstance({ params, state }) {
      const id = required(params, 'InstanceId');
      if (!state.ens.loadBalancers.delete(id) && !state.ens.armServers.delete(id)) {
        throw new ApiError('InvalidParameter.InstanceId', `The instance ${id} does not exist.`);
      }
      return {};
    },

    DescribeARMServerInstances({ params, state }) {
      const ids = jsonList(params, 'ServerIds');
      const states = jsonList(params, 'States');
      const regions = jsonList(params, 'EnsRegionIds');
      const specs = jsonList(params, 'ServerSpecs');
      const matches = [...state.ens.armServers.values()].filter(
        (server) =>
          (!ids || ids.includes(server.ServerId)) &&
          (!states || states.includes(server.State)) &&
          (!regions || regions.includes(server.EnsRegionId)) &&
          (!specs || specs.includes(server.SpecName)),
      );
      const selected = page(params, matches, 100);
      return {
        Servers: selected.items.map(describeServer),
        ...selected.paging,
      };
    },

    RenewARMServerInstance({ params, state }) {
      const id = required(params, 'InstanceId');
      // Period's lengths are checked by the request schema before any handler runs.
      const period = requiredInteger(params, 'Period');
      const unit = oneOf(params, 'PeriodUnit', unitsOf(ACTIONS['ens:RenewARMServerInstance'].periods));
      const server = state.ens.armServers.get(id);
      if (!server) throw new ApiError('InvalidParameter.InstanceId', `The server ${id} does not exist.`);
      if (server.PayType !== 'PrePaid') {
        throw new ApiError('OrderAbnormalResourceStatusForRenew', 'Only subscription servers can be renewed.');
      }
      server.ExpiredTime = addPeriod(server.ExpiredTime, period, unit);
      state.countRenewal(id);
      return {};
    },
  },
};

export interface ArmServerSeed {
  /** How many servers to add. */
  count: number;
  /** Their ExpiredTime: spread evenly from `expiresFrom` over `expiresWithinMs`. Epoch ms. */
  expiresFrom: number;
  expiresWithinMs: number;
  EnsRegionId?: string;
  SpecName?: string;
  PayType?: 'PrePaid' | 'PostPaid';
}

/** Adds a fleet of ARM servers (the API has no call that buys them in seconds); returns their ids. */
export function seedArmServers(state: EmulatorState, seed: ArmServerSeed): string[] {
  const ids: string[] = [];
  for (let index = 0; index < seed.count; index++) {
    const server: ArmServer = {
      ServerId: state.newId('cas-', 24),
      EnsRegionId: seed.EnsRegionId ?? 'cn-hangzhou-telecom',
      SpecName: seed.SpecName ?? 'cas.cf2.xlarge',
      PayType: seed.PayType ?? 'PrePaid',
      State: 'success',
      Status: 'running',
      CreationTime: seed.expiresFrom - 30 * 24 * 3_600_000,
      ExpiredTime: Math.round(seed.expiresFrom + (seed.expiresWithinMs * index) / Math.max(1, seed.count - 1)),
    };
    state.ens.armServers.set(server.ServerId, server);
    ids.push(server.ServerId);
  }
  return ids;
}
