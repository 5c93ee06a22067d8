/**
 * Alibaba Cloud's RPC-style OpenAPI on localhost, for the actions the workflows call. It speaks the
 * real protocol (signed GET or POST, routed by `Version`, the documented error body and statuses),
 * keeps resources with timed state machines, enforces rate limits and ClientTokens, injects faults
 * on request, and shows its state on a loopback-only admin API (`/__admin/...`). This file serves
 * both and runs the server (outages, close); one API request's steps are in `pipeline.ts`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DOCUMENTED_RATE_LIMITS } from '../actions';
import { adminRefusal, handleAdmin, type AdminTarget } from './admin';
import { BodyTooLarge, MAX_BODY_BYTES, readBody, sendJson, targetOf, type Target } from './http';
import { NonceBook } from './nonces';
import { FaultPlan, type FaultRule, type FaultStorm } from './faults';
import { createApiPipeline, MAX_CLOCK_SKEW_MS } from './pipeline';
import { seedArmServers, type ArmServerSeed } from './products/ens';
import { seedEcsInstances, type EcsInstanceSeed } from './products/ecs';
import { RateLimiter } from './rate-limit';
import { Recent } from './recent';
import type { AccessKey } from './signature';
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
  seedEcsInstances(seed: EcsInstanceSeed): string[];
  /** Forgets every resource, counter, ClientToken, nonce and fault. */
  reset(): void;
  close(): Promise<void>;
}

const MAX_SIGNATURES_KEPT = 10_000;

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
  const handleApi = createApiPipeline({ state, faults, rateLimiter, keys, nonces, signatures });

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
    seedEcsInstances: (seed) => seedEcsInstances(state, seed),
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
