/**
 * The settings of a fleet renewal that are the project's own, not an API's: the window, how many
 * renewals run at once, how many one run starts. Pure, so the client checks them before it starts a
 * fleet renewal and the workflow checks them again.
 */
import { parseDuration } from '../duration';
import type { ArmServerFilters } from '../activities/ens';
import type { ValidationIssue } from '../schemas/common';
import type { PeriodUnit } from '../policy/periods';
import { own } from '../schemas/lookup';

export const FLEET_DEFAULTS = { concurrency: 50, renewalsPerRun: 500 } as const;

/** The shortest a period can be: a month may have 28 days. */
const SHORTEST_DAYS: Record<PeriodUnit, number> = { Month: 28, Year: 365 };
const DAY_MS = 24 * 3_600_000;

export interface FleetSettings {
  /** Which servers to look at (DescribeARMServerInstances filters); all of them when left out. */
  filters?: ArmServerFilters;
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
const FILTER_NAMES: readonly string[] = ['ServerIds', 'EnsRegionIds', 'ServerSpecs', 'States'];
const MAX_FILTER_VALUES = 100;

/**
 * The filters' issues. They are sent as they are, beside the listing's own parameters, so only the
 * filters' names may be given: any other name would be sent to the API as a parameter of the call.
 */
function filterIssues(filters: unknown): ValidationIssue[] {
  if (filters === undefined) return [];
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters))
    return [{ path: 'filters', message: `must be an object of ${FILTER_NAMES.join(', ')}` }];
  return Object.entries(filters).flatMap(([name, values]): ValidationIssue[] => {
    if (!FILTER_NAMES.includes(name))
      return [{ path: `filters.${name.slice(0, 64)}`, message: `is not a filter: use ${FILTER_NAMES.join(', ')}` }];
    const valid =
      Array.isArray(values) &&
      values.length <= MAX_FILTER_VALUES &&
      values.every((value) => typeof value === 'string' && value.length > 0 && value.length <= 128);
    return valid
      ? []
      : [{ path: `filters.${name}`, message: `must be a list of at most ${MAX_FILTER_VALUES} names or ids` }];
  });
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
  issues.push(...filterIssues(settings.filters));
  issues.push(...wholeNumberIssue('concurrency', settings.concurrency, 1_000));
  issues.push(...wholeNumberIssue('renewalsPerRun', settings.renewalsPerRun, 10_000));
  return issues;
}
