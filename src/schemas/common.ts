/**
 * What every request schema shares: input in the API's own parameter names, dotted families
 * accepted both ways, values that may arrive as JSON types or as the wire's strings, issues that
 * name the parameter as the API does (`DataDisk.3.Size`), and cross-field rules that run even when
 * a field is already wrong, so every issue is reported at once.
 */
import { z } from 'zod';

/** One problem with a request: the parameter as the API names it, and the rule it breaks. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** A zod issue path as the API names the parameter: arrays are 1-based (`Tag.1.Key`). */
export function apiPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? String(key + 1) : String(key))).join('.');
}

const INDEX = /^[1-9]\d*$/;

/**
 * Turns dotted keys into the nested form: `{"SystemDisk.Category": "x"}` becomes
 * `{SystemDisk: {Category: "x"}}` and `{"DataDisk.2.Size": 40}` becomes `{DataDisk: [, {Size: 40}]}`
 * (numeric segments are the API's 1-based list positions). Nested input passes through unchanged.
 */
export function normalizeDotted(input: Record<string, unknown>): {
  value: Record<string, unknown>;
  issues: ValidationIssue[];
} {
  const root: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  const assign = (target: Record<string, unknown> | unknown[], segments: string[], value: unknown, path: string) => {
    const [head, ...rest] = segments as [string, ...string[]];
    const key: string | number = Array.isArray(target) ? Number(head) - 1 : head;
    const slot = target as Record<string | number, unknown>;
    if (rest.length === 0) {
      if (slot[key] !== undefined) issues.push({ path, message: 'is given twice (dotted and nested)' });
      else slot[key] = value;
      return;
    }
    const wantsList = INDEX.test(rest[0]!);
    const existing = slot[key];
    if (existing === undefined) slot[key] = wantsList ? [] : {};
    else if (Array.isArray(existing) !== wantsList || typeof existing !== 'object' || existing === null) {
      issues.push({ path, message: `conflicts with ${apiPath([head])} given in another form` });
      return;
    }
    assign(slot[key] as Record<string, unknown> | unknown[], rest, value, path);
  };
  for (const [name, value] of Object.entries(input)) {
    if (!name.includes('.')) {
      if (root[name] === undefined) root[name] = value;
      else mergeInto(root, name, value, issues);
      continue;
    }
    const segments = name.split('.');
    if (segments.some((segment) => segment === '') || INDEX.test(segments[0]!)) {
      issues.push({ path: name, message: 'is not a parameter name' });
      continue;
    }
    assign(root, segments, value, name);
  }
  return { value: root, issues };
}

/** A nested value given after its dotted parts (`SystemDisk` after `SystemDisk.Size`): merge the two. */
function mergeInto(root: Record<string, unknown>, name: string, value: unknown, issues: ValidationIssue[]): void {
  const existing = root[name];
  if (isPlainObject(existing) && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (existing[key] !== undefined)
        issues.push({ path: `${name}.${key}`, message: 'is given twice (dotted and nested)' });
      else existing[key] = item;
    }
  } else if (Array.isArray(existing) && Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      if (existing[index] === undefined) existing[index] = item;
      else issues.push({ path: `${name}.${index + 1}`, message: 'is given twice (dotted and nested)' });
    });
  } else {
    issues.push({ path: name, message: 'is given twice (dotted and nested)' });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates `input` (nested or dotted) against `schema`; on failure, every issue, with API paths.
 * A list given only from position 2 (`DataDisk.2.Size` without `DataDisk.1`) reports the gap.
 */
export function validateRequest<T>(schema: z.ZodType<T>, input: unknown): ValidationResult<T> {
  if (!isPlainObject(input))
    return { ok: false, issues: [{ path: '', message: 'must be a JSON object of parameters' }] };
  const normalized = normalizeDotted(input);
  const parsed = schema.safeParse(normalized.value, { error: defaultMessage });
  const issues = [
    ...normalized.issues,
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({ path: apiPath(issue.path), message: issue.message }))),
  ];
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, value: parsed.data };
}

/** Messages for the issues a schema does not word itself: a missing parameter, a wrong JSON type. */
function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `must be a ${issue.expected}`;
  if (issue.code === 'unrecognized_keys') return `is not a parameter of this action: ${issue.keys.join(', ')}`;
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

/** A boolean, given as true/false or the wire's "true"/"false". */
export function boolean() {
  const message = 'must be true or false';
  return z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')], { error: message });
}

/** One of the API's enumerated strings, with a message that lists them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/**
 * A list parameter given as an array; `max` is the API's limit on N. Too many items is reported on
 * the first one too many (`Tag.21`), and does not stop the items and the other rules being checked.
 */
export function list<T extends z.ZodType>(item: T, max: number, label = 'items') {
  return z.array(item).superRefine(
    (items, ctx) => {
      if (Array.isArray(items) && items.length > max) {
        ctx.addIssue({ code: 'custom', path: [max], message: `is one too many: at most ${max} ${label}` });
      }
    },
    { when: () => true },
  );
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
}

/** `Tag.N.Key` / `Tag.N.Value` with a product's limits; keys must be unique. */
export function tags(rules: TagRules) {
  return list(
    z.strictObject({ Key: tagText(1, rules.keyMax), Value: tagText(rules.valueMin, rules.valueMax).optional() }),
    rules.max,
    'tags',
  ).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((tag: { Key?: unknown } | null, index) => {
      const key = tag?.Key;
      if (typeof key !== 'string') return;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'Key'], message: 'repeats an earlier tag key' });
      seen.add(key);
    });
  });
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
