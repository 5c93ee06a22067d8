/**
 * Durations as people write them: `30s`, `2m`, `12h`, `7d`, `1.5 hours`, or a plain number of
 * milliseconds. The syntax is the one Temporal's own duration strings take, so a job's deadline or a
 * fleet renewal's window reads the same in the client, the worker, and histories recorded before this
 * module replaced the SDK's internal parser. Pure: workflow code uses it too.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every unit name, in lower case, and its length in ms (a year is 365.25 days). */
const UNITS: ReadonlyMap<string, number> = new Map(
  (
    [
      [['milliseconds', 'millisecond', 'msecs', 'msec', 'ms'], 1],
      [['seconds', 'second', 'secs', 'sec', 's'], SECOND],
      [['minutes', 'minute', 'mins', 'min', 'm'], MINUTE],
      [['hours', 'hour', 'hrs', 'hr', 'h'], HOUR],
      [['days', 'day', 'd'], DAY],
      [['weeks', 'week', 'w'], 7 * DAY],
      [['years', 'year', 'yrs', 'yr', 'y'], 365.25 * DAY],
    ] as const
  ).flatMap(([spellings, ms]) => spellings.map((spelling) => [spelling, ms] as const)),
);

/** A number (an optional sign and fraction), optional spaces, then a unit, or none for milliseconds. */
const DURATION = /^(-?(?:\d+)?\.?\d+) *([a-z]+)?$/i;

/** The duration in milliseconds; throws a RangeError for anything else. */
export function parseDuration(text: string): number {
  const match = text.length <= 100 ? DURATION.exec(text) : null;
  const unit = match ? UNITS.get((match[2] ?? 'ms').toLowerCase()) : undefined;
  if (!match || unit === undefined) {
    throw new RangeError(`not a duration: "${text.slice(0, 100)}" (write it as 30s, 2m, 12h or 7d)`);
  }
  return Number(match[1]) * unit;
}
