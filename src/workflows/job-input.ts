/**
 * The parts of a job's input that are the project's own rather than an API request's: the options
 * every job reads (onFailure, onCancel, deadline) and those some read (start, the expected
 * durations, the RegionId of an ECS renewal). A job may be started around the client, from the Web
 * UI or any Temporal client, with any input at all: the workflow checks these itself before it
 * reads them, and fails with InvalidParameter naming the option rather than misbehave. Pure, so the
 * client checks them too, before it starts a job.
 */
import { parseDuration } from '../duration';
import { REGION_ID } from '../schemas/region';
import type { ValidationIssue } from '../schemas/issue';
import { own } from '../schemas/lookup';

/** The longest deadline a job may ask for: far beyond the 40 minutes of the longest provisioning. */
const MAX_DEADLINE_MS = 7 * 24 * 3_600_000;
/** The longest expected duration of a wait: a day, where a Kafka deploy takes up to 40 minutes. */
const MAX_EXPECTED_MS = 24 * 3_600_000;

const CLEAN_UPS: readonly string[] = ['keep', 'release'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A request completed with stand-ins for what the job fills in itself, for validation. Anything but
 * an object is left as it is, for its schema to refuse ("must be a JSON object of parameters").
 */
export function withStandIns(request: unknown, standIns: Record<string, unknown>): unknown {
  return isRecord(request) ? { ...request, ...standIns } : request;
}

/** A deadline (`"30m"`, or ms) in ms; undefined when it is not one a job may have. */
export function deadlineMsOf(value: unknown): number | undefined {
  let ms: number;
  try {
    ms = typeof value === 'number' ? value : parseDuration(String(value));
  } catch {
    return undefined;
  }
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_DEADLINE_MS ? ms : undefined;
}

const expectedMs = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_EXPECTED_MS
    ? undefined
    : `must be a number of milliseconds from 0 to ${MAX_EXPECTED_MS}`;

/** Each option, and what is wrong with a value of it (undefined: nothing). */
const OPTION_RULES: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  onFailure: (value) => (CLEAN_UPS.includes(value as string) ? undefined : 'must be keep or release'),
  onCancel: (value) => (CLEAN_UPS.includes(value as string) ? undefined : 'must be keep or release'),
  deadline: (value) =>
    deadlineMsOf(value) === undefined
      ? `must be a duration such as 30m, or milliseconds, from 1 ms to ${MAX_DEADLINE_MS / 3_600_000} hours`
      : undefined,
  start: (value) => (typeof value === 'boolean' ? undefined : 'must be true or false'),
  expectedDeployMs: expectedMs,
  expectedCreateMs: expectedMs,
  expectedStartMs: expectedMs,
  expectedActiveMs: expectedMs,
  RegionId: (value) =>
    typeof value === 'string' && REGION_ID.test(value) ? undefined : 'must be a region id such as cn-hangzhou',
};

/** The options a workflow cannot do without, by workflow (an ECS renewal's endpoint is per region). */
const REQUIRED_OPTIONS: Readonly<Record<string, readonly string[]>> = { renewEcsInstance: ['RegionId'] };

/** Every issue of the input's own options (its API requests are validated by their schemas). */
export function jobInputIssues(workflow: string, input: unknown): ValidationIssue[] {
  if (!isRecord(input)) return [{ path: '', message: "must be a JSON object: the job's options and requests" }];
  const issues: ValidationIssue[] = [];
  for (const name of own(REQUIRED_OPTIONS, workflow) ?? [])
    if (own(input, name) === undefined) issues.push({ path: name, message: 'is required' });
  for (const name of Object.keys(OPTION_RULES)) {
    const value = own(input, name);
    if (value === undefined) continue;
    const problem = OPTION_RULES[name]!(value);
    if (problem) issues.push({ path: name, message: problem });
  }
  return issues;
}

/** The input's own field `name`, or undefined when the input is not an object or lacks it. */
export function fieldOf(input: unknown, name: string): unknown {
  return isRecord(input) ? own(input, name) : undefined;
}
