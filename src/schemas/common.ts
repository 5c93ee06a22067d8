/**
 * What every request schema shares: input in the API's own parameter names, dotted families
 * accepted both ways, values that may arrive as JSON types or as the wire's strings, issues that
 * name the parameter as the API does (`DataDisk.3.Size`), and cross-field rules that run even when
 * a field is already wrong, so every issue is reported at once.
 */
import { z } from 'zod';
import { boundedCopy, shown } from './bounded-copy';
import { isDottedList, normalizeDotted } from './dotted';
import { unitsOf, type Periods } from '../policy/periods';
import { REGION_ID } from './region';
import type { ValidationIssue, ValidationResult } from './issue';

export type { ValidationIssue, ValidationResult } from './issue';

/** A zod issue path as the API names the parameter: arrays are 1-based (`Tag.1.Key`). */
export function apiPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? String(key + 1) : String(key))).join('.');
}

/**
 * Validates `input` (nested or dotted) against `schema`; on failure, every issue, with API paths.
 * The input is first copied within REQUEST_LIMITS into objects without prototypes, so nothing a
 * request names reaches anything shared, and nothing it holds makes validation run long.
 */
export function validateRequest<T>(schema: z.ZodType<T>, input: unknown): ValidationResult<T> {
  const copied = boundedCopy(input);
  if (!copied.ok) return { ok: false, issues: [shownPath(copied.issue)] };
  if (!isRecord(copied.value))
    return { ok: false, issues: [{ path: '', message: 'must be a JSON object of parameters' }] };
  const normalized = normalizeDotted(copied.value);
  const parsed = schema.safeParse(normalized.value, { error: defaultMessage });
  const issues = [
    ...normalized.issues,
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({ path: apiPath(issue.path), message: issue.message }))),
  ];
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: issues.map(shownPath) };
  return { ok: true, value: parsed.data };
}

/**
 * An issue whose path is shortened for a message: no documented parameter's path is longer than 64
 * characters, but a hostile one (names of 128 characters, nested 8 deep) may be a thousand.
 */
function shownPath(issue: ValidationIssue): ValidationIssue {
  return { path: shown(issue.path), message: issue.message };
}

/** `an object`, `a string`: the JSON type a parameter must have, as a message says it. */
function withArticle(type: string): string {
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Messages for the issues a schema does not word itself: a missing parameter, a wrong JSON type. */
function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type')
    return issue.input === undefined ? 'is required' : `must be ${withArticle(issue.expected)}`;
  if (issue.code === 'unrecognized_keys') {
    // A hostile request may name hundreds of unknown parameters: the message lists a few.
    const named = issue.keys.slice(0, 5).map(shown).join(', ');
    const more = issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : '';
    return `is not a parameter of this action: ${named}${more}`;
  }
  return undefined;
}

/** One line per issue: `DataDisk.3.Size: must be 20 to 32768 GiB for cloud_ssd`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n');
}

// ---- value types that accept both JSON input and the wire's strings ----

/** A text parameter that must be given and not be empty. */
export function text() {
  return z.string().min(1, 'must not be empty');
}

/** `RegionId` of a product whose endpoint is per region. */
export function regionId() {
  // One message for one mistake: an empty or over-long id is not also reported as malformed.
  return z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .refine((id) => id === '' || id.length > 64 || REGION_ID.test(id), 'must be a region id such as cn-hangzhou');
}

/** A required parameter whose schema words its own errors: a missing one still reads "is required". */
export function required<T extends z.ZodType>(schema: T) {
  return z
    .any()
    .refine((value) => value !== undefined, 'is required')
    .pipe(schema);
}

/** An integer, given as a number or as the wire's decimal string. */
export function integer(message = 'must be an integer') {
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^-?\d+$/, message)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().int(message));
}

/** An integer within [min, max]: `must be 20 to 32768` (plus `unit` if given). */
export function integerIn(min: number, max: number, unit = '') {
  const message = `must be an integer from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
  return integer(message).pipe(z.number().min(min, message).max(max, message));
}

/** An integer with a lower bound and no documented upper one. */
export function integerFrom(min: number, unit = '') {
  const message = `must be an integer of at least ${min}${unit ? ` ${unit}` : ''}`;
  return integer(message).pipe(z.number().min(min, message));
}

/** An integer from a fixed set (e.g. `Period`: 1 to 9, 12, 24, ...). */
export function integerOneOf(values: readonly number[]) {
  const message = `must be one of ${values.join(', ')}`;
  return integer(message).refine((value) => values.includes(value), message);
}

/**
 * The wire's spellings of a boolean that Alibaba Cloud accepts: `true`/`false` from most SDKs, and
 * `True`/`False` from the official Python SDKs (Python's `str()`). No other spelling (`TRUE`, `1`).
 */
export const WIRE_BOOLEANS = { true: true, True: true, false: false, False: false } as const;
type WireBoolean = keyof typeof WIRE_BOOLEANS;
const WIRE_BOOLEAN_SPELLINGS = Object.keys(WIRE_BOOLEANS) as [WireBoolean, ...WireBoolean[]];

/** A boolean given as JSON or in one of the wire's spellings; undefined when it is neither. */
export function wireBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && Object.hasOwn(WIRE_BOOLEANS, value)
    ? WIRE_BOOLEANS[value as WireBoolean]
    : undefined;
}

/** A boolean, given as true/false or in one of the wire's spellings (WIRE_BOOLEANS). */
export function boolean() {
  const message = 'must be true or false';
  return z.union([z.boolean(), z.enum(WIRE_BOOLEAN_SPELLINGS).transform((value) => WIRE_BOOLEANS[value])], {
    error: message,
  });
}

/** PeriodUnit: one of the units an action's periods are in. */
export function periodUnit(periods: Periods) {
  return oneOf(unitsOf(periods));
}

/** One of the API's enumerated strings, with a message that lists them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/**
 * A list parameter; `max` is the API's limit on N (UNDOCUMENTED_LIST_MAX where no document gives
 * one). Given as an array, too many items is reported on the first one too many (`Tag.21`); given by
 * positions (`Tag.3.Key`), a position beyond `max` is reported before any array is made, so a
 * position in the millions costs nothing. Neither stops the items and the other rules being checked.
 */
export function list<T extends z.ZodType>(item: T, max: number, label: string) {
  const items = z.array(item).superRefine(
    (items, ctx) => {
      if (Array.isArray(items) && items.length > max) {
        ctx.addIssue({ code: 'custom', path: [max], message: `is one too many: at most ${max} ${label}` });
      }
    },
    { when: () => true },
  );
  return z.preprocess((value, ctx) => {
    if (!isDottedList(value)) return value;
    const positions = Object.keys(value).map(Number);
    const beyond = positions.filter((position) => position > max);
    // Raised as an unrecognized key, the one kind of issue after which zod's pipe still checks the
    // items: the positions beyond the last are names the parameter does not have.
    if (beyond.length > 0) {
      const first = Math.min(...beyond);
      ctx.addIssue({
        code: 'unrecognized_keys',
        keys: [String(first)],
        path: [first - 1],
        input: value,
        message: `is beyond the last position: at most ${max} ${label}`,
      });
    }
    const last = Math.max(0, ...positions.filter((position) => position <= max));
    return Array.from({ length: last }, (_, index) => value[String(index + 1)]);
  }, items);
}

/** An object parameter the API also accepts as one JSON string (Kafka `ServerlessConfig`). */
export function jsonObject<T extends z.ZodType>(shape: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }, shape);
}

/**
 * Runs cross-field `rules` even when some fields already failed, so every issue is reported at
 * once. The rules see the input as given (possibly still wrong), so they read it defensively.
 */
export function withRules<T extends z.ZodType>(
  schema: T,
  rules: (input: Record<string, unknown>, issue: (path: PropertyKey[], message: string) => void) => void,
) {
  return schema.superRefine(
    (value, ctx) =>
      rules(value as Record<string, unknown>, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
    { when: () => true },
  );
}

/** Reads a value that may still be the wire's string as a number; undefined when it is not one. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** True when the parameter was given (not undefined, null or ''). */
export function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

// ---- parameters several actions share ----

const RESERVED_TAG_PREFIXES = ['aliyun', 'acs:'];

/** Text that may not start with a reserved prefix nor contain http:// or https:// (tag keys and values). */
function tagText(min: number, max: number) {
  return z
    .string()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((text) => !RESERVED_TAG_PREFIXES.some((prefix) => text.startsWith(prefix)), {
      message: `must not start with ${RESERVED_TAG_PREFIXES.join(' or ')}`,
    })
    .refine((text) => !/https?:\/\//.test(text), { message: 'must not contain http:// or https://' });
}

export interface TagRules {
  /** Most tags per request (N of Tag.N). */
  max: number;
  keyMax: number;
  valueMin: number;
  valueMax: number;
  /** Whether Value may be given without Key. */
  valueNeedsKey?: boolean;
  /** Older spellings of the members, read as them (ECS keeps `Tag.N.key` / `Tag.N.value`). */
  aliases?: Readonly<Record<string, 'Key' | 'Value'>>;
}

/** `Tag.N.Key` / `Tag.N.Value` with a product's limits; keys must be unique. */
export function tags(rules: TagRules) {
  const tag = z.strictObject({
    Key: tagText(1, rules.keyMax),
    Value: tagText(rules.valueMin, rules.valueMax).optional(),
  });
  const aliases = rules.aliases;
  const item = aliases ? z.preprocess((value, ctx) => readAliases(value, aliases, ctx), tag) : tag;
  return list(item, rules.max, 'tags').superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((tag: { Key?: unknown } | null, index) => {
      const key = tag?.Key;
      if (typeof key !== 'string') return;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'Key'], message: 'repeats an earlier tag key' });
      seen.add(key);
    });
  });
}

/**
 * One tag with its members' older spellings read as the members. Both spellings at once is raised as
 * an unrecognized member that lets parsing continue, so the tag rules still run.
 */
function readAliases(
  value: unknown,
  aliases: Readonly<Record<string, 'Key' | 'Value'>>,
  ctx: z.core.$RefinementCtx,
): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [alias, name] of Object.entries(aliases)) {
    if (copy[alias] === undefined) {
      delete copy[alias];
      continue;
    }
    if (copy[name] === undefined) copy[name] = copy[alias];
    else
      ctx.addIssue({
        code: 'unrecognized_keys',
        keys: [alias],
        path: [alias],
        input: copy,
        message: `is the older spelling of ${name}, which is also given: give only one`,
      });
    delete copy[alias];
  }
  return copy;
}

/** `ClientToken`: ASCII only, at most 64 characters. */
export function clientToken() {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(/^[\x20-\x7e]+$/, 'must contain only printable ASCII characters');
}

/** Names and descriptions the API refuses when they start with http:// or https://. */
export function notStartingWithUrl<T extends z.ZodString>(schema: T) {
  return schema.refine((text) => !/^https?:\/\//.test(text), { message: 'must not start with http:// or https://' });
}
