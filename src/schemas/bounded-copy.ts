/**
 * The first thing done with a request: a copy of it that validation can trust. The copy's objects
 * have no prototype, so no name a caller chooses (`__proto__`, `constructor`) reaches anything
 * shared by the process; it holds JSON data only, read once (getters run once, proxies cannot
 * answer differently later); and it is bounded (REQUEST_LIMITS) as it is made, so the walk stops at
 * the first bound crossed rather than after reading all of a huge or cyclic input.
 */
import type { ValidationIssue } from './issue';
import { REQUEST_LIMITS } from './limits';

/** An object made from input: no prototype, so only its own names can be looked up on it. */
export type InputRecord = Record<string, unknown>;

/** An empty InputRecord. */
export function inputRecord(): InputRecord {
  return Object.create(null) as InputRecord;
}

/** A name shortened for a message: a hostile name may be very long. */
export function shown(name: string): string {
  return name.length <= 64 ? name : `${name.slice(0, 61)}...`;
}

/** Thrown inside the walk when a bound is crossed: the copy stops there. */
class Refused extends Error {
  constructor(readonly issue: ValidationIssue) {
    super(issue.message);
  }
}

const JSON_DATA = 'must be JSON data: a string, number, boolean, list or object';
const tooMany = () =>
  new Refused({ path: '', message: `has too many values: at most ${REQUEST_LIMITS.maxValues} in all` });

class Copier {
  private values = 0;
  private characters = 0;

  /** Counts a value, or a name; the text that crosses the size bound is named in the issue. */
  count(characters = 0, path = ''): void {
    this.values += 1;
    this.characters += characters;
    if (this.values > REQUEST_LIMITS.maxValues) throw tooMany();
    if (this.characters > REQUEST_LIMITS.maxCharacters)
      throw new Refused({
        path,
        message: `makes the request too large: at most ${REQUEST_LIMITS.maxCharacters} characters of names and text in all`,
      });
  }

  copy(value: unknown, path: string, depth: number): unknown {
    switch (typeof value) {
      case 'undefined':
        return undefined;
      case 'string':
        this.count(value.length, path);
        return value;
      case 'number':
      case 'boolean':
      case 'bigint':
        this.count();
        return value;
      case 'object':
        if (value === null) return null;
        if (depth >= REQUEST_LIMITS.maxDepth)
          throw new Refused({ path, message: `nests too deeply: at most ${REQUEST_LIMITS.maxDepth} levels` });
        return Array.isArray(value) ? this.list(value, path, depth) : this.record(value, path, depth);
      default:
        throw new Refused({ path, message: JSON_DATA });
    }
  }

  private list(items: readonly unknown[], path: string, depth: number): unknown[] {
    // Checked before the loop: a list's length costs nothing to read, and may be in the millions.
    if (items.length > REQUEST_LIMITS.maxValues - this.values) throw tooMany();
    this.count();
    const copy: unknown[] = [];
    for (let index = 0; index < items.length; index++)
      copy.push(this.copy(items[index], join(path, String(index + 1)), depth + 1));
    return copy;
  }

  private record(value: object, path: string, depth: number): InputRecord {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) throw new Refused({ path, message: JSON_DATA });
    const names = Object.keys(value);
    if (names.length > REQUEST_LIMITS.maxValues - this.values) throw tooMany();
    this.count();
    const copy = inputRecord();
    for (const name of names) {
      const at = join(path, name);
      // Every name, dotted or not: a dotted one is split only once it is known to be short.
      if (name.length > REQUEST_LIMITS.maxNameLength)
        throw new Refused({
          path: shown(at),
          message: `is too long for a parameter name: at most ${REQUEST_LIMITS.maxNameLength} characters`,
        });
      this.count(name.length, shown(at));
      copy[name] = this.copy((value as InputRecord)[name], at, depth + 1);
    }
    return copy;
  }
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/**
 * A copy of `input` with no prototypes and JSON data only, or the first bound it crosses. Anything
 * thrown while reading the input (a getter, a proxy) is an issue of the request, not an error.
 */
export function boundedCopy(input: unknown): { ok: true; value: unknown } | { ok: false; issue: ValidationIssue } {
  try {
    return { ok: true, value: new Copier().copy(input, '', 0) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, issue: error.issue };
    const reason = error instanceof Error ? shown(error.message) : 'it threw something other than an error';
    return { ok: false, issue: { path: '', message: `could not be read: ${reason}` } };
  }
}
