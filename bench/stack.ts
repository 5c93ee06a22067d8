/**
 * What every benchmark runs on: the Temporal dev server, the emulator in a process of its own (driven
 * through its admin API), worker processes started per measurement (so each one's peak memory is its
 * own), and a client. Everything talks over real sockets, as in production.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FaultStorm } from '../src/emulator/faults';
import type { ArmServerSeed } from '../src/emulator/products/ens';
import { DEFAULT_ACCESS_KEY } from '../src/emulator/server';
import type { EmulatorSnapshot } from '../src/emulator/store';
import { resolveTemporalCli } from '../src/local/temporal-cli';
import { dataConverter, parseKeys } from '../src/secrets/keys';
import { startTsProcess, type StartedProcess } from '../test/helpers/processes';

const CODEC_KEYS = `bench=${Buffer.alloc(32, 7).toString('base64')}`;

export interface BenchWorker {
  process: StartedProcess;
  /** Peak resident memory of the process so far, in MiB (VmHWM). */
  peakMemoryMiB(): number;
  /** CPU time the process has used so far, in seconds (user and system). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export interface BenchStack {
  client: Client;
  emulatorEndpoint: string;
  /** Starts a worker process on a fresh task queue: the real one (src/worker.ts) or the ceiling's. */
  startWorker(kind: 'real' | 'ceiling', env?: NodeJS.ProcessEnv): Promise<{ worker: BenchWorker; taskQueue: string }>;
  admin: EmulatorAdmin;
  close(): Promise<void>;
}

export interface EmulatorAdmin {
  state(): Promise<EmulatorSnapshot>;
  reset(): Promise<void>;
  settings(settings: { timeScale?: number; rateLimits?: Record<string, number> }): Promise<void>;
  storm(storm: FaultStorm | null): Promise<void>;
  seedArmServers(seed: ArmServerSeed): Promise<string[]>;
}

function adminClient(endpoint: string): EmulatorAdmin {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${endpoint}/__admin/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator admin ${method} ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    state: () => call<EmulatorSnapshot>('GET', 'state'),
    reset: () => call('POST', 'reset'),
    settings: (settings) => call('POST', 'settings', settings),
    storm: (storm) => call('POST', 'faults', { storm }),
    seedArmServers: async (seed) => (await call<{ ServerIds: string[] }>('POST', 'arm-servers', seed)).ServerIds,
  };
}

/** CPU seconds a process has used: utime and stime, fields 14 and 15 of /proc/PID/stat, in 1/100 s. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakMemoryMiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kib ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function stopProcess(process: StartedProcess): Promise<void> {
  if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGTERM');
  await process.exited;
}

export async function startBenchStack(): Promise<BenchStack> {
  const cli = await resolveTemporalCli({ log: () => undefined });
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli.path },
      extraArgs: ['--log-level', 'error', '--dynamic-config-value', 'history.timerProcessorMaxTimeShift="10ms"'],
    },
  });
  const emulator = startTsProcess('src/client.ts', ['emulator', '--port', '0', '--time-scale', '0'], {});
  try {
    await emulator.waitForOutput('Alibaba Cloud emulator on ');
  } catch (error) {
    await temporal.teardown();
    throw error;
  }
  const emulatorEndpoint = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(emulator.output())![1]!;
  const address = temporal.address;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: dataConverter(parseKeys(CODEC_KEYS)) });

  const startWorker: BenchStack['startWorker'] = async (kind, env = {}) => {
    const taskQueue = `bench-${randomUUID()}`;
    const process = startTsProcess(kind === 'real' ? 'src/worker.ts' : 'bench/ceiling-worker.ts', [], {
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: 'default',
      PROVISIONER_TASK_QUEUE: taskQueue,
      PROVISIONER_CODEC_KEYS: CODEC_KEYS,
      PROVISIONER_CLOUD: 'alibaba-cloud',
      ALIBABA_CLOUD_ENDPOINT_OVERRIDE: emulatorEndpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.accessKeySecret,
      ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
      PROVISIONER_LOG_LEVEL: 'WARN',
      ...env,
    });
    await process.waitForOutput(`Worker polling task queue "${taskQueue}"`);
    const worker: BenchWorker = {
      process,
      peakMemoryMiB: () => peakMemoryMiB(process.child.pid),
      cpuSeconds: () => cpuSeconds(process.child.pid),
      stop: () => stopProcess(process),
    };
    return { worker, taskQueue };
  };

  return {
    client,
    emulatorEndpoint,
    startWorker,
    admin: adminClient(emulatorEndpoint),
    close: async () => {
      await connection.close();
      await stopProcess(emulator);
      await temporal.teardown();
    },
  };
}

/** The p-th percentile (0 to 100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
