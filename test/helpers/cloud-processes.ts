/**
 * The emulator and workers as OS processes of their own, as in production: the benchmark and the
 * reliability suite start, stop and kill them, and drive the emulator through its admin API.
 */
import type { FaultPlan, FaultRule, FaultStorm } from '../../src/emulator/faults';
import type { ArmServerSeed } from '../../src/emulator/products/ens';
import { DEFAULT_ACCESS_KEY } from '../../src/emulator/server';
import type { AccessKey } from '../../src/emulator/signature';
import type { EmulatorSnapshot } from '../../src/emulator/store';
import { CLI_SOURCE, startNodeProcess, type StartedProcess } from './processes';

/** What `GET /__admin/state` answers: the resources and counters, and the faults. */
export type AdminState = EmulatorSnapshot & { faults: ReturnType<FaultPlan['snapshot']> };

/** The emulator's loopback-only admin API (src/emulator/server.ts). */
export interface EmulatorAdmin {
  state(): Promise<AdminState>;
  reset(): Promise<void>;
  settings(settings: { timeScale?: number; rateLimits?: Record<string, number> }): Promise<void>;
  faults(rules: FaultRule[]): Promise<void>;
  storm(storm: FaultStorm | null): Promise<void>;
  seedArmServers(seed: ArmServerSeed): Promise<string[]>;
  /** Makes the emulator unreachable for `ms`, keeping its state. */
  outage(ms: number): Promise<void>;
  /** The request signatures it received lately (for secrets scans). */
  signatures(): Promise<string[]>;
}

export function adminClient(endpoint: string): EmulatorAdmin {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${endpoint}/__admin/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator admin ${method} ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    state: () => call<AdminState>('GET', 'state'),
    reset: () => call('POST', 'reset'),
    settings: (settings) => call('POST', 'settings', settings),
    faults: (rules) => call('POST', 'faults', { rules }),
    storm: (storm) => call('POST', 'faults', { storm }),
    seedArmServers: async (seed) => (await call<{ ServerIds: string[] }>('POST', 'arm-servers', seed)).ServerIds,
    outage: (ms) => call('POST', 'outage', { ms }),
    signatures: async () => (await call<{ signatures: string[] }>('GET', 'signatures')).signatures,
  };
}

export interface EmulatorProcess {
  process: StartedProcess;
  endpoint: string;
  admin: EmulatorAdmin;
  stop(): Promise<void>;
}

/**
 * `alicloud-provisioner emulator` on a free port; `key` is the pair (or STS key) it accepts, `entry`
 * the command's module (compiled, for the benchmark).
 */
export async function startEmulatorProcess(
  options: { timeScale: number; key?: AccessKey; entry?: string } = { timeScale: 0 },
): Promise<EmulatorProcess> {
  const key = options.key ?? DEFAULT_ACCESS_KEY;
  const process = startNodeProcess(
    options.entry ?? CLI_SOURCE,
    ['emulator', '--port', '0', '--time-scale', String(options.timeScale)],
    {
      PROVISIONER_EMULATOR_ACCESS_KEY_ID: key.accessKeyId,
      PROVISIONER_EMULATOR_ACCESS_KEY_SECRET: key.accessKeySecret,
      PROVISIONER_EMULATOR_SECURITY_TOKEN: key.securityToken,
    },
  );
  await process.waitForOutput('Alibaba Cloud emulator on ');
  const endpoint = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(process.output())![1]!;
  return { process, endpoint, admin: adminClient(endpoint), stop: () => stopProcess(process) };
}

/** What a worker process needs to serve `taskQueue` against the emulator at `endpoint`. */
export function workerEnvironment(options: {
  temporalAddress: string;
  taskQueue: string;
  codecKeys: string;
  endpoint: string;
  key?: AccessKey;
}): NodeJS.ProcessEnv {
  const key = options.key ?? DEFAULT_ACCESS_KEY;
  return {
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    PROVISIONER_TASK_QUEUE: options.taskQueue,
    PROVISIONER_CODEC_KEYS: options.codecKeys,
    PROVISIONER_CLOUD: 'alibaba-cloud',
    ALIBABA_CLOUD_ENDPOINT_OVERRIDE: options.endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: key.securityToken,
    ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
    PROVISIONER_LOG_LEVEL: 'WARN',
  };
}

/** Spawns `alicloud-provisioner worker` (or another worker entry); `ready` resolves once it polls its task queue. */
export function spawnWorkerProcess(
  env: NodeJS.ProcessEnv,
  entry = CLI_SOURCE,
): { process: StartedProcess; ready: Promise<void> } {
  const process = startNodeProcess(entry, ['worker'], env);
  return { process, ready: process.waitForOutput(`Worker polling task queue "${env.PROVISIONER_TASK_QUEUE}"`) };
}

/** Starts a worker process and waits until it polls its task queue. */
export async function startWorkerProcess(env: NodeJS.ProcessEnv, entry = CLI_SOURCE): Promise<StartedProcess> {
  const { process, ready } = spawnWorkerProcess(env, entry);
  await ready;
  return process;
}

/** SIGTERM (a graceful stop), and waits for the exit. */
export async function stopProcess(process: StartedProcess): Promise<void> {
  if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGTERM');
  await process.exited;
}
