/**
 * Inputs with a line that says what they are (the campaign names its slowest input by it), and values
 * shown in a line whatever they hold: a cycle, a proxy that throws, a list of fifty million positions.
 */
import fc from 'fast-check';

/** An input with a short description of what it is (the campaign names the slowest input by it). */
export interface Labelled<T> {
  readonly label: string;
  readonly value: T;
}

/** `shown`: how a counterexample prints, when the value itself (a function) would say little. */
export function labelled<T>(label: string, value: T, shown?: () => string): Labelled<T> {
  const item = { label, value };
  // fast-check prints a counterexample with this, not by walking a value that may be huge or hostile.
  Object.defineProperty(item, fc.toStringMethod, { value: () => `${label}: ${shown?.() ?? preview(value, 400)}` });
  return item;
}

function isLabelled(value: unknown): value is Labelled<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { label?: unknown }).label === 'string';
}

/** What an input is, in a line. */
export function describeInput(input: unknown): string {
  if (Array.isArray(input)) return input.map(describeInput).join('; ');
  return isLabelled(input) ? input.label : preview(input);
}

const BOXED = new Set(['String', 'Number', 'Boolean', 'BigInt', 'Symbol']);

/**
 * The primitive in a boxed value (`Object('...')`), if it is one: a boxed string's names are its
 * positions, a million of them for a string of a million characters, so it is read as the string.
 */
export function unboxed(value: object): { primitive: unknown } | undefined {
  try {
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    return BOXED.has(kind) ? { primitive: (value as { valueOf(): unknown }).valueOf() } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A value in at most `max` characters, safe on anything: a cycle, a getter or proxy that throws, a list
 * of a billion positions, a string of a million characters.
 */
export function preview(value: unknown, max = 80): string {
  let text = '';
  const seen = new Set<object>();
  const walk = (item: unknown, depth: number): void => {
    if (text.length > max) return;
    if (typeof item === 'string') {
      text += item.length > 24 ? `${JSON.stringify(item.slice(0, 20))}…(${item.length} chars)` : JSON.stringify(item);
      return;
    }
    if (typeof item === 'number') text += Object.is(item, -0) ? '-0' : String(item);
    else if (typeof item === 'bigint') text += `${item}n`;
    else if (typeof item === 'symbol') text += item.toString();
    else if (typeof item === 'function') text += '[function]';
    else if (item === null || typeof item !== 'object') text += String(item);
    else if (seen.has(item)) text += '[cycle]';
    else if (depth >= 4) text += '…';
    else if (unboxed(item)) {
      text += 'boxed ';
      walk(unboxed(item)!.primitive, depth + 1);
    } else {
      seen.add(item);
      try {
        const list = Array.isArray(item);
        const keys = Object.keys(item);
        const kind = Object.prototype.toString.call(item).slice(8, -1);
        const sparse = list && keys.length !== (item as unknown[]).length;
        if (Object.getPrototypeOf(item) === null) text += '(no prototype) ';
        else if (!list && kind !== 'Object') text += `${kind} `;
        text += list ? '[' : '{';
        keys.slice(0, 6).forEach((key, index) => {
          if (index > 0) text += ', ';
          if (!list || sparse) text += `${shownName(key)}: `;
          walk((item as Record<string, unknown>)[key], depth + 1);
        });
        if (keys.length > 6) text += `, …${keys.length - 6} more`;
        text += list ? ']' : '}';
        if (sparse) text += ` (length ${(item as unknown[]).length})`;
      } catch {
        text += '[unreadable]';
      }
    }
  };
  walk(value, 0);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function shownName(name: string): string {
  if (name.length > 40) return `${JSON.stringify(name.slice(0, 30))}…(${name.length} chars)`;
  return /^[A-Za-z_$][\w$.]*$/.test(name) ? name : JSON.stringify(name);
}

/** A record with exactly these own names, `__proto__` included (an assignment would set the prototype). */
export function recordOf<T>(entries: Iterable<readonly [string, T]>, nullPrototype = false): Record<string, T> {
  const record = (nullPrototype ? Object.create(null) : {}) as Record<string, T>;
  for (const [name, value] of entries)
    Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  return record;
}

/** The words of `text`, split at spaces: lists of names and wire strings, written compactly. */
export function words(text: string): string[] {
  return text.trim().split(/ +/);
}

/** Replaces lone surrogates as UTF-8 on the wire does (U+FFFD): what a form body can carry. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
