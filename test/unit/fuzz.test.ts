/**
 * The fuzz properties (test/fuzz/properties.ts) on a fixed seed and a few hundred inputs each: the same
 * properties `npm run fuzz` runs on many more. Each input's time is measured but not asserted here (the
 * machine is shared; speed is measured in benchmarks, never asserted in tests). Each property is also
 * run against a broken version of what it checks, to show that it can fail.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { VALIDATED_ACTIONS } from '../../src/actions';
import { validateAction } from '../../src/actions';
import type { ValidationResult } from '../../src/schemas/issue';
import { ApiError } from '../../src/emulator/api-error';
import { DEFAULT_ACCESS_KEY } from '../../src/emulator/server';
import { authenticate, type IncomingApiRequest } from '../../src/emulator/signature';
import { validateOnServer } from '../../src/emulator/validation';
import {
  FUZZ_PROPERTIES,
  FUZZ_SEED,
  REAL_TARGETS,
  VALID_REQUESTS,
  fuzzProperties,
  type FuzzTargets,
} from '../fuzz/properties';

const objectPrototypeNames = Object.getOwnPropertyNames(Object.prototype);
afterAll(() => {
  // A broken validator below pollutes Object.prototype: the property that catches it puts it back.
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(objectPrototypeNames);
});

describe('the valid requests the mutations start from', () => {
  it.each(VALIDATED_ACTIONS)('%s: each one is valid', (action) => {
    for (const request of VALID_REQUESTS[action]) expect(validateAction(action, request)).toMatchObject({ ok: true });
  });
});

describe(`every property holds on seed ${FUZZ_SEED}`, () => {
  for (const property of FUZZ_PROPERTIES)
    it(property.title, async () => {
      const run = await property.open();
      try {
        await fc.assert(run.property, { seed: FUZZ_SEED, numRuns: property.runs.test });
      } finally {
        await run.close();
      }
    });
});

// ---- every property can fail ----

/** How the property `id` fails over `targets`: the failure's message, or 'held'. */
async function failureOf(id: string, targets: Partial<FuzzTargets>, numRuns = 300): Promise<string> {
  const property = fuzzProperties({ ...REAL_TARGETS, ...targets }).find((candidate) => candidate.id === id)!;
  const run = await property.open();
  try {
    const details = await fc.check(run.property, { seed: FUZZ_SEED, numRuns, endOnFailure: true });
    if (!details.failed) return 'held';
    return details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  } finally {
    await run.close();
  }
}

type Validate = FuzzTargets['validateAction'];
/** The input's names, or none (a proxy may throw on being asked). */
function names(input: unknown): string[] {
  try {
    return typeof input === 'object' && input !== null && !Array.isArray(input) ? Object.keys(input) : [];
  } catch {
    return [];
  }
}

/** A naive dotted-name reader, the bug the bounded copy exists to prevent: `__proto__.X` writes Object.prototype.X. */
function naiveDotted(input: unknown): void {
  const target: Record<string, unknown> = {};
  for (const name of names(input)) {
    const parts = name.split('.');
    let at = target;
    try {
      for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
      at[parts[parts.length - 1]!] = (input as Record<string, unknown>)[name];
    } catch {
      // a part that is not an object: this reader only pollutes, it does not throw
    }
  }
}

const BROKEN_VALIDATORS: [what: string, validate: () => Validate, message: string][] = [
  [
    'throws on a dotted name',
    () => (action, input) => {
      if (names(input).some((name) => name.includes('.'))) throw new TypeError('a dot');
      return validateAction(action, input);
    },
    'validateAction threw TypeError: a dot',
  ],
  [
    'reads dotted names into a plain object',
    () => (action, input) => {
      naiveDotted(input);
      return validateAction(action, input);
    },
    'shared prototypes changed',
  ],
  [
    'remembers what it was given',
    () => {
      const seen = new WeakSet<object>();
      return (action, input) => {
        if (typeof input !== 'object' || input === null) return validateAction(action, input);
        if (seen.has(input)) return { ok: false, issues: [{ path: '', message: 'was given before' }] };
        seen.add(input);
        return validateAction(action, input);
      };
    },
    'answered differently the second time',
  ],
  [
    'trims the text it is given, in place',
    () => (action, input) => {
      for (const name of names(input)) {
        const value = (input as Record<string, unknown>)[name];
        if (typeof value === 'string') (input as Record<string, unknown>)[name] = value.trim();
      }
      return validateAction(action, input);
    },
    'changed its input',
  ],
  [
    'names every parameter in a message',
    () => (action, input) => {
      const result = validateAction(action, input);
      if (result.ok) return result;
      return { ok: false, issues: [{ path: '', message: `unknown: ${names(input).join(', ')}` }] };
    },
    'issue message of',
  ],
  [
    'answers ok: false without an issue',
    () => (action, input) => {
      const result = validateAction(action, input);
      const empty: ValidationResult<unknown> = { ok: false, issues: [] };
      return result.ok || names(input).length > 3 ? result : empty;
    },
    'without an issue',
  ],
];

describe('a validator property fails on a validator that', () => {
  it.each(BROKEN_VALIDATORS)('%s', async (_what, validate, message) => {
    expect(await failureOf('validateAction ecs:CreateInstance', { validateAction: validate() })).toContain(message);
  });
});

describe('the authenticate properties fail on an authenticate that', () => {
  it('throws on a parameter named constructor', async () => {
    const broken: typeof authenticate = (request, findKey) => {
      if (Object.hasOwn(request.query, 'constructor')) throw new TypeError('constructor');
      return authenticate(request, findKey);
    };
    expect(await failureOf('authenticate: refused', { authenticate: broken })).toContain('authenticate threw');
  });

  it('accepts any request with a Signature', async () => {
    const broken: typeof authenticate = (request, findKey) => {
      const result = authenticate(request, findKey);
      if (result.ok || !request.query.Signature) return result;
      return { ok: true, scheme: 'v1', accessKeyId: '', params: {}, action: '', version: '', nonce: '', timestamp: 0 };
    };
    expect(await failureOf('authenticate: refused', { authenticate: broken })).toContain('not correctly signed');
  });

  it('words its refusal differently each time', async () => {
    let calls = 0;
    const broken: typeof authenticate = (request, findKey) => {
      const result = authenticate(request, findKey);
      return result.ok ? result : { ...result, message: `${result.message} (${++calls})` };
    };
    expect(await failureOf('authenticate: refused', { authenticate: broken })).toContain('answered differently');
  });

  it('drops the parameters whose value is empty', async () => {
    const broken: typeof authenticate = (request, findKey) => {
      const result = authenticate(request, findKey);
      if (!result.ok) return result;
      return { ...result, params: Object.fromEntries(Object.entries(result.params).filter(([, value]) => value)) };
    };
    expect(await failureOf('authenticate: signed', { authenticate: broken })).toContain('gave back the parameters');
  });

  it('reads only the query, not a form body', async () => {
    const broken: typeof authenticate = (request, findKey) =>
      authenticate({ ...request, body: Buffer.alloc(0) } satisfies IncomingApiRequest, findKey);
    expect(await failureOf('authenticate: signed', { authenticate: broken })).toContain('refused a correctly signed');
  });
});

describe('the validateOnServer property fails on one that', () => {
  it('throws a TypeError', async () => {
    const broken: typeof validateOnServer = (product, action, params) => {
      if (Object.keys(params).some((name) => name.includes('__proto__'))) throw new TypeError('__proto__');
      validateOnServer(product, action, params);
    };
    expect(await failureOf('validateOnServer', { validateOnServer: broken })).toContain('other than an ApiError');
  });

  it('answers with a 500', async () => {
    const broken: typeof validateOnServer = (product, action, params) => {
      try {
        validateOnServer(product, action, params);
      } catch (error) {
        if (error instanceof ApiError) throw new ApiError(error.code, error.message, 500);
        throw error;
      }
    };
    expect(await failureOf('validateOnServer', { validateOnServer: broken })).toContain('threw ApiError 500');
  });
});

describe('the HTTP property fails on a server that', () => {
  /** A stand-in for the emulator: answers 200 to everything but what `fail` picks out (and answers). */
  function server(fail: (request: IncomingMessage, response: ServerResponse) => boolean) {
    return async () => {
      const http = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          if (!fail(request, response)) response.end('{}');
        });
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      return {
        endpoint: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
        accessKey: DEFAULT_ACCESS_KEY,
        close: () => new Promise<void>((resolve) => http.close(() => resolve())),
      };
    };
  }

  it('answers 500 to a POST', async () => {
    const startEmulator = server((request, response) => {
      if (request.method !== 'POST') return false;
      response.writeHead(500).end();
      return true;
    });
    expect(await failureOf('emulator over HTTP', { startEmulator }, 30)).toContain('answered 500');
  });

  it('drops the connection of an ACS3 request', async () => {
    const startEmulator = server((request, response) => {
      if (request.headers.authorization === undefined) return false;
      response.socket?.destroy();
      return true;
    });
    expect(await failureOf('emulator over HTTP', { startEmulator }, 30)).toContain('the connection failed');
  });
});
