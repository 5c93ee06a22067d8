/**
 * Turns an API request written as a JavaScript object into the flat string parameters of Alibaba
 * Cloud's RPC-style wire format. Done here rather than by pop-core, which sends a nested object as
 * `[object Object]` and `undefined` as the string `undefined`.
 *
 * - arrays of scalars become `X.1`, `X.2`, ...; arrays of objects `X.1.Field`;
 * - nested objects become `X.Field` (`SystemDisk.Category`), at any depth;
 * - parameters the API takes as JSON text (ENS `ServerIds`, Kafka `ServerlessConfig`) are sent as JSON;
 * - booleans become `true` / `false`; `undefined` and `null` are dropped.
 */

export type ApiParams = Record<string, unknown>;

export interface EncodeOptions {
  /** Top-level parameters sent as one JSON string instead of being flattened. */
  json?: readonly string[];
}

function scalar(name: string, value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Parameter ${name} must be a finite number, got ${value}`);
      return String(value);
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      throw new TypeError(`Parameter ${name} cannot be sent as ${typeof value}`);
  }
}

function flatten(name: string, value: unknown, out: Record<string, string>): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(`${name}.${index + 1}`, item, out));
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(`${name}.${key}`, item, out);
  } else {
    out[name] = scalar(name, value);
  }
}

/** Encodes `params` into wire parameters; throws a TypeError naming any value that cannot be sent. */
export function encodeParams(params: ApiParams, options: EncodeOptions = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (options.json?.includes(name) && typeof value !== 'string') out[name] = JSON.stringify(value);
    else flatten(name, value, out);
  }
  return out;
}
