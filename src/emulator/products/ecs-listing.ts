/**
 * ECS DescribeInstances as the API answers it: filters that combine (AND) and do nothing when left
 * out, except `InstanceIds=[]`, which selects nothing; and two ways of paging, the preferred one by
 * `NextToken` + `MaxResults` and the older `PageNumber` + `PageSize`. A region with no instances is
 * an empty page, not an error.
 */
import { ApiError, jsonList, optionalInteger, page, required, tags, type Params } from '../api-error';
import { ECS_TAG_LIMITS, INSTANCE_CHARGE_TYPES, INSTANCE_STATUSES, MAX_RESULTS } from '../../schemas/ecs-listing';
import type { EcsInstance } from '../state/ecs';
import type { EmulatorState } from '../store';

/** One filter value of an enumerated parameter; ECS answers an unknown one with `Invalid<Name>.NotFound`. */
function filterOf(params: Params, name: string, allowed: readonly string[]): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value)) {
    throw new ApiError(`Invalid${name}.NotFound`, `The ${name} "${value}" does not exist.`, 404);
  }
  return value;
}

/** The `Tag.N.Key` / `Tag.N.Value` filters: a tag matches on its key, and on its value when one is given. */
function tagFilters(params: Params): { Key: string; Value?: string }[] {
  const positions = new Set<number>();
  for (const name of Object.keys(params)) {
    const match = /^Tag\.(\d+)\.(?:Key|Value)$/.exec(name);
    if (match) positions.add(Number(match[1]));
  }
  if ([...positions].some((position) => position < 1 || position > ECS_TAG_LIMITS.max)) {
    throw new ApiError(
      'InvalidTagCount',
      `At most ${ECS_TAG_LIMITS.max} tags can be given (Tag.1 to Tag.${ECS_TAG_LIMITS.max}).`,
    );
  }
  return [...positions]
    .sort((a, b) => a - b)
    .map((position) => {
      const Key = params[`Tag.${position}.Key`];
      const Value = params[`Tag.${position}.Value`];
      if (!Key) throw new ApiError('InvalidTag.Mismatch', `Tag.${position}.Value is given without its Key.`);
      return { Key, Value };
    });
}

function carries(instance: EcsInstance, wanted: { Key: string; Value?: string }[]): boolean {
  const own = tags(instance.request);
  return wanted.every(({ Key, Value }) =>
    own.some((tag) => tag.Key === Key && (Value === undefined || tag.Value === Value)),
  );
}

/** The instances of the region the request's filters select, in the order they were created. */
export function selectInstances(params: Params, state: EmulatorState, now: number): EcsInstance[] {
  const regionId = required(params, 'RegionId');
  const ids = jsonList(params, 'InstanceIds');
  const chargeType = filterOf(params, 'InstanceChargeType', INSTANCE_CHARGE_TYPES);
  const status = filterOf(params, 'Status', INSTANCE_STATUSES);
  const wantedTags = tagFilters(params);
  const candidates = ids
    ? [...new Set(ids)].map((id) => state.ecs.instances.get(id)).filter((instance) => instance !== undefined)
    : [...state.ecs.instances.values()];
  return candidates.filter(
    (instance) =>
      instance.RegionId === regionId &&
      (!chargeType || instance.InstanceChargeType === chargeType) &&
      (!status || instance.status.at(now) === status) &&
      carries(instance, wantedTags),
  );
}

/** The token of the page that starts at `offset`: opaque to callers, as the API's are. */
function tokenAt(offset: number): string {
  return Buffer.from(`page-from:${offset}`).toString('hex');
}

function offsetOf(token: string): number {
  const match = /^[0-9a-f]{1,40}$/.test(token)
    ? /^page-from:(\d{1,9})$/.exec(Buffer.from(token, 'hex').toString())
    : null;
  if (!match) throw new ApiError('InvalidParameter.NextToken', `The NextToken "${token.slice(0, 64)}" is not valid.`);
  return Number(match[1]);
}

/**
 * One page of `items`: by `NextToken` + `MaxResults` when either is given (PageNumber and PageSize
 * are then ignored, as the API does), else by PageNumber + PageSize. The last page's NextToken is
 * empty.
 */
export function instancesPage<T>(params: Params, items: readonly T[]) {
  const byToken = (params.NextToken ?? '') !== '' || (params.MaxResults ?? '') !== '';
  if (!byToken) return page(params, items, 100);
  const asked = optionalInteger(params, 'MaxResults') ?? MAX_RESULTS.min;
  const size = Math.min(MAX_RESULTS.max, Math.max(MAX_RESULTS.min, asked));
  const start = params.NextToken ? offsetOf(params.NextToken) : 0;
  const end = start + size;
  return {
    items: items.slice(start, end),
    paging: { TotalCount: items.length, MaxResults: size, NextToken: end < items.length ? tokenAt(end) : '' },
  };
}
