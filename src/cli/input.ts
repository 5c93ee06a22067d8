/** Reading a request file (or standard input with `-`) as JSON. */
import { readFileSync } from 'node:fs';

/** Thrown when the input cannot be read or is not JSON: a usage error rather than an invalid request. */
export class InputError extends Error {
  override name = 'InputError';
}

export function readJsonInput(source: string): unknown {
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${source === '-' ? 'standard input' : source}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${source === '-' ? 'standard input' : source} is not JSON: ${(error as Error).message}`);
  }
}
