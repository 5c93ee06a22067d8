/**
 * The settings of a fleet renewal that are the project's own, not an API's: the window, how many
 * renewals run at once, how many one run starts. Pure, so the client checks them before it starts a
 * fleet renewal and the workflow checks them again.
 */
import { parseDuration } from '../duration';
import type { ValidationIssue } from '../schemas/common';
import type { PeriodUnit } from '../policy/periods';
import { own } from '../schemas/lookup';
import { ECS_TAG_LIMITS, INSTANCE_STATUSES } from '../schemas/ecs-listing';
import { REGION_ID } from '../schemas/region';

export const FLEET_DEFAULTS = { concurrency: 50, renewalsPerRun: 500 } as const;

/** The shortest a period can be: a month may have 28 days. */
const SHORTEST_DAYS: Record<PeriodUnit, number> = { Month: 28, Year: 365 };
const DAY_MS = 24 * 3_600_000;

export interface FleetSettings {
  /** Renew the servers whose ExpiredTime is at most this far ahead, e.g. `7d`. */
  window: string;
  /** Renewals in flight at once: enough to keep a 10/s rate-limited queue busy. @default 50 */
  concurrency?: number;
  /** Renewals one run starts before it continues as new, which keeps each history small. @default 500 */
  renewalsPerRun?: number;
}

function durationMs(text: string): number | undefined {
  try {
    const ms = parseDuration(text);
    return Number.isFinite(ms) && ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

function wholeNumberIssue(path: string, value: number | undefined, max: number): ValidationIssue[] {
  if (value === undefined || (Number.isInteger(value) && value >= 1 && value <= max)) return [];
  return [{ path, message: `must be a whole number from 1 to ${max}, got ${String(value)}` }];
}

/** DescribeARMServerInstances' filters, each a list of ids sent as JSON text. */
const ARM_FILTER_NAMES: readonly string[] = ['ServerIds', 'EnsRegionIds', 'ServerSpecs', 'States'];
/** The most ids a listing's id filter takes (ServerIds, InstanceIds). */
const MAX_FILTER_VALUES = 100;

function isIdList(values: unknown, max: number): boolean {
  return (
    Array.isArray(values) &&
    values.length <= max &&
    values.every((value) => typeof value === 'string' && value.length > 0 && value.length <= 128)
  );
}

/**
 * The filters' issues, `check` saying what is wrong with one filter's value. Filters are sent as they
 * are, beside the listing's own parameters, so only the filters' names may be given: any other name
 * would be sent to the API as a parameter of the call.
 */
function filterIssues(
  filters: unknown,
  names: readonly string[],
  check: (name: string, value: unknown) => string | undefined,
): ValidationIssue[] {
  if (filters === undefined) return [];
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters))
    return [{ path: 'filters', message: `must be an object of ${names.join(', ')}` }];
  return Object.entries(filters).flatMap(([name, value]): ValidationIssue[] => {
    if (name === '') return [{ path: 'filters', message: `names a filter "": use ${names.join(', ')}` }];
    if (!names.includes(name))
      return [{ path: `filters.${name.slice(0, 64)}`, message: `is not a filter: use ${names.join(', ')}` }];
    const message = check(name, value);
    return message === undefined ? [] : [{ path: `filters.${name}`, message }];
  });
}

/** The issues of an ENS ARM fleet's DescribeARMServerInstances filters. */
export function armFilterIssues(filters: unknown): ValidationIssue[] {
  return filterIssues(filters, ARM_FILTER_NAMES, (_name, values) =>
    isIdList(values, MAX_FILTER_VALUES) ? undefined : `must be a list of at most ${MAX_FILTER_VALUES} names or ids`,
  );
}

/** DescribeInstances' filters an ECS fleet may set; RegionId comes from `regions`, InstanceChargeType is PrePaid. */
const ECS_FILTER_NAMES: readonly string[] = ['InstanceIds', 'Status', 'Tag'];
/** The most regions one ECS fleet renewal lists: more than Alibaba Cloud has. */
export const MAX_FLEET_REGIONS = 50;

function isEcsTag(tag: unknown): boolean {
  if (typeof tag !== 'object' || tag === null || Array.isArray(tag)) return false;
  const { Key, Value, ...rest } = tag as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof Key === 'string' &&
    Key.length >= 1 &&
    Key.length <= ECS_TAG_LIMITS.keyMax &&
    (Value === undefined || (typeof Value === 'string' && Value.length <= ECS_TAG_LIMITS.valueMax))
  );
}

function ecsFilterMessage(name: string, value: unknown): string | undefined {
  if (name === 'InstanceIds')
    return isIdList(value, MAX_FILTER_VALUES)
      ? undefined
      : `must be a list of at most ${MAX_FILTER_VALUES} instance ids`;
  if (name === 'Status')
    return (INSTANCE_STATUSES as readonly unknown[]).includes(value)
      ? undefined
      : `must be one of ${INSTANCE_STATUSES.join(', ')}`;
  const valid =
    Array.isArray(value) &&
    value.length <= ECS_TAG_LIMITS.max &&
    value.every(isEcsTag) &&
    new Set(value.map((tag: { Key: string }) => tag.Key)).size === value.length;
  return valid
    ? undefined
    : `must be a list of at most ${ECS_TAG_LIMITS.max} tags { Key (1 to ${ECS_TAG_LIMITS.keyMax} characters), Value (at most ${ECS_TAG_LIMITS.valueMax}) }, each key once`;
}

/** The issues of an ECS fleet's regions (RegionIds, each listed once) and DescribeInstances filters. */
export function ecsFleetIssues(regions: unknown, filters: unknown): ValidationIssue[] {
  const issues = filterIssues(filters, ECS_FILTER_NAMES, ecsFilterMessage);
  const valid =
    Array.isArray(regions) &&
    regions.length >= 1 &&
    regions.length <= MAX_FLEET_REGIONS &&
    regions.every((region) => typeof region === 'string' && region.length <= 64 && REGION_ID.test(region)) &&
    new Set(regions).size === regions.length;
  if (!valid)
    issues.unshift({
      path: 'regions',
      message: `must be a list of 1 to ${MAX_FLEET_REGIONS} region ids such as cn-hangzhou, each once`,
    });
  return issues;
}

/** The window in milliseconds; throws nothing, so call it after `fleetSettingsIssues` found none. */
export function windowMs(settings: FleetSettings): number {
  return durationMs(settings.window) ?? 0;
}

/**
 * Every issue of the settings. The window must be shorter than the period: a renewed server then
 * leaves the window, so the next scheduled run cannot renew it again.
 */
export function fleetSettingsIssues(
  settings: FleetSettings,
  renewal: { Period?: number; PeriodUnit?: PeriodUnit },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const window = typeof settings.window === 'string' ? durationMs(settings.window) : undefined;
  if (window === undefined) {
    issues.push({ path: 'window', message: `must be a duration such as 7d or 36h, got ${String(settings.window)}` });
  } else if (renewal.Period !== undefined && renewal.PeriodUnit !== undefined) {
    const shortestDays = own(SHORTEST_DAYS, renewal.PeriodUnit);
    if (shortestDays !== undefined && window >= renewal.Period * shortestDays * DAY_MS) {
      issues.push({
        path: 'window',
        message: `must be shorter than the period (${renewal.Period} ${renewal.PeriodUnit}), or a renewed server would stay in the window and be renewed again`,
      });
    }
  }
  issues.push(...wholeNumberIssue('concurrency', settings.concurrency, 1_000));
  issues.push(...wholeNumberIssue('renewalsPerRun', settings.renewalsPerRun, 10_000));
  return issues;
}
