/**
 * The one error the cloud boundary throws, and how a failed call becomes one. Every field is safe to
 * log and to store in workflow history: credentials, signatures and request URLs are removed from
 * anything the server or the HTTP library said.
 */
import { withCredentialFix } from './credential-fixes';
import { retryClassOf, type RetryClass } from './error-codes';
import type { ProductName } from './products';

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

const SENSITIVE_PARAMS = ['AccessKeyId', 'SecurityToken', 'Signature', 'AccessKeySecret', 'Password'];
// A value ends at `&` (or its encodings `%26`, `%2526`, as in a string to sign), white space or a quote.
const SENSITIVE_PATTERN = new RegExp(
  `(${SENSITIVE_PARAMS.join('|')})(=|%3D|%253D|":\\s*")(?:(?!%26|%2526)[^&\\s"])*`,
  'g',
);
// A request URL (query strings carry credentials on GET); troubleshooting links stay in `recommend`.
const URL_PATTERN = /\bhttps?:\/\/[^\s"']+/g;

/** Removes credential and signature values, and any of the given secret values wherever they appear. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(SENSITIVE_PATTERN, '$1$2[redacted]');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
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
  /** Credential values to scrub from anything that ends up in the error. */
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
