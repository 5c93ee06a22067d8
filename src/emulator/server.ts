/**
 * Alibaba Cloud's RPC-style OpenAPI on localhost, for the actions the workflows call. It speaks the
 * real protocol (signed GET or POST, routed by `Version`, the documented error body and statuses),
 * keeps resources with timed state machines, enforces rate limits and ClientTokens, injects faults
 * on request, and shows its state on a loopback-only admin API (`/__admin/...`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ProductApi } from './action';
import { ApiError } from './api-error';
import { adminRefusal, handleAdmin, type AdminTarget } from './admin';
import { NonceBook } from './nonces';
import { FaultPlan, type FaultRule, type FaultStorm } from './faults';
import { ecsApi } from './products/ecs';
import { ensApi, seedArmServers, type ArmServerSeed } from './products/ens';
import { kafkaApi } from './products/kafka';
import { RateLimiter } from './rate-limit';
import { Recent } from './recent';
import { validateOnServer } from './validation';
import { authenticate, signatureOf, type AccessKey, type IncomingApiRequest } from './signature';
import { DOCUMENTED_RATE_LIMITS } from '../policy/rate-limits';
import { TIME_SCALE_HEADER } from '../schemas/protocol';
import { EmulatorState, REALISTIC_DURATIONS, type Durations, type EmulatorSettings } from './store';

/** The emulator's documented default key pair (not a secret: it opens nothing but this emulator). */
export const DEFAULT_ACCESS_KEY: AccessKey = {
  accessKeyId: 'LTAI5tEmulatorDefaultKey',
  accessKeySecret: 'EmulatorDefaultSecretForLocalUseOnly',
};

export interface EmulatorOptions {
  /** @default 8765; 0 picks a free port */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** Multiplies every state-machine duration. @default 1 (realistic) */
  timeScale?: number;
  durations?: Partial<Durations>;
  /** Calls per second per AccessKeyId, keyed `product:Action`, over the documented limits. */
  rateLimits?: Record<string, number>;
  /** @default [DEFAULT_ACCESS_KEY] */
  accessKeys?: AccessKey[];
  faults?: FaultRule[];
  storm?: FaultStorm;
  kafkaDeployFails?: boolean;
}

export interface Emulator {
  /** `http://host:port`, for ALIBABA_CLOUD_ENDPOINT_OVERRIDE. */
  endpoint: string;
  port: number;
  /** The first configured key pair. */
  accessKey: AccessKey;
  state: EmulatorState;
  faults: FaultPlan;
  seedArmServers(seed: ArmServerSeed): string[];
  /** Forgets every resource, counter, ClientToken, nonce and fault. */
  reset(): void;
  close(): Promise<void>;
}

const PRODUCTS: readonly ProductApi[] = [kafkaApi, ecsApi, ensApi];
const PRODUCT_BY_VERSION = new Map(PRODUCTS.map((product) => [product.version, product]));
/** Each product's actions by name: a Map, so `Action=constructor` finds nothing. */
const HANDLERS = new Map(PRODUCTS.map((product) => [product, new Map(Object.entries(product.actions))]));
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/**
 * The largest body read. A request's parameters are bounded far lower (src/schemas/limits.ts: 128 Ki
 * characters, which percent-encoding may triple); anything larger is refused before it is read.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_SIGNATURES_KEPT = 10_000;
/** Real signatures are 28 (HMAC-SHA1, Base64), 44 (HMAC-SHA256) or 64 (ACS3, hex) characters. */
const MAX_SIGNATURE_LENGTH = 128;

/** Thrown while reading a body that is larger than MAX_BODY_BYTES. */
class BodyTooLarge extends Error {}

/** The body, or BodyTooLarge as soon as it is known to be too large (before reading it all). */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else {
        request.removeAllListeners('data');
        request.pause();
        reject(new BodyTooLarge());
      }
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A request target's path (as sent, still percent-encoded) and query. */
interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

/** Split by hand: `new URL` throws on targets such as `//?`, which anyone may send. */
function targetOf(url = '/'): Target {
  const mark = url.indexOf('?');
  if (mark < 0) return { pathname: url, searchParams: new URLSearchParams() };
  return { pathname: url.slice(0, mark), searchParams: new URLSearchParams(url.slice(mark + 1)) };
}

/** The query's parameters (the last value of a name wins), in a record without a prototype. */
function queryOf(target: Target): Record<string, string> {
  const query = Object.create(null) as Record<string, string>;
  for (const [name, value] of target.searchParams) query[name] = value;
  return query;
}

function sendJson(response: ServerResponse, status: number, body: unknown, requestId?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(requestId ? { 'x-acs-request-id': requestId } : {}),
  });
  response.end(text);
}

function sendHtml503(response: ServerResponse): void {
  const html = '<html><head><title>503 Service Temporarily Unavailable</title></head><body>503</body></html>';
  response.writeHead(503, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
  response.end(html);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const settings: EmulatorSettings = {
    timeScale: options.timeScale ?? 1,
    durations: { ...REALISTIC_DURATIONS, ...options.durations },
    rateLimits: { ...DOCUMENTED_RATE_LIMITS, ...options.rateLimits },
    kafkaDeployFails: options.kafkaDeployFails ?? false,
  };
  const state = new EmulatorState(settings);
  const faults = new FaultPlan();
  if (options.faults) faults.add(...options.faults);
  faults.setStorm(options.storm);
  const rateLimiter = new RateLimiter(() => settings.rateLimits);
  const keys = new Map((options.accessKeys ?? [DEFAULT_ACCESS_KEY]).map((key) => [key.accessKeyId, key]));
  const nonces = new NonceBook(MAX_CLOCK_SKEW_MS);
  // The latest signatures received: values derived from a secret, which a secrets scan looks for in
  // logs and histories (`GET /__admin/signatures`). Bounded in count and, since only values of a real
  // signature's length are kept, in bytes: the emulator may serve for days, and anyone may send one.
  const signatures = new Recent<string>(MAX_SIGNATURES_KEPT);

  function sendError(response: ServerResponse, product: ProductApi | undefined, error: ApiError): void {
    const requestId = randomUUID().toUpperCase();
    const body = {
      RequestId: requestId,
      HostId: product?.hostId ?? 'aliyuncs.com',
      Code: error.code,
      Message: error.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=${product?.product ?? ''}&requestId=${requestId}`,
      ...product?.errorFields,
    };
    sendJson(response, error.httpStatus, body, requestId);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: Target): Promise<void> {
    // Every answer says how fast this cloud's clock runs, so a client can expect what it waits for on
    // that clock (Alibaba Cloud sends no such header: its clients keep the realistic durations).
    response.setHeader(TIME_SCALE_HEADER, String(settings.timeScale));
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      state.countCall('(unauthenticated)', 'InvalidParameter');
      // Closed after the answer rather than read to its end: the rest of the body is not wanted.
      response.setHeader('connection', 'close');
      const message = `The request body is larger than ${MAX_BODY_BYTES} bytes.`;
      return sendError(response, undefined, new ApiError('InvalidParameter', message, 413));
    }
    const incoming: IncomingApiRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: queryOf(url),
      headers: request.headers as Record<string, string | undefined>,
      body,
    };
    const signature = signatureOf(incoming);
    if (signature && signature.length <= MAX_SIGNATURE_LENGTH) signatures.add(signature);
    const auth = authenticate(incoming, (id) => keys.get(id));
    if (!auth.ok) {
      state.countCall('(unauthenticated)', auth.code);
      return sendError(response, undefined, new ApiError(auth.code, auth.message, auth.httpStatus));
    }
    const product = PRODUCT_BY_VERSION.get(auth.version);
    const name = `${product?.product ?? auth.version}:${auth.action}`;
    const fail = (error: ApiError) => {
      state.countCall(name, error.code);
      sendError(response, product, error);
    };
    const now = Date.now();
    if (Math.abs(now - auth.timestamp) > MAX_CLOCK_SKEW_MS) {
      return fail(new ApiError('InvalidTimeStamp.Expired', 'The request timestamp is more than 15 minutes off.'));
    }
    if (!nonces.remember(auth.nonce, auth.timestamp, now)) {
      return fail(new ApiError('SignatureNonceUsed', 'This SignatureNonce was already used; send a new one.'));
    }
    if (!product) return fail(new ApiError('InvalidVersion', `API version ${auth.version} is not served here.`));
    const handler = HANDLERS.get(product)!.get(auth.action);
    if (!handler) return fail(new ApiError('InvalidAction.NotFound', `The action ${auth.action} does not exist.`, 404));
    if (!rateLimiter.take(name, auth.accessKeyId, now)) {
      return fail(new ApiError('Throttling.User', 'Too many calls of this action by this user; slow down.'));
    }

    let lose = false;
    for (const fault of faults.next(name, auth.params)) {
      if (fault.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      else if (fault.kind === 'error')
        return fail(new ApiError(fault.code, fault.message ?? `Injected ${fault.code}.`, fault.httpStatus));
      else if (fault.kind === 'html503') {
        state.countCall(name, 'html503');
        return sendHtml503(response);
      } else if (fault.kind === 'drop') {
        state.countCall(name, 'dropped');
        return void request.socket.destroy();
      } else lose = true;
    }

    let answer: Record<string, unknown>;
    try {
      validateOnServer(product.product, auth.action, auth.params);
      answer = handler({ params: auth.params, accessKeyId: auth.accessKeyId, state, now: Date.now() });
    } catch (error) {
      return fail(error instanceof ApiError ? error : new ApiError('InternalError', 'The emulator failed.', 500));
    }
    if (lose) {
      state.countCall(name, 'appliedButLost');
      return void request.socket.destroy();
    }
    state.countCall(name, 'OK');
    const requestId = randomUUID().toUpperCase();
    sendJson(response, 200, { RequestId: requestId, ...product.successFields, ...answer }, requestId);
  }

  async function serveAdmin(request: IncomingMessage, response: ServerResponse, url: Target): Promise<void> {
    const refusal = adminRefusal(request);
    if (refusal) return sendJson(response, refusal[0], { error: refusal[1] });
    let text: string;
    try {
      text = (await readBody(request)).toString();
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      response.setHeader('connection', 'close');
      return sendJson(response, 413, { error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
    }
    handleAdmin(`${request.method} ${url.pathname}`, text, response, admin, sendJson);
  }

  const admin: AdminTarget = {
    state,
    settings,
    faults,
    signatures,
    reset,
    outage(ms, response) {
      if (outagePending) return false;
      outagePending = true;
      // Go down only once the answer is flushed, or destroying the caller's socket would lose it.
      response.once('finish', () => outage(ms));
      return true;
    },
  };

  function reset(): void {
    state.reset();
    faults.clear();
    // Reset forgets every counter: the faults' tally too (clearing the faults alone keeps it).
    faults.injected.clear();
    rateLimiter.reset();
    nonces.clear();
  }

  const server = createServer((request, response) => {
    const url = targetOf(request.url);
    const handle = url.pathname.startsWith('/__admin/') ? serveAdmin : handleApi;
    handle(request, response, url).catch((error: Error) => {
      if (!response.headersSent) sendJson(response, 500, { Code: 'InternalError', Message: error.message });
    });
  });
  server.keepAliveTimeout = 65_000;
  // Every open socket, so an outage can cut kept-alive connections too, as a real one would.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const listenHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8765, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let relisten: NodeJS.Timeout | undefined;
  let outagePending = false;
  let closed = false;

  /** Refuses and resets every connection for `ms`, then listens again: state, faults and settings are kept. */
  function outage(ms: number): void {
    if (closed) return;
    server.close();
    for (const socket of sockets) socket.destroy();
    // The bound port, not options.port: with port 0 the clients know only the port first picked.
    relisten = setTimeout(() => {
      relisten = undefined;
      outagePending = false;
      // Someone may have taken the port meanwhile: the emulator then stays down, and says so.
      const failed = (error: Error) =>
        console.error(`The emulator could not listen on port ${port} again: ${error.message}`);
      server.once('error', failed);
      server.listen(port, listenHost, () => server.off('error', failed));
    }, ms);
  }

  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    endpoint: `http://${host}:${port}`,
    port,
    accessKey: [...keys.values()][0]!,
    state,
    faults,
    seedArmServers: (seed) => seedArmServers(state, seed),
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        // During an outage: nothing may listen after close. server.close then calls back at once with
        // ERR_SERVER_NOT_RUNNING, which is ignored: the server is closed either way.
        closed = true;
        clearTimeout(relisten);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
