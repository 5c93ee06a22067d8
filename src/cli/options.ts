/**
 * Parsers for the commands' option values. Each accepts the one plain spelling of its kind only (no
 * sign, exponent, hex or white space), so that a typo is refused rather than read as something else.
 */
import { InvalidArgumentError, Option } from 'commander';
import { ACTIONS } from '../actions';
import { parseDuration } from '../duration';
import { JOBS, type WorkflowName } from '../job-kinds';
import { DEFAULT_PERIOD_UNIT, unitsOf, type PeriodUnit } from '../policy/periods';

export const JSON_OPTION = ['--json', 'print machine-readable JSON'] as const;
export const WAIT_OPTION = ['--wait', 'follow the job to its end; the exit code says how it ended'] as const;

/** A duration such as `30s`, `2m` or `1d`, in milliseconds. */
export function durationOption(value: string): number {
  try {
    return parseDuration(value);
  } catch {
    throw new InvalidArgumentError('expected a duration such as 30s or 2m');
  }
}

/** A comma-separated list; blanks around and between the items are dropped. */
export function listOption(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A whole number in decimal digits only (so `''` is not 0). */
export function integerOption(value: string): number {
  return wholeNumber(value, 0, Number.MAX_SAFE_INTEGER, 'expected a whole number such as 12');
}

export function portOption(value: string): number {
  return wholeNumber(value, 0, 65_535, 'expected a port number from 0 to 65535');
}

/** How many of something: at least 1. */
export function countOption(value: string): number {
  return wholeNumber(value, 1, Number.MAX_SAFE_INTEGER, 'expected a whole number of at least 1, such as 20');
}

function wholeNumber(value: string, min: number, max: number, expected: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(expected);
  return number;
}

/** A decimal number of 0 or more (`0.05`; 0 makes every transition instant). */
export function decimalOption(value: string): number {
  if (!/^\d{1,9}(?:\.\d{1,9})?$/.test(value)) throw new InvalidArgumentError('expected a decimal number such as 0.05');
  return Number(value);
}

/** Each renewal kind's PeriodUnits: those of the action it renews with. */
function unitsByKind(kinds: Readonly<Record<string, WorkflowName>>): [string, PeriodUnit[]][] {
  return Object.entries(kinds).flatMap(([kind, name]) => {
    const action: (typeof JOBS)[WorkflowName]['renews'] = JOBS[name].renews;
    return action ? [[kind, unitsOf(ACTIONS[action].periods)]] : [];
  });
}

/** `--period-unit`, offering the units the command's renewal kinds take, and saying which takes which. */
export function periodUnitOption(kinds: Readonly<Record<string, WorkflowName>>): Option {
  const byKind = unitsByKind(kinds);
  const offered = [...new Set(byKind.flatMap(([, units]) => units))];
  const which = byKind.map(([kind, units]) => `${kind}: ${units.join(' or ')}`).join('; ');
  return new Option('--period-unit <unit>', `PeriodUnit (${which})`).choices(offered).default(DEFAULT_PERIOD_UNIT);
}

/** Why `unit` does not fit `kind`, which renews with an action that does not take it; undefined when it fits. */
export function periodUnitMismatch(
  kinds: Readonly<Record<string, WorkflowName>>,
  kind: string,
  unit: string,
): string | undefined {
  const units = unitsByKind(kinds).find(([name]) => name === kind)?.[1];
  if (!units || units.includes(unit as PeriodUnit)) return undefined;
  return `${kind} takes --period-unit ${units.join(' or ')} only (${JOBS[kinds[kind]!].renews} has no other)`;
}
