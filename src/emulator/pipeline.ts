/**
 * One API request, as the real service takes it, in named steps: read it, authenticate it, check it
 * is fresh, route it to its product and action, hold it to the rate limit, apply the faults a test
 * asked for, run the action, answer. A step that refuses the request throws the ApiError the API
 * would answer; the answer (and the count a test reads) is written in one place.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PRODUCTS } from '../actions';
import { TIME_SCALE_HEADER } from '../schemas/protocol';
import type { ActionHandler, ServedProduct } from './action';
import { ApiError, type Params } from './api-error';
import type { FaultPlan } from './faults';
import { BodyTooLarge, MAX_BODY_BYTES, queryOf, readBody, sendHtml503, sendJson, type Target } from './http';
import type { NonceBook } from './nonces';
import { ecsApi } from './products/ecs';
import { ensApi } from './products/ens';
import { kafkaApi } from './products/kafka';
import type { RateLimiter } from './rate-limit';
import type { Recent } from './recent';
import { authenticate, signatureOf, type AccessKey, type Authenticated, type IncomingApiRequest } from './signature';
import type { EmulatorState } from './store';
import { validateOnServer } from './validation';

const SERVED: readonly ServedProduct[] = [kafkaApi, ecsApi, ensApi];
/** The `Version` parameter routes a call to its product, as it does at Alibaba Cloud. */
const PRODUCT_BY_VERSION = new Map(SERVED.map((product) => [PRODUCTS[product.product].version, product]));
/** Each product's actions by name: a Map, so `Action=constructor` finds nothing. */
const HANDLERS = new Map(
  SERVED.map((product) => [product, new Map<string, ActionHandler>(Object.entries(product.actions))]),
);

export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/** Real signatures are 28 (HMAC-SHA1, Base64), 44 (HMAC-SHA256) or 64 (ACS3, hex) characters. */
const MAX_SIGNATURE_LENGTH = 128;

/** What the pipeline reads and keeps across requests. */
export interface PipelineParts {
  state: EmulatorState;
  faults: FaultPlan;
  rateLimiter: RateLimiter;
  keys: ReadonlyMap<string, AccessKey>;
  nonces: NonceBook;
  /** The latest signatures received (see `GET /__admin/signatures`). */
  signatures: Recent<string>;
}

/** The request as far as the steps have read it: its name for the counters and its product once known. */
interface Call {
  request: IncomingMessage;
  response: ServerResponse;
  /** `product:Action`, or `(unauthenticated)` until the request is authenticated. */
  name: string;
  product?: ServedProduct;
}

/** How the request ends other than with an answer of the API: a fault that cuts it short. */
type Cut = 'html503' | 'dropped';

export function createApiPipeline(parts: PipelineParts) {
  const { state, faults, rateLimiter, keys, nonces, signatures } = parts;

  /** Reads the body, refusing one larger than MAX_BODY_BYTES before reading it all. */
  async function parse(call: Call, target: Target): Promise<IncomingApiRequest> {
    try {
      return {
        method: call.request.method ?? 'GET',
        path: target.pathname,
        query: queryOf(target),
        headers: call.request.headers as Record<string, string | undefined>,
        body: await readBody(call.request),
      };
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      // Closed after the answer rather than read to its end: the rest of the body is not wanted.
      call.response.setHeader('connection', 'close');
      throw new ApiError('InvalidParameter', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, 413);
    }
  }

  /** Checks the signature against the caller's key; keeps the signature for the secrets scan. */
  function authenticated(incoming: IncomingApiRequest): Authenticated {
    const signature = signatureOf(incoming);
    if (signature && signature.length <= MAX_SIGNATURE_LENGTH) signatures.add(signature);
    const auth = authenticate(incoming, (id) => keys.get(id));
    if (!auth.ok) throw new ApiError(auth.code, auth.message, auth.httpStatus);
    return auth;
  }

  /** A replayed or stale request is refused, as the gateway does. */
  function checkFresh(auth: Authenticated, now: number): void {
    if (Math.abs(now - auth.timestamp) > MAX_CLOCK_SKEW_MS) {
      throw new ApiError('InvalidTimeStamp.Expired', 'The request timestamp is more than 15 minutes off.');
    }
    if (!nonces.remember(auth.nonce, auth.timestamp, now)) {
      throw new ApiError('SignatureNonceUsed', 'This SignatureNonce was already used; send a new one.');
    }
  }

  function route(call: Call, auth: Authenticated): ActionHandler {
    if (!call.product) throw new ApiError('InvalidVersion', `API version ${auth.version} is not served here.`);
    const handler = HANDLERS.get(call.product)!.get(auth.action);
    if (!handler) throw new ApiError('InvalidAction.NotFound', `The action ${auth.action} does not exist.`, 404);
    return handler;
  }

  function holdToRateLimit(call: Call, auth: Authenticated, now: number): void {
    if (!rateLimiter.take(call.name, auth.accessKeyId, now)) {
      throw new ApiError('Throttling.User', 'Too many calls of this action by this user; slow down.');
    }
  }

  /** The faults a test set for this call: whether its answer is to be lost, or how it is cut short. */
  async function applyFaults(call: Call, params: Params): Promise<{ lose: boolean; cut?: Cut }> {
    let lose = false;
    for (const fault of faults.next(call.name, params)) {
      if (fault.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      else if (fault.kind === 'error')
        throw new ApiError(fault.code, fault.message ?? `Injected ${fault.code}.`, fault.httpStatus);
      else if (fault.kind === 'html503' || fault.kind === 'drop')
        return { lose, cut: fault.kind === 'drop' ? 'dropped' : 'html503' };
      else lose = true;
    }
    return { lose };
  }

  /** Validates the request as the API does, then runs the action: its answer without RequestId. */
  function run(call: Call, handler: ActionHandler, auth: Authenticated): Record<string, unknown> {
    try {
      validateOnServer(call.product!.product, auth.action, auth.params);
      return handler({ params: auth.params, accessKeyId: auth.accessKeyId, state, now: Date.now() });
    } catch (error) {
      throw error instanceof ApiError ? error : new ApiError('InternalError', 'The emulator failed.', 500);
    }
  }

  function fail(call: Call, error: ApiError): void {
    state.countCall(call.name, error.code);
    const { product } = call;
    const requestId = randomUUID().toUpperCase();
    const body = {
      RequestId: requestId,
      HostId: product?.hostId ?? 'aliyuncs.com',
      Code: error.code,
      Message: error.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product?.product ?? ''}&requestId=${requestId}`,
      ...product?.errorFields,
    };
    sendJson(call.response, error.httpStatus, body, requestId);
  }

  function cutShort(call: Call, cut: Cut | 'appliedButLost'): void {
    state.countCall(call.name, cut);
    if (cut === 'html503') sendHtml503(call.response);
    else call.request.socket.destroy();
  }

  function answer(call: Call, value: Record<string, unknown>): void {
    state.countCall(call.name, 'OK');
    const requestId = randomUUID().toUpperCase();
    sendJson(call.response, 200, { RequestId: requestId, ...call.product!.successFields, ...value }, requestId);
  }

  /** Takes one API request to its answer. */
  return async function handleApi(request: IncomingMessage, response: ServerResponse, target: Target): Promise<void> {
    // Every answer says how fast this cloud's clock runs, so a client can expect what it waits for on
    // that clock (Alibaba Cloud sends no such header: its clients keep the realistic durations).
    response.setHeader(TIME_SCALE_HEADER, String(state.settings.timeScale));
    const call: Call = { request, response, name: '(unauthenticated)' };
    try {
      const auth = authenticated(await parse(call, target));
      call.product = PRODUCT_BY_VERSION.get(auth.version);
      call.name = `${call.product?.product ?? auth.version}:${auth.action}`;
      const now = Date.now();
      checkFresh(auth, now);
      const handler = route(call, auth);
      holdToRateLimit(call, auth, now);
      const { lose, cut } = await applyFaults(call, auth.params);
      if (cut) return cutShort(call, cut);
      const value = run(call, handler, auth);
      if (lose) return cutShort(call, 'appliedButLost');
      answer(call, value);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      fail(call, error);
    }
  };
}
