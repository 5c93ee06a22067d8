/**
 * Billing periods and expiry times: plain arithmetic shared by the workflows (which check that a
 * renewal moved ExpiredTime by the period) and the emulator (which moves it).
 */

export type PeriodUnit = 'Month' | 'Year';

/** PeriodUnit where a request leaves it out, as ECS documents (ENS requires it). */
export const DEFAULT_PERIOD_UNIT: PeriodUnit = 'Month';

/** The values of Period an action takes, by the PeriodUnit they are in. */
export type Periods = Readonly<Partial<Record<PeriodUnit, readonly number[]>>>;

/** The PeriodUnits an action takes. */
export function unitsOf(periods: Periods): [PeriodUnit, ...PeriodUnit[]] {
  return Object.keys(periods) as [PeriodUnit, ...PeriodUnit[]];
}

/**
 * Adds a billing period, keeping the time of day; a month from January 31 ends on the last day of
 * February rather than spilling into March.
 */
export function addPeriod(epochMs: number, period: number, unit: PeriodUnit): number {
  const date = new Date(epochMs);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + (unit === 'Year' ? 12 * period : period));
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/**
 * Reads an ExpiredTime as the APIs write it: ENS `2027-05-07 11:59:09`, ECS `2027-05-07T11:59Z`,
 * or ISO 8601. Times without a zone are read as UTC; undefined when the text is not a time.
 */
export function parseExpiredTime(text: string): number | undefined {
  const iso = text.includes('T') ? text : `${text.replace(' ', 'T')}Z`;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** How far billing systems may round a renewed expiry (month ends, time zones). */
const TOLERANCE_MS = 3 * 24 * 3_600_000;

/** Whether `after` is `before` moved by the period, within the rounding of billing systems. */
export function movedByPeriod(before: string, after: string, period: number, unit: PeriodUnit): boolean {
  const from = parseExpiredTime(before);
  const to = parseExpiredTime(after);
  if (from === undefined || to === undefined) return false;
  return Math.abs(to - addPeriod(from, period, unit)) <= TOLERANCE_MS;
}
