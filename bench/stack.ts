/**
 * What every benchmark runs on: the Temporal dev server, the emulator in a process of its own (driven
 * through its admin API), worker processes started per measurement (so each one's peak memory is its
 * own), and a client. Everything talks over real sockets, as in production, and the workers and the
 * emulator run compiled JavaScript, as `npm run worker` does.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEV_SERVER_DYNAMIC_CONFIG, dynamicConfigArgs } from '../src/local/dev-server';
import { resolveTemporalCli } from '../src/local/temporal-cli';
import { dataConverter, parseKeys } from '../src/secrets/keys';
import {
  startEmulatorProcess,
  startWorkerProcess,
  stopProcess,
  workerEnvironment,
  type EmulatorAdmin,
  type EmulatorProcess,
} from '../test/helpers/cloud-processes';
import type { StartedProcess } from '../test/helpers/processes';

const CODEC_KEYS = `bench=${Buffer.alloc(32, 7).toString('base64')}`;

/** The worker entries and the emulator's command, compiled by `buildBenchEntries` (tsconfig.bench.json). */
const WORKER_ENTRIES = { real: '.bench-build/src/cli/main.js', ceiling: '.bench-build/bench/ceiling-worker.js' };
const EMULATOR_ENTRY = '.bench-build/src/cli/main.js';

/**
 * Compiles the real worker, the ceiling's and the emulator, so that they run as users run the worker
 * (compiled, by `npm run worker`), not through tsx's compile hooks and source maps.
 */
export function buildBenchEntries(): void {
  const root = join(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.bench.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}

export interface BenchWorker {
  process: StartedProcess;
  /** Peak resident memory of the process so far, in MiB (VmHWM). */
  peakMemoryMiB(): number;
  /** Resident memory of the process now, in MiB (VmRSS). */
  residentMemoryMiB(): number;
  /** CPU time the process has used so far, in seconds (user and system). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export interface BenchStack {
  client: Client;
  emulatorEndpoint: string;
  /**
   * Starts a worker process, the real one (the `worker` command) or the ceiling's, compiled: on a fresh
   * task queue, or on `taskQueue` beside the workers already serving it.
   */
  startWorker(
    kind: 'real' | 'ceiling',
    env?: NodeJS.ProcessEnv,
    taskQueue?: string,
  ): Promise<{ worker: BenchWorker; taskQueue: string }>;
  admin: EmulatorAdmin;
  /** CPU time the Temporal dev server has used so far, in seconds. */
  serverCpuSeconds(): number;
  close(): Promise<void>;
}

/** CPU seconds a process has used: utime and stime, fields 14 and 15 of /proc/PID/stat, in 1/100 s. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A memory figure of /proc/PID/status (`VmHWM`, `VmRSS`), in MiB; 0 once the process is gone. */
function memoryMiB(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  if (pid === undefined) return 0;
  try {
    const kib = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kib ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The process that serves `port` as a Temporal dev server (`temporal server start-dev --port PORT`). */
function devServerPid(port: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes('start-dev') && argv.includes(port)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** The emulator as a process of its own, compiled, with instant transitions. */
export function startBenchEmulator(): Promise<EmulatorProcess> {
  return startEmulatorProcess({ timeScale: 0, entry: EMULATOR_ENTRY });
}

/** Runs `body` on a stack of its own, closed afterwards. */
export async function withBenchStack<T>(body: (stack: BenchStack) => Promise<T>): Promise<T> {
  const stack = await startBenchStack();
  try {
    return await body(stack);
  } finally {
    await stack.close();
  }
}

export async function startBenchStack(): Promise<BenchStack> {
  const cli = await resolveTemporalCli({ log: () => undefined });
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli.path },
      extraArgs: [
        '--log-level',
        'error',
        ...dynamicConfigArgs([...DEV_SERVER_DYNAMIC_CONFIG, 'history.timerProcessorMaxTimeShift="10ms"']),
      ],
    },
  });
  const emulator = await startBenchEmulator().catch(async (error: Error) => {
    await temporal.teardown();
    throw error;
  });
  const address = temporal.address;
  const serverPid = devServerPid(address.split(':').pop()!);
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, dataConverter: dataConverter(parseKeys(CODEC_KEYS)) });

  const startWorker: BenchStack['startWorker'] = async (kind, extraEnv = {}, taskQueue = `bench-${randomUUID()}`) => {
    const env = workerEnvironment({
      temporalAddress: address,
      taskQueue,
      codecKeys: CODEC_KEYS,
      endpoint: emulator.endpoint,
    });
    const process = await startWorkerProcess({ ...env, ...extraEnv }, WORKER_ENTRIES[kind]);
    const worker: BenchWorker = {
      process,
      peakMemoryMiB: () => memoryMiB(process.child.pid, 'VmHWM'),
      residentMemoryMiB: () => memoryMiB(process.child.pid, 'VmRSS'),
      cpuSeconds: () => cpuSeconds(process.child.pid),
      stop: () => stopProcess(process),
    };
    return { worker, taskQueue };
  };

  return {
    client,
    emulatorEndpoint: emulator.endpoint,
    startWorker,
    admin: emulator.admin,
    serverCpuSeconds: () => cpuSeconds(serverPid),
    close: async () => {
      await connection.close();
      await emulator.stop();
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
