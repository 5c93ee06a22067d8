/**
 * An error answer of the emulated API, and the small parameter readers every action uses, so that a
 * missing or malformed parameter gets the same codes everywhere.
 */

/** Thrown by an action to answer with the documented error body and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Params = Readonly<Record<string, string>>;

export function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') {
    throw new ApiError('MissingParameter', `The parameter ${name} is required but was not given.`);
  }
  return value;
}

export function optionalInteger(
  params: Params,
  name: string,
  range?: { min: number; max: number },
): number | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || (range && (number < range.min || number > range.max))) {
    const allowed = range ? ` between ${range.min} and ${range.max}` : '';
    throw new ApiError(
      `InvalidParameter.${name}`,
      `The parameter ${name} must be an integer${allowed}, got "${value}".`,
    );
  }
  return number;
}

export function requiredInteger(params: Params, name: string, range?: { min: number; max: number }): number {
  required(params, name);
  return optionalInteger(params, name, range) as number;
}

export function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[], fallback?: T): T {
  const value = params[name] ?? fallback;
  if (value === undefined) return required(params, name) as T;
  if (!allowed.includes(value as T)) {
    throw new ApiError(
      `InvalidParameter.${name}`,
      `The parameter ${name} must be one of ${allowed.join(', ')}, got "${value}".`,
    );
  }
  return value as T;
}

/** The values of a repeated parameter `Name.1`, `Name.2`, ... in order. */
export function list(params: Params, name: string): string[] {
  const values: string[] = [];
  for (let index = 1; params[`${name}.${index}`] !== undefined; index++)
    values.push(params[`${name}.${index}`] as string);
  return values;
}

/** `Tag.N.Key` / `Tag.N.Value` pairs. */
export function tags(params: Params, name = 'Tag'): { Key: string; Value: string }[] {
  const out: { Key: string; Value: string }[] = [];
  for (let index = 1; params[`${name}.${index}.Key`] !== undefined; index++) {
    out.push({ Key: params[`${name}.${index}.Key`] as string, Value: params[`${name}.${index}.Value`] ?? '' });
  }
  return out;
}

/** A parameter the API takes as a JSON array of strings, e.g. ENS `ServerIds=["cas-1"]`. */
export function jsonList(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // answered below
  }
  throw new ApiError(
    `InvalidParameter.${name}`,
    `The parameter ${name} must be a JSON array of strings, got "${value}".`,
  );
}

/**
 * `PageNumber` / `PageSize` with the API's defaults: the page of `items` they select, and the paging
 * fields of the answer.
 */
export function page<T>(params: Params, items: readonly T[], maxPageSize = 100, defaultPageSize = 10) {
  const pageNumber = optionalInteger(params, 'PageNumber', { min: 1, max: 1_000_000 }) ?? 1;
  const pageSize = optionalInteger(params, 'PageSize', { min: 1, max: maxPageSize }) ?? defaultPageSize;
  const start = (pageNumber - 1) * pageSize;
  return {
    items: items.slice(start, start + pageSize),
    paging: { TotalCount: items.length, PageNumber: pageNumber, PageSize: pageSize },
  };
}
