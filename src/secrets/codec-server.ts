/**
 * A codec server for the Temporal Web UI and CLI: POST /encode and /decode with
 * `{"payloads": [{"metadata": {"k": base64}, "data": base64}]}`, so people with the key can read
 * encrypted inputs and results in the UI, and nobody else can. It answers /decode with plaintext, so
 * it guards itself as Temporal's codec-server guidance advises: an optional bearer token, a body
 * limit, and, on loopback or without a token, a Host check that defeats DNS rebinding.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload } from '@temporalio/common';
import { z } from 'zod';
import { EncryptionCodec, type CodecKeys } from './codec';

/**
 * The largest request body accepted, in bytes. Temporal refuses payloads over 2 MB by default (its
 * blob size limit); base64 makes one such payload about 2.7 MB of JSON, so 4 MiB fits the largest
 * payload history can hold, while one request can no longer make the server buffer hundreds of MB.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Hosts whose listener only local processes reach; there, a web page is the remaining attacker. */
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', 'localhost']);

/** A Host header naming a loopback host, with or without a port. */
const LOOPBACK_HOST_HEADER = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

/** The request body both routes take. */
const CodecRequestSchema = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), z.string()).optional(),
      data: z.string().optional(),
    }),
  ),
});

type JsonPayload = z.infer<typeof CodecRequestSchema>['payloads'][number];

export interface CodecServerOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /**
   * Address to listen on. On a loopback address (127.0.0.1, ::1, localhost), or anywhere without a
   * token, the Host header must name a loopback host too. Default: `127.0.0.1`.
   */
  host?: string;
  /**
   * The origins (the Web UI's) allowed to call it from a browser; several when the UI answers under
   * more than one name (127.0.0.1 and localhost). Default: none, no CORS headers.
   */
  corsOrigin?: string | readonly string[];
  /** When set, /encode and /decode need `Authorization: Bearer <token>`. Default: none, no token needed. */
  token?: string;
}

export interface CodecServer {
  url: string;
  close(): Promise<void>;
}

/** A refusal: the status and a message for the caller. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(message);
  }
}

const fromJson = (payload: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(payload.data ?? '', 'base64'),
});

const toJson = (payload: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value ?? new Uint8Array()).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});

/** Names the request's origin when it is one of `origins` (a browser refuses the answer otherwise). */
function allowCors(request: IncomingMessage, response: ServerResponse, origins: readonly string[]): void {
  const origin = origins.find((allowed) => allowed === request.headers.origin) ?? origins[0]!;
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('vary', 'origin');
  response.setHeader('access-control-allow-methods', 'POST, OPTIONS');
  response.setHeader('access-control-allow-headers', 'content-type, x-namespace, authorization');
  response.setHeader('access-control-allow-credentials', 'true');
}

/**
 * A page on another site can rebind its own name to 127.0.0.1 and call us as a same-origin page;
 * its requests still carry its own name in Host, so only loopback names are let through.
 */
function checkHost(request: IncomingMessage): void {
  if (!LOOPBACK_HOST_HEADER.test(request.headers.host ?? '')) {
    throw new HttpError(403, 'the Host header must name a loopback host (127.0.0.1, localhost or [::1])');
  }
}

/** Compares in constant time, so the response time tells nothing about how much of a guess was right. */
function checkToken(request: IncomingMessage, expected: Buffer): void {
  const given = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const givenBytes = Buffer.from(given ?? '', 'utf8');
  if (given === undefined || givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) {
    throw new HttpError(401, 'a valid "Authorization: Bearer <token>" header is required', {
      'www-authenticate': 'Bearer',
    });
  }
}

/** Reads the body, refusing it with 413 as soon as it is known to be too large, without keeping the rest. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers['content-length']) > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Not destroying the request: that would reset the socket before the 413 is sent.
      request.off('data', onData);
      reject(tooLarge());
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parsePayloads(body: Buffer): Payload[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  const parsed = CodecRequestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
    throw new HttpError(
      400,
      `the body must be {"payloads": [{"metadata": {...}, "data": "..."}]}: ${issues.join('; ')}`,
    );
  }
  return parsed.data.payloads.map(fromJson);
}

async function transform(codec: EncryptionCodec, route: '/encode' | '/decode', payloads: Payload[]) {
  try {
    return route === '/encode' ? await codec.encode(payloads) : await codec.decode(payloads);
  } catch (error) {
    // A payload sealed with an unknown key, or tampered with: the caller's input, not a server fault.
    throw new HttpError(400, `cannot ${route.slice(1)}: ${(error as Error).message}`);
  }
}

function sendError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) return void response.destroy();
  const { status, message, headers } =
    error instanceof HttpError ? error : new HttpError(500, 'the codec server failed on this request');
  // The body may be left unread; closing the connection spares reading it just to reuse the socket.
  response
    .writeHead(status, { ...headers, 'content-type': 'application/json', connection: 'close' })
    .end(JSON.stringify({ error: message }));
}

/** Starts the server; it is listening when the promise resolves. */
export async function startCodecServer(keys: CodecKeys, options: CodecServerOptions): Promise<CodecServer> {
  const codec = new EncryptionCodec(keys);
  const host = options.host ?? '127.0.0.1';
  const origins = [options.corsOrigin ?? []].flat();
  const token = options.token === undefined ? undefined : Buffer.from(options.token, 'utf8');
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (origins.length > 0) allowCors(request, response, origins);
    // With a token, off loopback, it sits behind names it cannot know (a proxy, a DNS name) and the token
    // guards it. Without one (a container whose port is published on the host's loopback), only a page
    // on the user's own machine may use it, as on loopback.
    if (LOOPBACK_ADDRESSES.has(host) || !token) checkHost(request);
    // Browsers send preflights without credentials, so they cannot need the token.
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    if (token) checkToken(request, token);
    const route = request.url?.split('?')[0];
    if (request.method !== 'POST' || (route !== '/encode' && route !== '/decode')) {
      throw new HttpError(404, 'POST /encode or /decode');
    }
    const result = await transform(codec, route, parsePayloads(await readBody(request)));
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ payloads: result.map(toJson) }));
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(response, error));
  });
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
