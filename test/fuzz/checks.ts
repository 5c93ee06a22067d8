/**
 * What every property checks besides its own answer: the shared prototypes as they were, the input as
 * it was, the same answer twice; and the validator property, which holds `validateAction` to all of it.
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { ValidatedAction } from '../../src/actions';
import { preview, shownName, unboxed } from './labels';
import type { FuzzTargets } from './targets';

/** The longest issue path and message a validator may answer with, whatever it was sent. */
const ISSUE_LIMITS = { path: 200, message: 2_000 } as const;

interface SharedState {
  name: string;
  target: object;
  prototype: object | null;
  extensible: boolean;
  properties: Map<PropertyKey, PropertyDescriptor>;
}

const SHARED: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
];

/** Object.prototype, Array.prototype and Function.prototype as they are: every own property's descriptor. */
export function snapshotShared(): SharedState[] {
  return SHARED.map(([name, target]) => ({
    name,
    target,
    prototype: Reflect.getPrototypeOf(target),
    extensible: Reflect.isExtensible(target),
    properties: new Map(Reflect.ownKeys(target).map((key) => [key, Reflect.getOwnPropertyDescriptor(target, key)!])),
  }));
}

const DESCRIPTOR_FIELDS = ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const;
const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor) =>
  DESCRIPTOR_FIELDS.every((field) => Object.is(a[field], b[field]));

/** What changed on the shared prototypes since `before`, put back as it was. */
export function sharedChanges(before: SharedState[]): string[] {
  const changes: string[] = [];
  for (const state of before) {
    const { name, target } = state;
    if (Reflect.getPrototypeOf(target) !== state.prototype) changes.push(`${name}'s prototype was replaced`);
    if (Reflect.isExtensible(target) !== state.extensible) changes.push(`${name} was made non-extensible`);
    for (const key of Reflect.ownKeys(target))
      if (!state.properties.has(key)) changes.push(`${name}.${String(key)} was added`);
    for (const [key, descriptor] of state.properties) {
      const now = Reflect.getOwnPropertyDescriptor(target, key);
      if (!now) changes.push(`${name}.${String(key)} was deleted`);
      else if (!sameDescriptor(now, descriptor)) changes.push(`${name}.${String(key)} was changed`);
    }
  }
  if (changes.length > 0) restoreShared(before);
  return changes;
}

/** Puts the shared prototypes back as they were, so that one pollution does not fail every later input. */
function restoreShared(before: SharedState[]): void {
  for (const state of before) {
    for (const key of Reflect.ownKeys(state.target))
      if (!state.properties.has(key)) Reflect.deleteProperty(state.target, key);
    for (const [key, descriptor] of state.properties) Reflect.defineProperty(state.target, key, descriptor);
    if (Reflect.getPrototypeOf(state.target) !== state.prototype) Reflect.setPrototypeOf(state.target, state.prototype);
  }
}

/** Every name an input uses (and each part of a dotted one), read with care and within bounds. */
export function namesUsed(input: unknown, limit = 2_000): string[] {
  const names = new Set<string>();
  const seen = new Set<object>();
  const pending: [unknown, number][] = [[input, 0]];
  while (pending.length > 0 && names.size < limit) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null || seen.has(value) || depth > 12 || unboxed(value)) continue;
    seen.add(value);
    let keys: string[];
    try {
      keys = Object.keys(value);
    } catch {
      continue;
    }
    for (const key of keys.slice(0, 200)) {
      names.add(key);
      for (const part of key.split('.', 40)) names.add(part);
      try {
        pending.push([(value as Record<string, unknown>)[key], depth + 1]);
      } catch {
        // a getter that throws: its name is what matters here
      }
    }
  }
  return [...names];
}

/** Throws when the shared prototypes changed, or when `({})[name]` finds something for a name the input used. */
export function expectSharedUnchanged(before: SharedState[], names: readonly string[]): void {
  const inherited = new Set(before.flatMap((state) => [...state.properties.keys()]));
  const probes: [string, unknown][] = [
    ['{}', {}],
    ['[]', []],
    ['() => {}', () => undefined],
  ];
  const reads: string[] = [];
  for (const name of names) {
    if (inherited.has(name) || name === 'length' || name === 'name') continue;
    for (const [shown, probe] of probes)
      if ((probe as Record<string, unknown>)[name] !== undefined) reads.push(`(${shown})[${JSON.stringify(name)}]`);
  }
  const changes = sharedChanges(before);
  if (reads.length > 0 || changes.length > 0)
    throw new Error(
      `shared prototypes changed: ${[...changes, ...reads.map((read) => `${read} is defined`)].join('; ')}`,
    );
}

/** A structured clone of the input, if it can be made (not of a function, a proxy, a getter that throws...). */
function cloneOf(input: unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: structuredClone(input) };
  } catch {
    return { ok: false };
  }
}

/**
 * Where `actual` differs from `expected` (a structured clone of it), if anywhere: the same names, lists
 * of the same length and the same values (Object.is), prototypes aside (a clone has Object.prototype).
 * Walked with a stack, not recursion: the input may be nested 20,000 deep.
 */
function differenceFrom(actual: unknown, expected: unknown): string | undefined {
  const pairs = new Map<object, object>();
  // Each pair with the one it was reached from: the path is spelled out only for a difference.
  interface Pair {
    a: unknown;
    b: unknown;
    name: string;
    from?: Pair;
  }
  const pathOf = (pair: Pair) => {
    const names: string[] = [];
    for (let at: Pair | undefined = pair; at?.from && names.length < 10; at = at.from)
      names.unshift(shownName(at.name));
    return `the input${names.length > 0 ? `.${names.join('.')}` : ''}`;
  };
  const pending: Pair[] = [{ a: actual, b: expected, name: '' }];
  while (pending.length > 0) {
    const pair = pending.pop()!;
    const { a, b } = pair;
    if (Object.is(a, b)) continue;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
      return `${pathOf(pair)} is ${preview(a, 40)}, was ${preview(b, 40)}`;
    if (pairs.get(a) === b) continue;
    pairs.set(a, b);
    const [boxedNow, boxedBefore] = [unboxed(a), unboxed(b)];
    if (boxedNow || boxedBefore) {
      if (!Object.is(boxedNow?.primitive, boxedBefore?.primitive)) return `${pathOf(pair)} changed its boxed value`;
      continue;
    }
    if (Array.isArray(a) !== Array.isArray(b)) return `${pathOf(pair)} changed between list and object`;
    if (Array.isArray(a) && a.length !== (b as unknown[]).length) return `${pathOf(pair)} changed length`;
    const names = Object.keys(a);
    const was = Object.keys(b);
    if (names.length !== was.length || names.some((name, index) => name !== was[index]))
      return `${pathOf(pair)} has the names ${preview(names, 60)}, had ${preview(was, 60)}`;
    for (const name of names)
      pending.push({
        a: (a as Record<string, unknown>)[name],
        b: (b as Record<string, unknown>)[name],
        name,
        from: pair,
      });
  }
  return undefined;
}

/** What is wrong with a validator's answer, if anything. */
function answerProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return `answered ${preview(result)}, not an object`;
  const keys = Object.keys(result).sort().join(',');
  const answer = result as { ok?: unknown; issues?: unknown };
  if (answer.ok === true) return keys === 'ok,value' ? undefined : `answered ok with the names ${keys}`;
  if (answer.ok !== false || keys !== 'issues,ok') return `answered ${preview(result)}`;
  if (!Array.isArray(answer.issues) || answer.issues.length === 0) return 'answered ok: false without an issue';
  for (const issue of answer.issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null) return `has the issue ${preview(issue)}`;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (
      Object.keys(issue).sort().join(',') !== 'message,path' ||
      typeof path !== 'string' ||
      typeof message !== 'string'
    )
      return `has the issue ${preview(issue)}, not {path, message}`;
    if (path.length > ISSUE_LIMITS.path) return `has an issue path of ${path.length} characters: ${preview(path)}`;
    if (message.length === 0 || message.length > ISSUE_LIMITS.message)
      return `has an issue message of ${message.length} characters: ${preview(message)}`;
  }
  return undefined;
}

/** What was thrown, in words (an error of another realm, such as jest's host, is not `instanceof Error`). */
export function thrown(error: unknown): string {
  const { name, message, stack } = (typeof error === 'object' && error !== null ? error : {}) as Partial<Error>;
  return typeof message === 'string' ? `${name ?? 'Error'}: ${message}\n${stack ?? ''}` : preview(error);
}

/**
 * Holds `validate(action, input)` to every validator property. Each failure throws, naming what did not
 * hold. Answers the input's time in ms: the faster of the two calls, so that a pause of the garbage
 * collector in one does not make an input look slow.
 */
export function checkValidation(targets: FuzzTargets, action: ValidatedAction, input: unknown): number {
  const names = namesUsed(input);
  const clone = cloneOf(input);
  const before = snapshotShared();
  let first: unknown;
  let second: unknown;
  let start = performance.now();
  try {
    first = targets.validateAction(action, input);
  } catch (error) {
    sharedChanges(before);
    throw new Error(`validateAction threw ${thrown(error)}`, { cause: error });
  }
  let ms = performance.now() - start;
  start = performance.now();
  try {
    second = targets.validateAction(action, input);
  } catch (error) {
    sharedChanges(before);
    throw new Error(`validateAction threw the second time: ${thrown(error)}`, { cause: error });
  }
  ms = Math.min(ms, performance.now() - start);
  expectSharedUnchanged(before, names);
  const problem = answerProblem(first);
  if (problem) throw new Error(`validateAction ${problem}`);
  if (!isDeepStrictEqual(first, second))
    throw new Error(
      `validateAction answered differently the second time: ${preview(first, 300)} then ${preview(second, 300)}`,
    );
  const difference = clone.ok ? differenceFrom(input, clone.value) : undefined;
  if (difference) throw new Error(`validateAction changed its input: ${difference}`);
  return ms;
}
