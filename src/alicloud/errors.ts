/**
 * The one error the cloud boundary throws, and how a failed call becomes one. Every field is safe to
 * log and to store in workflow history: credentials, signatures, passwords, UserData, KMS key ids and request
 * URLs are removed from anything the server or the HTTP library said.
 */
import { withCredentialFix } from './credential-fixes';
import { retryClassOf, type RetryClass } from './error-codes';
import type { ProductName } from '../actions';

/**
 * `ambiguous`: a mutating call was sent but its outcome is unknown (timeout, dropped connection);
 * the caller must look the resource up before calling again.
 */
export type FailureClass = RetryClass | 'ambiguous';

/** A failure that carries no Alibaba Cloud code, named by this project. */
export interface TransportFailure {
  code: string;
  /** `ambiguous` only when the call was mutating; the same failure on a read is transient. */
  retryClass: FailureClass;
  meaning: string;
}

export const TRANSPORT_FAILURES = {
  connectionFailed: {
    code: 'Transport.ConnectionFailed',
    retryClass: 'transient',
    meaning: 'The connection could not be made (refused, DNS, unreachable): the request was never sent.',
  },
  timeout: {
    code: 'Transport.Timeout',
    retryClass: 'ambiguous',
    meaning: 'No answer in time after the request was sent: a change may or may not have been applied.',
  },
  connectionReset: {
    code: 'Transport.ConnectionReset',
    retryClass: 'ambiguous',
    meaning: 'The connection broke after the request was sent: a change may or may not have been applied.',
  },
  invalidResponse: {
    code: 'Transport.InvalidResponse',
    retryClass: 'transient',
    meaning: 'The answer was not JSON (an HTML error page from a gateway or load balancer).',
  },
  serverError: {
    code: 'Transport.ServerError',
    retryClass: 'transient',
    meaning: 'A 5xx answer that carried no error code.',
  },
  unsuccessful: {
    code: 'Transport.Unsuccessful',
    retryClass: 'terminal',
    meaning: 'An answer that said Success: false without a usable error code (Kafka).',
  },
} as const satisfies Record<string, TransportFailure>;

export interface AlibabaCloudErrorFields {
  code: string;
  message: string;
  requestId: string | undefined;
  httpStatus: number | undefined;
  action: string;
  product: ProductName;
  /** The API's troubleshooting link, when it gives one. */
  recommend: string | undefined;
  retryClass: FailureClass;
}

/** Thrown by every Alibaba Cloud call that did not succeed. */
export class AlibabaCloudError extends Error implements AlibabaCloudErrorFields {
  readonly code: string;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly action: string;
  readonly product: ProductName;
  readonly recommend: string | undefined;
  readonly retryClass: FailureClass;

  constructor(fields: AlibabaCloudErrorFields) {
    super(fields.message);
    this.name = 'AlibabaCloudError';
    this.code = fields.code;
    this.requestId = fields.requestId;
    this.httpStatus = fields.httpStatus;
    this.action = fields.action;
    this.product = fields.product;
    this.recommend = fields.recommend;
    this.retryClass = fields.retryClass;
  }

  /** The fields alone, for logs and failure details. */
  toJSON(): AlibabaCloudErrorFields {
    const { code, message, requestId, httpStatus, action, product, recommend, retryClass } = this;
    return { code, message, requestId, httpStatus, action, product, recommend, retryClass };
  }
}

/**
 * The request parameters whose values are secret, matched by the last segment of the name in any case:
 * `Password`, `Tag.1.Password`, `DataDisk.1.KMSKeyId` and `SystemDisk.KMSKeyId` alike.
 */
export const SECRET_PARAMS = [
  'AccessKeyId',
  'AccessKeySecret',
  'SecurityToken',
  'Signature',
  'Password',
  'UserData',
  'KMSKeyId',
] as const;

const SECRET_NAMES = new Set<string>(SECRET_PARAMS.map((name) => name.toLowerCase()));

/** Whether a parameter (`Password`, `DataDisk.1.KMSKeyId`) carries a secret value. */
export function isSecretParam(name: string): boolean {
  return SECRET_NAMES.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase());
}

/** The values of the secret parameters among wire parameters (flat names, as `encodeParams` gives them). */
export function secretValuesOf(params: Readonly<Record<string, string>>): string[] {
  return Object.entries(params)
    .filter(([name]) => isSecretParam(name))
    .map(([, value]) => value);
}

const SECRET_NAME = `(?:${SECRET_PARAMS.join('|')})`;
const SECRET_PATTERN = new RegExp(
  [
    // Name=value, or percent-encoded once (a string to sign) or twice. The name is a whole segment (`Tag.1.Password`,
    // `%26Signature`, not `OldPassword`); the value ends at `&` (or `%26`, `%2526`), white space or a quote.
    `(?<assigned>(?<=^|[^a-z]|%[0-9a-f]{2})${SECRET_NAME}(?:=|%3D|%253D))(?:(?!%26|%2526)[^&\\s"])*`,
    // "Name" : "value" as in JSON, or with single quotes, any white space around the colon: the whole string value.
    `(?<keyed>(?<quote>["'])(?:[^"'\\s]*\\.)?${SECRET_NAME}\\k<quote>\\s*:\\s*(?<open>["']))` +
      `(?:(?!\\k<open>)[^\\\\]|\\\\.)*(?<close>\\k<open>?)`,
  ].join('|'),
  'gi',
);
// A request URL (query strings carry credentials on GET); troubleshooting links stay in `recommend`.
const URL_PATTERN = /\bhttps?:\/\/[^\s"']+/g;

/** Alibaba Cloud's percent-encoding (RFC 3986), as in a string to sign. */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** How a server may echo a value: as sent, percent-encoded once or twice, or escaped inside a JSON string. */
function echoesOf(secret: string): string[] {
  const encoded = percentEncode(secret);
  return [secret, encoded, percentEncode(encoded), JSON.stringify(secret).slice(1, -1)];
}

type SecretGroups = Partial<Record<'assigned' | 'keyed' | 'close', string>>;

/**
 * Removes the values of secret parameters (SECRET_PARAMS, written `Name=value` in any encoding or as JSON), and any
 * of the given secret values wherever they appear.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(SECRET_PATTERN, (...args: unknown[]) => {
    const { assigned, keyed, close } = args.at(-1) as SecretGroups;
    return assigned !== undefined ? `${assigned}[redacted]` : `${keyed}[redacted]${close}`;
  });
  const echoes = secrets.filter((secret): secret is string => !!secret && secret.length >= 4).flatMap(echoesOf);
  // Longest first, so that a secret inside another one does not leave the rest of the longer one behind.
  for (const echo of [...new Set(echoes)].sort((a, b) => b.length - a.length)) {
    out = out.split(echo).join('[redacted]');
  }
  return out;
}

/** As redactSecrets, and removes URLs too: for text that came from the server or the HTTP library. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  return redactSecrets(text, secrets).replace(URL_PATTERN, '[url]');
}

interface CallContext {
  action: string;
  product: ProductName;
  mutating: boolean;
  /** Credential values and the request's secret parameter values, to scrub from anything that ends up in the error. */
  secrets: readonly (string | undefined)[];
}

/** An error answer with an Alibaba Cloud code (or a 5xx with none). */
export function fromErrorBody(
  body: Record<string, unknown>,
  httpStatus: number | undefined,
  context: CallContext,
): AlibabaCloudError {
  // Kafka answers some failures with a numeric Code (and `Success: false`); 200 means no code at all.
  const numericCode = typeof body.Code === 'number' && body.Code !== 200 ? body.Code : undefined;
  const rawCode = typeof body.Code === 'string' && body.Code !== '' ? body.Code : numericCode?.toString();
  const code =
    rawCode ??
    (httpStatus !== undefined && httpStatus >= 500
      ? TRANSPORT_FAILURES.serverError.code
      : TRANSPORT_FAILURES.unsuccessful.code);
  const message = typeof body.Message === 'string' ? body.Message : `${context.action} failed with ${code}`;
  return new AlibabaCloudError({
    code,
    message: withCredentialFix(code, redact(message, context.secrets)),
    requestId: typeof body.RequestId === 'string' ? body.RequestId : undefined,
    httpStatus,
    action: context.action,
    product: context.product,
    // A troubleshooting link, not a request URL: kept, with any credential in it removed.
    recommend: typeof body.Recommend === 'string' ? redactSecrets(body.Recommend, context.secrets) : undefined,
    retryClass: rawCode
      ? retryClassOf(rawCode, numericCode ?? httpStatus)
      : code === TRANSPORT_FAILURES.serverError.code
        ? 'transient'
        : 'terminal',
  });
}

// Errors that mean the connection was never made, so the request cannot have been applied.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** A failure below HTTP: no connection, a timeout, a reset, or a body that is not JSON. */
export function fromTransportError(error: unknown, context: CallContext): AlibabaCloudError {
  const { name = '', code: errno = '' } = (error ?? {}) as { name?: string; code?: string };
  let code: string;
  let retryClass: FailureClass;
  let message: string;
  // json-bigint throws a plain object named SyntaxError, not an instance of it.
  if (error instanceof SyntaxError || name === 'SyntaxError') {
    code = TRANSPORT_FAILURES.invalidResponse.code;
    retryClass = 'transient';
    message = `${context.action} got an answer that is not JSON (a gateway error page?)`;
  } else if (NOT_SENT.has(errno)) {
    code = TRANSPORT_FAILURES.connectionFailed.code;
    retryClass = 'transient';
    message = `${context.action} could not connect to the ${context.product} endpoint (${errno})`;
  } else {
    const timedOut = name.includes('Timeout') || errno === 'ETIMEDOUT';
    code = timedOut ? TRANSPORT_FAILURES.timeout.code : TRANSPORT_FAILURES.connectionReset.code;
    // Once sent, a change may have been applied even though no answer came back.
    retryClass = context.mutating ? 'ambiguous' : 'transient';
    const what = timedOut ? 'no answer in time' : `the connection broke (${errno || name || 'unknown'})`;
    message = `${context.action} was sent but ${what}${context.mutating ? '; its outcome is unknown' : ''}`;
  }
  return new AlibabaCloudError({
    code,
    message,
    requestId: undefined,
    httpStatus: undefined,
    action: context.action,
    product: context.product,
    recommend: undefined,
    retryClass,
  });
}
