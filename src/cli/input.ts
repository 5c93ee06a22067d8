/** Reading a request file (or standard input with `-`): JSON, or YAML for `.yaml`/`.yml` files. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** Thrown when the input cannot be read or parsed: a usage error rather than an invalid request. */
export class InputError extends Error {
  override name = 'InputError';
}

function parseYamlInput(text: string, name: string): unknown {
  try {
    // YAML 1.2's core schema: `no` stays a string, and a key given twice is an error.
    return parseYaml(text, { uniqueKeys: true }) as unknown;
  } catch (error) {
    throw new InputError(`${name} is not YAML: ${(error as Error).message}`);
  }
}

/**
 * The input as a value. A `.yaml` or `.yml` file is read as YAML; a `.json` file as JSON; anything
 * else (standard input included) as JSON, or as YAML when it is not JSON.
 */
export function readInput(source: string): unknown {
  const name = source === '-' ? 'standard input' : source;
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${name}: ${(error as Error).message}`);
  }
  if (/\.ya?ml$/i.test(source)) return parseYamlInput(text, name);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (/\.json$/i.test(source)) throw new InputError(`${name} is not JSON: ${(error as Error).message}`);
    return parseYamlInput(text, name);
  }
}
