/**
 * Dotted parameter names (`SystemDisk.Category`, `DataDisk.2.Size`, `Tag.1.Key`) turned into the
 * nested form the schemas read. It works on a bounded copy of the request (bounded-copy.ts), whose
 * objects have no prototype, and builds only such objects: no name reaches anything shared.
 *
 * A list given by positions stays a DottedList (positions to items, nothing allocated for the gaps)
 * until the list's own schema, which knows the documented maximum of N, turns it into an array: so
 * `Tag.50000000.Key` costs one entry, and is refused for its position before any array is made.
 */
import type { ValidationIssue } from './issue';
import { inputRecord, shown, type InputRecord } from './bounded-copy';
import { REQUEST_LIMITS } from './limits';

/** Marks a DottedList: a symbol, so it is not one of the names a schema sees. */
const DOTTED_LIST = Symbol('DottedList');

/**
 * A list given by positions: an InputRecord whose names are the 1-based positions. A schema that
 * expects an object sees names such as `1` and refuses them; `list()` turns it into an array.
 */
export type DottedList = InputRecord & { readonly [DOTTED_LIST]: true };

function dottedList(): DottedList {
  return Object.defineProperty(inputRecord(), DOTTED_LIST, { value: true }) as DottedList;
}

export function isDottedList(value: unknown): value is DottedList {
  return typeof value === 'object' && value !== null && DOTTED_LIST in value;
}

/** A list position as the API writes it: 1, 2, ... without leading zeros; nine digits at most. */
const POSITION = /^[1-9]\d{0,8}$/;
/** A part of a parameter name: ASCII letters and digits, a letter first (`DataDisk`, `KMSKeyId`). */
const NAME_PART = /^[A-Za-z][A-Za-z0-9]*$/;

export function isPosition(part: string): boolean {
  return POSITION.test(part);
}

type Container = InputRecord | unknown[];

const isRecord = (value: unknown): value is InputRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isDottedList(value);
const isListLike = (value: unknown): value is DottedList | unknown[] => Array.isArray(value) || isDottedList(value);

/** A list given as an array, as a DottedList, so that positions can be added without allocating. */
function asDottedList(value: DottedList | unknown[]): DottedList {
  if (isDottedList(value)) return value;
  const list = dottedList();
  value.forEach((item, index) => {
    if (item !== undefined) list[String(index + 1)] = item;
  });
  return list;
}

/**
 * What is wrong with a dotted name, if anything; checked before it is followed. Its length was
 * bounded when the request was copied, so splitting it costs little.
 */
function nameProblem(name: string): string | undefined {
  const parts = name.split('.', REQUEST_LIMITS.maxNameParts + 1);
  if (parts.length > REQUEST_LIMITS.maxNameParts) return `has too many parts: at most ${REQUEST_LIMITS.maxNameParts}`;
  if (!NAME_PART.test(parts[0]!)) return 'is not a parameter name: it must start with a name such as Tag or DataDisk';
  const bad = parts.find((part) => !NAME_PART.test(part) && !POSITION.test(part));
  if (bad !== undefined)
    return `is not a parameter name: "${shown(bad)}" is neither a name nor a list position (1 to 999999999, no leading zeros)`;
  return undefined;
}

class Normalizer {
  readonly root = inputRecord();
  readonly issues: ValidationIssue[] = [];

  /** Puts `value` at `parts` (the name split at its dots), creating the families on the way. */
  place(parts: readonly string[], value: unknown, name: string): void {
    let container: InputRecord = this.root;
    for (let index = 0; index < parts.length - 1; index++) {
      const part = parts[index]!;
      const wantsList = POSITION.test(parts[index + 1]!);
      let next = container[part];
      if (next === undefined) next = wantsList ? dottedList() : inputRecord();
      else if (wantsList && Array.isArray(next)) next = asDottedList(next);
      else if (wantsList ? !isDottedList(next) : !isRecord(next)) {
        this.issues.push({
          path: name,
          message: `conflicts with ${parts.slice(0, index + 1).join('.')} given in another form`,
        });
        return;
      }
      container[part] = next;
      container = next as InputRecord;
    }
    const last = parts[parts.length - 1]!;
    const existing = container[last];
    container[last] = existing === undefined ? value : this.merge(existing, value, name);
  }

  /**
   * The same family given both ways (`SystemDisk.Size` and `SystemDisk: {...}`): their parts are
   * merged; a value given twice, or a list given where an object was, is an issue.
   */
  private merge(existing: unknown, value: unknown, path: string): unknown {
    if (value === undefined) return existing;
    if (isRecord(existing) && isRecord(value)) {
      for (const name of Object.keys(value)) this.mergeAt(existing, name, value[name], `${path}.${name}`);
      return existing;
    }
    if (isListLike(existing) && isListLike(value)) {
      const list = asDottedList(existing);
      const items = asDottedList(value);
      for (const position of Object.keys(items)) this.mergeAt(list, position, items[position], `${path}.${position}`);
      return list;
    }
    const forms = (isRecord(existing) || isListLike(existing)) && (isRecord(value) || isListLike(value));
    this.issues.push(
      forms
        ? { path, message: `conflicts with ${path} given in another form` }
        : { path, message: 'is given twice (dotted and nested)' },
    );
    return existing;
  }

  private mergeAt(target: Container, name: string, value: unknown, path: string): void {
    const slot = target as InputRecord;
    slot[name] = slot[name] === undefined ? value : this.merge(slot[name], value, path);
  }
}

/**
 * Turns dotted names into the nested form: `{"SystemDisk.Category": "x"}` becomes
 * `{SystemDisk: {Category: "x"}}` and `{"DataDisk.2.Size": 40}` a DataDisk list with an item at
 * position 2. Names without a dot are kept as they are (the schema refuses the unknown ones).
 */
export function normalizeDotted(input: InputRecord): { value: InputRecord; issues: ValidationIssue[] } {
  const normalizer = new Normalizer();
  for (const name of Object.keys(input)) {
    if (!name.includes('.')) {
      normalizer.place([name], input[name], name);
      continue;
    }
    const problem = nameProblem(name);
    if (problem) normalizer.issues.push({ path: shown(name), message: problem });
    else normalizer.place(name.split('.'), input[name], name);
  }
  return { value: normalizer.root, issues: normalizer.issues };
}
