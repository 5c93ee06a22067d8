/**
 * The emulator's authentication and server-side validation: requests signed as clients sign them (and
 * tampered with after), requests that only look signed, and parameters of every kind; and what
 * `authenticate` and `validateOnServer` must answer to each.
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { ACTIONS as ACTION_TABLE, VALIDATED_ACTIONS } from '../../src/actions';
import { PRODUCTS as PRODUCT_TABLE } from '../../src/actions';
import { CALL_PARAMETERS, SIGNING_PARAMETERS } from '../../src/schemas/protocol';
import { ApiError, type Params } from '../../src/emulator/api-error';
import { signV1, type AccessKey, type IncomingApiRequest } from '../../src/emulator/signature';
import { expectSharedUnchanged, namesUsed, sharedChanges, snapshotShared, thrown } from './checks';
import { labelled, preview, recordOf, shownName, wellFormed, type Labelled } from './labels';
import { PROTOTYPE_NAMES, hostileName, longString, mutatedRequest, oddString, wireString, wireText } from './requests';
import type { FuzzTargets } from './targets';

/** The keys `findKey` knows: a permanent one and an STS one (which needs its token). */
const FUZZ_KEYS: readonly AccessKey[] = [
  { accessKeyId: 'LTAI-fuzz-key', accessKeySecret: 'fuzz-secret-Zx9/+q&w' },
  { accessKeyId: 'STS.fuzz-key', accessKeySecret: 'sts-fuzz-secret', securityToken: 'token-fuzz' },
];
export const findKey = (id: string) => FUZZ_KEYS.find((key) => key.accessKeyId === id);
const KEY_IDS = FUZZ_KEYS.map((key) => key.accessKeyId);

/** The protocol's own parameters: `Authenticated.params` leaves out the signing ones. */
export const SIGNING_PARAMS = [...SIGNING_PARAMETERS];
export const CALL_PARAMS = [...CALL_PARAMETERS];

export const PRODUCTS = Object.values(PRODUCT_TABLE);
const VERSIONS = PRODUCTS.map((product) => product.version);
/** Every action's name without its product (`StartInstance` once, though two products have it). */
export const ACTIONS = [...new Set(Object.keys(ACTION_TABLE).map((name) => name.slice(name.indexOf(':') + 1)))];

/** `YYYY-MM-DDThh:mm:ssZ`, as both clients send it (and sometimes with milliseconds). */
export const timestamp = fc
  .tuple(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.boolean())
  .map(([date, withMs]) => (withMs ? date.toISOString() : date.toISOString().replace(/\.\d{3}Z$/, 'Z')));
const badTimestamp = fc.oneof(
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:00:60Z',
    '2026-01-01 00:00:00',
    '0000-00-00T00:00:00Z',
    '99999-01-01T00:00:00Z',
    '2026-01-01T00:00:00.1234Z',
    '２０２６-01-01T00:00:00Z',
  ),
  oddString,
);

export const paramName = fc
  .oneof(
    fc.constantFrom('RegionId', 'InstanceId', 'InstanceId.1', 'Tag.1.Key', ' ', 'a=b', 'a&b', '%', '+', 'signature'),
    fc.constantFrom(...PROTOTYPE_NAMES),
    oddString,
    fc.string(),
  )
  .filter((name) => !SIGNING_PARAMS.includes(name) && !CALL_PARAMS.includes(name));
export const paramValue = fc.oneof(
  oddString,
  wireString,
  fc.string({ unit: 'binary' }),
  fc.nat(3_000).map((length) => 'x'.repeat(length)),
);
export const someOf = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Query parameters that look like signature v1, each present or not, with a signature that is not one. */
export const v1Query = fc.record(
  {
    AccessKeyId: fc.oneof(
      fc.constantFrom(...KEY_IDS, 'unknown', '__proto__', 'constructor', 'toString', ''),
      oddString,
    ),
    Signature: fc.oneof(fc.base64String({ maxLength: 44 }), oddString),
    SignatureMethod: fc.constantFrom(
      'HMAC-SHA1',
      'HMAC-SHA256',
      'hmac-sha1',
      'HMAC-MD5',
      'constructor',
      '__proto__',
      '',
    ),
    SignatureVersion: fc.constantFrom('1.0', '1', '2.0', '', 'constructor'),
    SignatureNonce: fc.oneof(fc.uuid(), oddString),
    Timestamp: fc.oneof(timestamp, badTimestamp),
    Action: fc.oneof(fc.constantFrom(...ACTIONS, ...PROTOTYPE_NAMES), oddString),
    Version: fc.oneof(fc.constantFrom(...VERSIONS, ...PROTOTYPE_NAMES), oddString),
    SecurityToken: fc.oneof(fc.constantFrom('token-fuzz', ''), oddString),
    Format: fc.constantFrom('JSON', 'XML', ''),
  },
  { requiredKeys: [] },
);

export const HEADER_NAMES = [
  'content-type',
  'authorization',
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
  'x-acs-security-token',
  'x-acs-other',
  'content-length',
  'set-cookie',
  ...PROTOTYPE_NAMES,
];
export const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=UTF-8',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
];
const signedHeaderName = fc.constantFrom(...HEADER_NAMES, 'x-missing', '');

/** An Authorization header that is ACS3 in shape only, or not even that. */
export const authorization = fc.oneof(
  fc
    .record({
      algorithm: fc.constantFrom('ACS3-HMAC-SHA256', 'ACS3-HMAC-SHA1', 'acs3-hmac-sha256', '', 'Bearer'),
      fields: fc.array(
        fc.tuple(
          fc.constantFrom('Credential', 'SignedHeaders', 'Signature', ' Credential ', '__proto__', 'constructor', ''),
          fc.oneof(
            fc.constantFrom(...KEY_IDS),
            fc.array(signedHeaderName, { maxLength: 5 }).map((names) => names.join(';')),
            fc.stringMatching(/^[0-9a-f]{64}$/),
            oddString,
          ),
        ),
        { maxLength: 5 },
      ),
    })
    .map(({ algorithm, fields }) => `${algorithm} ${fields.map(([name, value]) => `${name}=${value}`).join(',')}`),
  fc.constantFrom('ACS3-HMAC-SHA256', 'ACS3-HMAC-SHA256 ', 'ACS3-HMAC-SHA256 ,,,', 'ACS3-HMAC-SHA256 ==,=,=x'),
  oddString,
);

/**
 * Headers of an ACS3 request that passes every check up to the signature: each common header present
 * and signed, a known key, a good date. SignedHeaders may also name headers that are not there, or
 * names every object inherits (`constructor`), as a hostile client may.
 */
export const acs3Headers = fc
  .record({
    credential: fc.constantFrom(...KEY_IDS),
    extraSigned: fc.array(signedHeaderName, { maxLength: 3 }),
    signature: fc.oneof(
      fc.stringMatching(/^[0-9a-f]{64}$/),
      oddString.filter((text) => text.trim() !== ''),
    ),
    date: fc.oneof({ arbitrary: timestamp, weight: 4 }, { arbitrary: badTimestamp, weight: 1 }),
    action: fc.constantFrom(...ACTIONS, 'constructor'),
    version: fc.constantFrom(...VERSIONS, '__proto__'),
    nonce: fc.uuid(),
    contentType: someOf(fc.constantFrom(...CONTENT_TYPES)),
    token: someOf(fc.constantFrom('token-fuzz', 'other')),
  })
  .map(({ credential, extraSigned, signature, date, action, version, nonce, contentType, token }) => {
    const headers: [string, string][] = [
      ['host', '127.0.0.1'],
      ['x-acs-action', action],
      ['x-acs-version', version],
      ['x-acs-date', date],
      ['x-acs-signature-nonce', nonce],
    ];
    if (contentType !== undefined) headers.push(['content-type', contentType]);
    if (token !== undefined) headers.push(['x-acs-security-token', token]);
    const signed = [...headers.map(([name]) => name), ...extraSigned].join(';');
    headers.push([
      'authorization',
      `ACS3-HMAC-SHA256 Credential=${credential},SignedHeaders=${signed},Signature=${signature}`,
    ]);
    return headers;
  });

const formBody = fc
  .array(fc.tuple(fc.oneof(paramName, fc.constantFrom(...SIGNING_PARAMS, ...CALL_PARAMS)), paramValue), {
    maxLength: 6,
  })
  .map((entries) => Buffer.from(new URLSearchParams(entries).toString()));
export const body = fc.oneof(
  { arbitrary: fc.constant(Buffer.alloc(0)), weight: 3 },
  { arbitrary: formBody, weight: 3 },
  { arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
  { arbitrary: fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? '')), weight: 1 },
  { arbitrary: fc.constant(Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0xc3, 0x26, 0xed, 0xa0, 0x80])), weight: 1 },
);

/** A request of any shape: signature v1 in shape, ACS3 in shape, or neither; headers in an object like Node's. */
const unsignedRequest: fc.Arbitrary<Labelled<IncomingApiRequest>> = fc
  .record({
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'get', 'PUT', 'DELETE', 'OPTIONS', ''), oddString),
    path: fc.oneof(fc.constantFrom('/', '', '//', '/%2F', '/__proto__', '/../..'), fc.webPath(), oddString),
    shape: fc.constantFrom('v1', 'acs3', 'neither'),
    v1: v1Query,
    acs3: acs3Headers,
    extraQuery: fc.array(fc.tuple(fc.oneof(paramName, fc.constantFrom(...SIGNING_PARAMS)), paramValue), {
      maxLength: 5,
    }),
    headers: fc.array(
      fc.tuple(fc.oneof(fc.constantFrom(...HEADER_NAMES), oddString), fc.oneof(authorization, oddString)),
      { maxLength: 5 },
    ),
    contentType: someOf(fc.constantFrom(...CONTENT_TYPES)),
    body,
    nullPrototype: fc.boolean(),
  })
  .map(({ method, path, shape, v1, acs3, extraQuery, headers, contentType, body, nullPrototype }) => {
    const query = recordOf(
      [...(shape === 'v1' ? Object.entries(v1).filter(([, value]) => value !== undefined) : []), ...extraQuery] as [
        string,
        string,
      ][],
      nullPrototype,
    );
    const headerEntries: [string, string][] = [...(shape === 'acs3' ? acs3 : []), ...headers];
    if (contentType !== undefined) headerEntries.push(['content-type', contentType]);
    // Node's IncomingMessage.headers has Object.prototype: `headers.constructor` is a function.
    const request = { method, path, query, headers: recordOf(headerEntries), body };
    return labelled(`${shape} in shape: ${method} ${preview(path, 30)}, ${preview(query, 60)}`, request);
  });

/** A v1 request as a client signs it: its parts before signing. */
interface SignedCase {
  key: AccessKey;
  method: 'GET' | 'POST';
  delivery: 'query' | 'form' | 'split';
  contentType: string;
  /** The parameters sent, in order: API parameters, then the common ones. */
  params: [string, string][];
  /** For `split`: which parameters travel in the body. */
  inBody: boolean[];
}

const signedCase: fc.Arbitrary<SignedCase> = fc
  .record({
    key: fc.constantFrom(...FUZZ_KEYS),
    method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
    delivery: fc.constantFrom<SignedCase['delivery']>('query', 'form', 'split'),
    contentType: fc.constantFrom(...CONTENT_TYPES.slice(0, 3)),
    hash: fc.constantFrom('HMAC-SHA1', 'HMAC-SHA256'),
    action: fc.oneof(
      fc.constantFrom(...ACTIONS),
      paramValue.filter((value) => value !== ''),
    ),
    version: fc.oneof(
      fc.constantFrom(...VERSIONS),
      paramValue.filter((value) => value !== ''),
    ),
    api: fc.uniqueArray(fc.tuple(paramName, paramValue), { maxLength: 8, selector: ([name]) => name }),
    timestamp,
    nonce: fc.oneof(
      fc.uuid(),
      paramValue.filter((value) => value !== ''),
    ),
    format: someOf(fc.constantFrom('JSON', 'XML')),
    inBody: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
  })
  .map(({ key, method, delivery, contentType, hash, action, version, api, timestamp, nonce, format, inBody }) => {
    const params: [string, string][] = [
      ...api,
      ['Action', action],
      ['Version', version],
      ['AccessKeyId', key.accessKeyId],
      ['SignatureMethod', hash],
      ['SignatureVersion', '1.0'],
      ['SignatureNonce', nonce],
      ['Timestamp', timestamp],
    ];
    if (format !== undefined) params.push(['Format', format]);
    if (key.securityToken !== undefined) params.push(['SecurityToken', key.securityToken]);
    // A form body carries only what UTF-8 can: a lone surrogate arrives as U+FFFD (and two names may become one).
    const sent =
      delivery === 'query'
        ? params
        : [...new Map(params.map(([name, value]) => [wellFormed(name), wellFormed(value)])).entries()].filter(
            ([name], index, all) => all.findIndex(([other]) => other === name) === index,
          );
    return { key, method, delivery, contentType, params: sent, inBody };
  });

/** The request a client sends for `signed` (the parameters with their Signature). */
function requestOf(
  signedCase: SignedCase,
  signed: [string, string][],
  change: Partial<IncomingApiRequest> = {},
): IncomingApiRequest {
  const inBody = (index: number) =>
    signedCase.delivery === 'form' || (signedCase.delivery === 'split' && signedCase.inBody[index % 20] === true);
  const query = signed.filter((_, index) => !inBody(index));
  const form = signed.filter((_, index) => inBody(index));
  return {
    method: signedCase.method,
    path: '/',
    query: recordOf(query, true),
    headers: recordOf(form.length > 0 ? [['content-type', signedCase.contentType]] : []),
    body: form.length > 0 ? Buffer.from(new URLSearchParams(form).toString()) : Buffer.alloc(0),
    ...change,
  };
}

/** `params` with their Signature, as pop-core signs them. */
export function signedWith(params: [string, string][], method: string, secret: string): [string, string][] {
  const signature = signV1(recordOf(params), method, secret).Signature!;
  return [...params, ['Signature', signature]];
}

/**
 * A request to authenticate, made when it is checked: signing is part of what is under test (signV1),
 * so that a throw there is a counterexample, not a generator that fails.
 */
type RequestRecipe = () => IncomingApiRequest;

/** A correctly signed request: what was signed, and how to make the request. */
export const signedRequest: fc.Arbitrary<Labelled<{ signed: SignedCase; make: RequestRecipe }>> = signedCase.map(
  (signed) => {
    const make = () => requestOf(signed, signedWith(signed.params, signed.method, signed.key.accessKeySecret));
    const names = signed.params.map(([name]) => shownName(name)).filter((name) => !SIGNING_PARAMS.includes(name));
    return labelled(`${signed.method} by ${signed.delivery}: ${names.join(', ')}`, { signed, make }, () =>
      preview(signed, 400),
    );
  },
);

const TAMPERINGS = [
  'signed with another secret',
  'a value changed',
  'a parameter added',
  'a parameter taken out',
  'sent with another method',
  'the signature altered',
  'the token mixed up',
  'a parameter moved to a body that is not a form',
] as const;

/** A correctly signed request, changed in one way after signing (or signed with the wrong secret or token). */
const tamperedRequest: fc.Arbitrary<Labelled<RequestRecipe>> = fc
  .tuple(signedCase, fc.constantFrom(...TAMPERINGS), fc.nat())
  .map(([signed, tampering, pick]) =>
    labelled(
      `${signed.method} by ${signed.delivery}, ${tampering}`,
      () => tampered(signed, tampering, pick),
      () => preview(signed, 400),
    ),
  );

/** A request that is not correctly signed: of any shape, or signed correctly and then tampered with. */
export const notSignedRequest: fc.Arbitrary<Labelled<RequestRecipe>> = fc.oneof(
  {
    arbitrary: unsignedRequest.map((item) =>
      labelled(
        item.label,
        () => item.value,
        () => preview(item.value, 400),
      ),
    ),
    weight: 2,
  },
  { arbitrary: tamperedRequest, weight: 1 },
);

/** The request of `signed`, with `tampering` done to it. */
function tampered(signed: SignedCase, tampering: (typeof TAMPERINGS)[number], pick: number): IncomingApiRequest {
  const { method, key } = signed;
  let params = signed.params;
  let secret = key.accessKeySecret;
  if (tampering === 'signed with another secret') secret = `${secret}x`;
  if (tampering === 'the token mixed up')
    params = key.securityToken
      ? params.filter(([name]) => name !== 'SecurityToken')
      : [...params, ['SecurityToken', 'token-fuzz']];
  let sent = signedWith(params, method, secret);
  const at = pick % sent.length;
  let change: Partial<IncomingApiRequest> = {};
  if (tampering === 'a value changed')
    sent = sent.map(([name, value], index) => [name, index === at ? `${value}x` : value]);
  if (tampering === 'a parameter added') {
    let name = 'Extra';
    while (sent.some(([sentName]) => sentName === name)) name += '_';
    sent = [...sent, [name, 'x']];
  }
  if (tampering === 'a parameter taken out') sent = sent.filter((_, index) => index !== at);
  if (tampering === 'sent with another method') change = { method: method === 'GET' ? 'POST' : 'GET' };
  if (tampering === 'the signature altered')
    sent = sent.map(([name, value]) => [
      name,
      name === 'Signature' ? `${value[0] === 'A' ? 'B' : 'A'}${value.slice(1)}` : value,
    ]);
  let request = requestOf(signed, sent, change);
  if (tampering === 'a parameter moved to a body that is not a form') {
    const [name, value] = sent[at]!;
    const query = recordOf(
      Object.entries(request.query).filter(([queryName]) => queryName !== name),
      true,
    );
    const text = request.body.length > 0 ? request.body.toString() : new URLSearchParams([[name, value]]).toString();
    request = { ...request, query, headers: recordOf([['content-type', 'text/plain']]), body: Buffer.from(text) };
  }
  return request;
}

function failureProblem(result: unknown): string | undefined {
  const failure = result as { ok?: unknown; httpStatus?: unknown; code?: unknown; message?: unknown };
  if (failure.ok !== false) return `answered ${preview(result, 200)}`;
  if (typeof failure.httpStatus !== 'number' || failure.httpStatus < 400 || failure.httpStatus > 499)
    return `refused with HTTP status ${preview(failure.httpStatus)}`;
  if (typeof failure.code !== 'string' || failure.code === '' || typeof failure.message !== 'string')
    return `refused with ${preview(result, 200)}`;
  return undefined;
}

/**
 * authenticate(request) twice, and on a copy (its parsed parameters are cached per request): one answer.
 * The time is the faster of the two calls that parse the request.
 */
function authenticateThrice(targets: FuzzTargets, request: IncomingApiRequest): { result: unknown; ms: number } {
  const names = [...namesUsed(request.query), ...namesUsed(request.headers)];
  const before = snapshotShared();
  const answers: unknown[] = [];
  let ms = Number.POSITIVE_INFINITY;
  for (const sent of [request, request, { ...request }]) {
    const start = performance.now();
    try {
      answers.push(targets.authenticate(sent, findKey));
    } catch (error) {
      sharedChanges(before);
      throw new Error(`authenticate threw ${thrown(error)}`, { cause: error });
    }
    if (answers.length !== 2) ms = Math.min(ms, performance.now() - start);
  }
  expectSharedUnchanged(before, names);
  if (!answers.every((answer) => isDeepStrictEqual(answer, answers[0])))
    throw new Error(
      `authenticate answered differently: ${answers.map((answer) => preview(answer, 200)).join(' then ')}`,
    );
  return { result: answers[0], ms };
}

export function made(make: RequestRecipe): IncomingApiRequest {
  try {
    return make();
  } catch (error) {
    throw new Error(`signing the request threw ${thrown(error)}`, { cause: error });
  }
}

/** authenticate() refuses a request that is not correctly signed, with a 4xx, and answers the same each time. */
export function checkRefused(targets: FuzzTargets, make: RequestRecipe): number {
  const { result, ms } = authenticateThrice(targets, made(make));
  const problem = failureProblem(result);
  if (problem) throw new Error(`authenticate ${problem} to a request that is not correctly signed`);
  return ms;
}

/** authenticate() accepts a correctly signed request and gives back exactly its parameters. */
export function checkSigned(targets: FuzzTargets, input: { signed: SignedCase; make: RequestRecipe }): number {
  const { result, ms } = authenticateThrice(targets, made(input.make));
  const answer = result as { ok?: unknown; code?: unknown; message?: unknown } & Record<string, unknown>;
  if (answer.ok !== true) throw new Error(`authenticate refused a correctly signed request: ${preview(result, 300)}`);
  const sent = new Map(input.signed.params);
  const expected = {
    scheme: 'v1',
    accessKeyId: input.signed.key.accessKeyId,
    action: sent.get('Action'),
    version: sent.get('Version'),
    nonce: sent.get('SignatureNonce'),
    timestamp: Date.parse(sent.get('Timestamp')!),
  };
  for (const [name, value] of Object.entries(expected))
    if (!Object.is(answer[name], value))
      throw new Error(`authenticate answered ${name} ${preview(answer[name])}, not ${preview(value)}`);
  const params = Object.entries(answer.params as Record<string, string>).sort(byName);
  const wanted = input.signed.params.filter(([name]) => !SIGNING_PARAMS.includes(name)).sort(byName);
  if (!isDeepStrictEqual(params, wanted))
    throw new Error(`authenticate gave back the parameters ${preview(params, 300)}, not ${preview(wanted, 300)}`);
  return ms;
}

const byName = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

// ---- the emulator's server-side validation ----

/** Parameters as the emulator has them after authentication: text only, any names. */
export const serverInput: fc.Arbitrary<Labelled<{ product: string; action: string; params: Params }>> = fc.oneof(
  fc.tuple(fc.constantFrom(...VALIDATED_ACTIONS), fc.boolean()).chain(([action, nullPrototype]) =>
    mutatedRequest(action).map((input) => {
      const [product, name] = action.split(':') as [string, string];
      // What a wire request carries: every value as text.
      const entries = Object.entries(input.value as object).map(([key, value]): [string, string] => [
        key,
        wireText(value),
      ]);
      return labelled(input.label, { product, action: name, params: recordOf(entries, nullPrototype) });
    }),
  ),
  fc
    .record({
      product: fc.oneof(fc.constantFrom('ecs', 'ens', 'alikafka', '', ...PROTOTYPE_NAMES), oddString),
      action: fc.oneof(fc.constantFrom(...ACTIONS, ...PROTOTYPE_NAMES), oddString),
      entries: fc.array(fc.tuple(hostileName, fc.oneof(wireString, oddString, longString)), { maxLength: 8 }),
    })
    .map(({ product, action, entries }) =>
      labelled(`${product}:${action} with ${entries.map(([name]) => shownName(name)).join(', ')}`, {
        product,
        action,
        params: recordOf(entries, true),
      }),
    ),
);

/** validateOnServer() returns, or throws an ApiError with a 4xx status and a code; the same twice. */
export function checkServerValidation(
  targets: FuzzTargets,
  { product, action, params }: { product: string; action: string; params: Params },
): number {
  const names = namesUsed(params);
  const before = snapshotShared();
  const outcomes: string[] = [];
  let ms = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 2; attempt++) {
    const start = performance.now();
    try {
      targets.validateOnServer(product, action, params);
      outcomes.push('returned');
    } catch (error) {
      if (!(error instanceof ApiError)) {
        sharedChanges(before);
        throw new Error(`validateOnServer threw something other than an ApiError: ${thrown(error)}`, {
          cause: error,
        });
      }
      if (error.httpStatus < 400 || error.httpStatus > 499 || typeof error.code !== 'string' || error.code === '')
        throw new Error(`validateOnServer threw ApiError ${error.httpStatus} ${preview(error.code)}`, {
          cause: error,
        });
      outcomes.push(`${error.httpStatus} ${error.code}: ${error.message}`);
    }
    ms = Math.min(ms, performance.now() - start);
  }
  expectSharedUnchanged(before, names);
  if (outcomes[0] !== outcomes[1]) throw new Error(`validateOnServer answered ${outcomes.join(', then ')}`);
  return ms;
}
