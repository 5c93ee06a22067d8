/**
 * Authenticates one request to the emulator the way Alibaba Cloud's RPC-style OpenAPI does, in the two
 * schemes real clients use:
 *
 * - Signature v1 (`@alicloud/pop-core`): every parameter, `Signature` included, in the query string (GET)
 *   or in a form body (POST); base64 HMAC-SHA1 (or HMAC-SHA256) of `METHOD&%2F&encode(canonical query)`
 *   keyed with `secret + '&'`.
 * - ACS3-HMAC-SHA256 (`@alicloud/openapi-core`, under the per-product SDKs): action, version, date and
 *   nonce in `x-acs-*` headers, API parameters in the query string, and an `Authorization` header holding
 *   the hex HMAC-SHA256 of a canonical request (method, path, query, signed headers, body hash).
 *
 * Pure functions over Node's crypto: the emulator is the other side of the wire and must not borrow the
 * clients' signing code, or a bug there would be mirrored here instead of caught.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNING_PARAMETERS } from '../schemas/protocol';

export interface IncomingApiRequest {
  method: string;
  /** Path without the query string, e.g. '/'. */
  path: string;
  /** Decoded query parameters (last value wins). */
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Raw body bytes (may be empty). */
  body: Buffer;
}

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export type Authenticated = {
  ok: true;
  scheme: 'v1' | 'acs3';
  accessKeyId: string;
  /** Every API parameter of the call (query + form body), WITHOUT the signing/common ones (AccessKeyId, Signature*, Timestamp, Format, SecurityToken); INCLUDING Action and Version. */
  params: Record<string, string>;
  action: string;
  version: string;
  nonce: string;
  /** Epoch ms of the request's timestamp. */
  timestamp: number;
};
export type AuthFailure = { ok: false; httpStatus: number; code: string; message: string };

const V1_HASHES = new Map<string, 'sha1' | 'sha256'>([
  ['HMAC-SHA1', 'sha1'],
  ['HMAC-SHA256', 'sha256'],
]);
const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

const fail = (httpStatus: number, code: string, message: string): AuthFailure => ({
  ok: false,
  httpStatus,
  code,
  message,
});

const missing = (name: string): AuthFailure =>
  fail(400, 'MissingParameter', `The request does not supply "${name}", which is required to process it.`);

/** A UTF-16 surrogate without its pair: no UTF-8 text can carry one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * RFC 3986 percent-encoding as Alibaba Cloud signs it: encodeURIComponent leaves `!'()*` alone, the spec
 * does not. A lone surrogate (which encodeURIComponent throws on) is encoded as U+FFFD, as UTF-8 on the
 * wire carries it.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A header's value, looked up as an own name: Node's headers object has Object.prototype, so a name a
 * caller chooses (`SignedHeaders=constructor`) would otherwise find a function. Text only (Node gives
 * `set-cookie` as a list).
 */
function header(request: IncomingApiRequest, name: string): string | undefined {
  const value = Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * `k=v&k=v`, keys sorted, both sides percent-encoded. Both clients sort the raw keys and the ACS3 spec
 * sorts the encoded ones; API parameter names are ASCII letters, digits and dots, for which they agree.
 */
function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? '')}`)
    .join('&');
}

function v1Signature(params: Record<string, string>, method: string, secret: string, hash: 'sha1' | 'sha256'): string {
  const signed = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'Signature'));
  const stringToSign = `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(signed))}`;
  return createHmac(hash, `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Signs parameters the way pop-core does (v1): returns the full parameter set including Signature. Used by tests and the benchmark to craft requests without a client library. */
export function signV1(
  params: Record<string, string>,
  method: string,
  accessKeySecret: string,
): Record<string, string> {
  const hash = V1_HASHES.get(params.SignatureMethod ?? 'HMAC-SHA1');
  if (!hash) throw new Error(`Unsupported SignatureMethod ${params.SignatureMethod}`);
  return { ...params, Signature: v1Signature(params, method, accessKeySecret, hash) };
}

/** Constant-time string comparison; only the length can leak, and a signature's length is public. */
function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `YYYY-MM-DDTHH:mm:ssZ` (both clients), optionally with milliseconds; rejects impossible dates. */
function parseTimestamp(value: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(time);
  // Date.UTC rolls 02-30 over into March: a round trip catches what the pattern cannot.
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return valid ? time : undefined;
}

const badTimestamp = (value: string): AuthFailure =>
  fail(
    400,
    'InvalidTimeStamp.Format',
    `The timestamp "${value}" is not in the expected UTC format YYYY-MM-DDThh:mm:ssZ.`,
  );

const signatureMismatch = (): AuthFailure =>
  fail(
    400,
    'SignatureDoesNotMatch',
    'The signature of the request does not match the one calculated by the server: check the AccessKey secret and the signing method.',
  );

// Parsed once per request: authentication, the signature record and the API parameters all read them.
const paramsOfRequest = new WeakMap<IncomingApiRequest, Readonly<Record<string, string>>>();

/** Query plus, for a form body, the body's fields (which win, as they were sent last). */
function requestParams(request: IncomingApiRequest): Readonly<Record<string, string>> {
  const known = paramsOfRequest.get(request);
  if (known) return known;
  // No prototype: a parameter named `__proto__` or `constructor` is just a name here.
  const params = Object.assign(Object.create(null) as Record<string, string>, request.query);
  const contentType = header(request, 'content-type') ?? '';
  if (request.body.length > 0 && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params[key] = value;
  }
  paramsOfRequest.set(request, params);
  return params;
}

function apiParams(all: Record<string, string>, action: string, version: string): Record<string, string> {
  const params = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(all)) if (!SIGNING_PARAMETERS.has(key)) params[key] = value;
  params.Action = action;
  params.Version = version;
  return params;
}

/**
 * An STS key only works with its token and a permanent key with none: a token on the wrong key is as
 * much a credential mix-up as a missing one. Checked after the signature, which covers the token.
 */
function checkToken(key: AccessKey, token: string | undefined): AuthFailure | undefined {
  if (constantTimeEqual(key.securityToken ?? '', token ?? '')) return undefined;
  return fail(400, 'InvalidSecurityToken.Mismatch', 'The security token does not belong to the AccessKey.');
}

const unknownKey = (): AuthFailure =>
  fail(404, 'InvalidAccessKeyId.NotFound', 'The AccessKey ID of the request does not exist.');

function authenticateV1(
  request: IncomingApiRequest,
  findKey: (accessKeyId: string) => AccessKey | undefined,
): Authenticated | AuthFailure {
  const all = requestParams(request);
  const required = [
    'AccessKeyId',
    'Signature',
    'SignatureMethod',
    'SignatureVersion',
    'SignatureNonce',
    'Timestamp',
    'Action',
    'Version',
  ];
  for (const name of required) if (!all[name]) return missing(name);
  // Present from here on (checked just above).
  const param = (name: string): string => all[name] ?? '';

  const hash = V1_HASHES.get(param('SignatureMethod'));
  if (!hash) {
    return fail(400, 'IncompleteSignature', `The SignatureMethod "${param('SignatureMethod')}" is not supported.`);
  }
  if (param('SignatureVersion') !== '1.0') {
    return fail(400, 'IncompleteSignature', `The SignatureVersion "${param('SignatureVersion')}" is not supported.`);
  }
  const timestamp = parseTimestamp(param('Timestamp'));
  if (timestamp === undefined) return badTimestamp(param('Timestamp'));

  const accessKeyId = param('AccessKeyId');
  const key = findKey(accessKeyId);
  if (!key) return unknownKey();
  const expected = v1Signature(all, request.method, key.accessKeySecret, hash);
  if (!constantTimeEqual(param('Signature'), expected)) return signatureMismatch();
  const tokenFailure = checkToken(key, all.SecurityToken);
  if (tokenFailure) return tokenFailure;

  const action = param('Action');
  const version = param('Version');
  return {
    ok: true,
    scheme: 'v1',
    accessKeyId,
    params: apiParams(all, action, version),
    action,
    version,
    nonce: param('SignatureNonce'),
    timestamp,
  };
}

/** `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>` into its parts. */
function parseAuthorization(value: string): { algorithm: string; fields: Record<string, string> } {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  const fields: Record<string, string> = {};
  for (const part of (space < 0 ? '' : value.slice(space + 1)).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return { algorithm, fields };
}

function authenticateAcs3(
  request: IncomingApiRequest,
  authorization: string,
  findKey: (accessKeyId: string) => AccessKey | undefined,
): Authenticated | AuthFailure {
  const { algorithm, fields } = parseAuthorization(authorization);
  if (algorithm !== ACS3_ALGORITHM) {
    return fail(400, 'IncompleteSignature', `The signature algorithm "${algorithm}" is not supported.`);
  }
  const { Credential: accessKeyId, SignedHeaders: signedHeaderList, Signature: signature } = fields;
  if (!accessKeyId || !signedHeaderList || !signature) {
    return fail(
      400,
      'IncompleteSignature',
      'The Authorization header must carry Credential, SignedHeaders and Signature.',
    );
  }
  for (const name of ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce']) {
    if (!header(request, name)) return missing(name);
  }
  const action = header(request, 'x-acs-action') ?? '';
  const version = header(request, 'x-acs-version') ?? '';
  const nonce = header(request, 'x-acs-signature-nonce') ?? '';
  const date = header(request, 'x-acs-date') ?? '';

  // Every common header that is present must be signed, or it could be changed in flight (the
  // x-acs-action header, say) without breaking the signature.
  const signedHeaders = signedHeaderList.split(';');
  const unsigned = Object.keys(request.headers).find(
    (name) =>
      header(request, name) !== undefined &&
      (name === 'host' || name === 'content-type' || name.startsWith('x-acs-')) &&
      !signedHeaders.includes(name),
  );
  if (unsigned) return fail(400, 'IncompleteSignature', `The header "${unsigned}" is present but not signed.`);

  const timestamp = parseTimestamp(date);
  if (timestamp === undefined) return badTimestamp(date);

  const key = findKey(accessKeyId);
  if (!key) return unknownKey();

  // The canonical URI is the path as received (still percent-encoded; '/' for every RPC call).
  // The payload line is the hash of the body actually received, not the client's x-acs-content-sha256
  // claim: that header is signed too, so a body changed in flight fails either way.
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${(header(request, name) ?? '').trim()}\n`).join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path,
    canonicalQuery(request.query),
    canonicalHeaders,
    signedHeaderList,
    createHash('sha256').update(request.body).digest('hex'),
  ].join('\n');
  const stringToSign = `${ACS3_ALGORITHM}\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
  const expected = createHmac('sha256', key.accessKeySecret).update(stringToSign, 'utf8').digest('hex');
  if (!constantTimeEqual(signature, expected)) return signatureMismatch();
  const tokenFailure = checkToken(key, header(request, 'x-acs-security-token'));
  if (tokenFailure) return tokenFailure;

  return {
    ok: true,
    scheme: 'acs3',
    accessKeyId,
    params: apiParams(requestParams(request), action, version),
    action,
    version,
    nonce,
    timestamp,
  };
}

/** The signature a request carries (v1's `Signature` parameter, or ACS3's in Authorization), if any. */
export function signatureOf(request: IncomingApiRequest): string | undefined {
  const authorization = header(request, 'authorization');
  return authorization ? parseAuthorization(authorization).fields.Signature : requestParams(request).Signature;
}

/** Parses the request's parameters (query and, for form bodies, the body) and verifies its signature against the key found by `findKey`. Does NOT check nonce reuse or clock skew (the server does, with the `nonce` and `timestamp` returned). */
export function authenticate(
  request: IncomingApiRequest,
  findKey: (accessKeyId: string) => AccessKey | undefined,
): Authenticated | AuthFailure {
  const authorization = header(request, 'authorization');
  if (authorization) return authenticateAcs3(request, authorization, findKey);
  // pop-core sends x-acs-action too, so only the absence of v1's AccessKeyId marks an ACS3 request
  // that lost its Authorization header.
  if (header(request, 'x-acs-action') && !requestParams(request).AccessKeyId) return missing('Authorization');
  return authenticateV1(request, findKey);
}
