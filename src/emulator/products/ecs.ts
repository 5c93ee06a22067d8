/**
 * ECS (2014-05-26): CreateInstance makes an instance that is Pending and then Stopped; StartInstance
 * takes it through Starting to Running; RenewInstance moves a subscription's ExpiredTime.
 */
import { ApiError, list, oneOf, optionalInteger, page, required, requiredInteger, tags } from '../api-error';
import type { ActionContext, ProductApi } from '../action';
import { ACTIONS } from '../../actions';
import { addPeriod, DEFAULT_PERIOD_UNIT, unitsOf } from '../../policy/periods';
import { wireBoolean } from '../../schemas/common';
import { INSTANCE_CHARGE_TYPES } from '../../schemas/ecs-listing';
import type { EcsInstance } from '../state/ecs';
import { instancesPage, selectInstances } from './ecs-listing';
import type { EmulatorState } from '../store';
import { Timeline } from '../timeline';

/** ECS writes times as `2027-01-01T00:00Z`. */
function ecsTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 16) + 'Z';
}

function dryRunPassed(params: ActionContext['params']): void {
  if (wireBoolean(params.DryRun) === true) {
    throw new ApiError('DryRunOperation', 'The request would have succeeded; DryRun was set, so nothing was done.');
  }
}

function instanceOf({ params, state }: ActionContext): EcsInstance {
  const id = required(params, 'InstanceId');
  const instance = state.ecs.instances.get(id);
  if (!instance) throw new ApiError('InvalidInstanceId.NotFound', `The instance ${id} does not exist.`, 404);
  return instance;
}

/**
 * The region's instances, or only those named, in the order named (none named: all). Named ones are
 * looked up, not searched for: a status poll must not cost more as the emulator holds more instances.
 */
function inRegion(state: EmulatorState, regionId: string, ids: readonly string[]): EcsInstance[] {
  const candidates =
    ids.length === 0 ? [...state.ecs.instances.values()] : [...new Set(ids)].map((id) => state.ecs.instances.get(id));
  return candidates.filter((instance): instance is EcsInstance => instance?.RegionId === regionId);
}

function requireStatus(instance: EcsInstance, now: number, expected: string): void {
  const status = instance.status.at(now);
  if (status !== expected) {
    throw new ApiError('IncorrectInstanceStatus', `The instance is ${status}; this needs it ${expected}.`, 403);
  }
}

export const ecsApi: ProductApi<'ecs'> = {
  product: 'ecs',
  hostId: 'ecs.aliyuncs.com',
  actions: {
    CreateInstance(context) {
      const { params, state, now, accessKeyId } = context;
      const RegionId = required(params, 'RegionId');
      required(params, 'InstanceType');
      if (!params.ImageId && !params.ImageFamily) required(params, 'ImageId');
      const chargeType = oneOf(params, 'InstanceChargeType', INSTANCE_CHARGE_TYPES, 'PostPaid');
      const period = chargeType === 'PrePaid' ? requiredInteger(params, 'Period') : undefined;
      const unit = oneOf(params, 'PeriodUnit', unitsOf(ACTIONS['ecs:CreateInstance'].periods), DEFAULT_PERIOD_UNIT);
      dryRunPassed(params);
      return state.idempotent(accessKeyId, 'ecs:CreateInstance', params, () => {
        const instance: EcsInstance = {
          InstanceId: state.newId('i-'),
          RegionId,
          request: params,
          status: new Timeline('Pending', now).then('Stopped', now + state.duration('ecsCreateMs')),
          InstanceChargeType: chargeType,
          ExpiredTime: period === undefined ? Date.UTC(2099, 11, 31, 15, 59) : addPeriod(now, period, unit),
          CreationTime: now,
        };
        state.ecs.instances.set(instance.InstanceId, instance);
        return { InstanceId: instance.InstanceId, OrderId: chargeType === 'PrePaid' ? state.newId('', 15) : undefined };
      });
    },

    DescribeInstanceStatus({ params, state, now }) {
      const regionId = required(params, 'RegionId');
      const ids = list(params, 'InstanceId');
      if (ids.length > 100) throw new ApiError('InvalidParameter.InstanceId', 'At most 100 InstanceId.N are allowed.');
      const selected = page(params, inRegion(state, regionId, ids), 50);
      return {
        InstanceStatuses: {
          InstanceStatus: selected.items.map((instance) => ({
            InstanceId: instance.InstanceId,
            Status: instance.status.at(now),
          })),
        },
        ...selected.paging,
      };
    },

    DescribeInstances({ params, state, now }) {
      const selected = instancesPage(params, selectInstances(params, state, now));
      return {
        Instances: {
          Instance: selected.items.map((instance) => ({
            InstanceId: instance.InstanceId,
            InstanceName: instance.request.InstanceName ?? instance.InstanceId,
            RegionId: instance.RegionId,
            ZoneId: instance.request.ZoneId ?? `${instance.RegionId}-a`,
            InstanceType: instance.request.InstanceType,
            Status: instance.status.at(now),
            InstanceChargeType: instance.InstanceChargeType,
            CreationTime: ecsTime(instance.CreationTime),
            ExpiredTime: ecsTime(instance.ExpiredTime),
            Tags: { Tag: tags(instance.request).map(({ Key, Value }) => ({ TagKey: Key, TagValue: Value })) },
          })),
        },
        ...selected.paging,
      };
    },

    StartInstance(context) {
      const { state, now } = context;
      const instance = instanceOf(context);
      requireStatus(instance, now, 'Stopped');
      dryRunPassed(context.params);
      instance.status.restart('Starting', now).then('Running', now + state.duration('ecsStartMs'));
      return {};
    },

    StopInstance(context) {
      const { state, now } = context;
      const instance = instanceOf(context);
      requireStatus(instance, now, 'Running');
      instance.status.restart('Stopping', now).then('Stopped', now + state.duration('ecsStopMs'));
      return {};
    },

    RenewInstance(context) {
      const { params, state, accessKeyId } = context;
      const instance = instanceOf(context);
      const period = requiredInteger(params, 'Period');
      const unit = oneOf(params, 'PeriodUnit', unitsOf(ACTIONS['ecs:RenewInstance'].periods), DEFAULT_PERIOD_UNIT);
      if (instance.InstanceChargeType !== 'PrePaid') {
        throw new ApiError('ChargeTypeViolation', 'Only subscription (PrePaid) instances can be renewed.', 403);
      }
      return state.idempotent(accessKeyId, 'ecs:RenewInstance', params, () => {
        instance.ExpiredTime = addPeriod(instance.ExpiredTime, period, unit);
        state.countRenewal(instance.InstanceId);
        return { OrderId: state.newId('', 15) };
      });
    },

    DeleteInstance(context) {
      const { params, state, now } = context;
      const instance = instanceOf(context);
      if (wireBoolean(params.Force) !== true) requireStatus(instance, now, 'Stopped');
      optionalInteger(params, 'TerminateSubscription', { min: 0, max: 1 });
      state.ecs.instances.delete(instance.InstanceId);
      return {};
    },
  },
};

export interface EcsInstanceSeed {
  /** How many instances to add, Running, in `RegionId` (cn-hangzhou when left out). */
  count: number;
  /** Their ExpiredTime: spread evenly from `expiresFrom` over `expiresWithinMs`. Epoch ms. */
  expiresFrom: number;
  expiresWithinMs: number;
  RegionId?: string;
  InstanceChargeType?: 'PrePaid' | 'PostPaid';
  Tag?: { Key: string; Value?: string }[];
}

/**
 * Adds a fleet of ECS instances bought outside any job (a company's existing subscriptions, which
 * CreateInstance would take seconds each to make); returns their ids.
 */
export function seedEcsInstances(state: EmulatorState, seed: EcsInstanceSeed): string[] {
  const now = Date.now();
  const request: Record<string, string> = {};
  (seed.Tag ?? []).forEach(({ Key, Value }, index) => {
    request[`Tag.${index + 1}.Key`] = Key;
    if (Value !== undefined) request[`Tag.${index + 1}.Value`] = Value;
  });
  return Array.from({ length: seed.count }, (_, index) => {
    const instance: EcsInstance = {
      InstanceId: state.newId('i-'),
      RegionId: seed.RegionId ?? 'cn-hangzhou',
      request,
      status: new Timeline('Running', now),
      InstanceChargeType: seed.InstanceChargeType ?? 'PrePaid',
      ExpiredTime: Math.round(seed.expiresFrom + (seed.expiresWithinMs * index) / Math.max(1, seed.count - 1)),
      CreationTime: now,
    };
    state.ecs.instances.set(instance.InstanceId, instance);
    return instance.InstanceId;
  });
}
