/**
 * What every reliability scenario runs on: the Temporal dev server on a SQLite file (so it can be
 * stopped and started again on the same data), the emulator and the workers as OS processes of their
 * own (so they can be killed), and a client with the payload codec. Workers authenticate with an STS
 * key, so the secrets scan has an AccessKey secret and a security token to look for. A worker process
 * that exits without the suite stopping or killing it (a crash, an out-of-memory death) is recorded.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { AccessKey } from '../../src/emulator/signature';
import { startDevServer, type DevServer } from '../../src/local/dev-server';
import { resolveTemporalCli } from '../../src/local/temporal-cli';
import { dataConverter, parseKeys } from '../../src/secrets/keys';
import {
  startEmulatorProcess,
  spawnWorkerProcess,
  stopProcess,
  workerEnvironment,
  type EmulatorProcess,
} from '../helpers/cloud-processes';
import { onFreePorts, restartablePort, type StartedProcess } from '../helpers/processes';

/** A worker process that exited on its own: how, and the end of what it printed. */
export interface WorkerExit {
  code: number | NodeJS.Signals;
  output: string;
}

export interface ChaosStack {
  client: Client;
  taskQueue: string;
  emulator: EmulatorProcess;
  /** The STS key the emulator accepts and the workers use. */
  key: AccessKey;
  timeScale: number;
  /** Starts `count` worker processes; `key` overrides the workers' credentials. */
  startWorkers(count: number, key?: AccessKey): Promise<void>;
  /** SIGKILLs every running worker process; returns how many it killed. */
  killWorkers(): Promise<number>;
  /** Stops every running worker gracefully. */
  stopWorkers(): Promise<void>;
  /**
   * Every worker process that exited so far without being stopped or killed by the suite: the
   * restarts a supervisor would have made in production (must stay empty but where a scenario kills).
   */
  workerExits(): WorkerExit[];
  /** Stops the Temporal server and starts it again on the same database. */
  restartTemporal(): Promise<void>;
  /** Everything the emulator and every worker process printed so far. */
  logs(): string;
  /** Secrets the scan must not find, by name: the key's secret and token, the payload key. */
  secrets(): [name: string, value: string][];
  close(): Promise<void>;
}

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

export async function startChaosStack(timeScale: number): Promise<ChaosStack> {
  const cli = await resolveTemporalCli({ log: () => undefined });
  const dataDir = mkdtempSync(join(tmpdir(), 'alicloud-provisioner-chaos-'));
  const dbFilename = join(dataDir, 'temporal.sqlite');
  // Ports below the ephemeral range: the suite stops the server and starts it again on the same ones.
  const started = await onFreePorts(
    2,
    async ([port, uiPort]) => {
      const options = { cliPath: cli.path, dbFilename, port, uiPort };
      return { server: await startDevServer(options), options };
    },
    restartablePort,
  );
  const serverOptions = started.options;
  let server: DevServer = started.server;
  const cleanUp = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const key: AccessKey = {
    accessKeyId: `STS.${secret(12)}`,
    accessKeySecret: secret(24),
    securityToken: `CAIS${secret(48)}`,
  };
  const codecKey = randomBytes(32).toString('base64');
  const codecKeys = `chaos=${codecKey}`;
  const emulator = await startEmulatorProcess({ timeScale, key }).catch(async (error: Error) => {
    await cleanUp();
    throw error;
  });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverter(parseKeys(codecKeys)) });
  const taskQueue = `chaos-${randomUUID()}`;
  const workers = new Set<StartedProcess>();
  const ended: StartedProcess[] = [];
  /** Workers the suite stopped or killed: their exits are not crashes. */
  const endedBySuite = new WeakSet<StartedProcess>();
  const crashes: WorkerExit[] = [];

  const forget = (worker: StartedProcess) => {
    if (!workers.delete(worker)) return;
    ended.push(worker);
  };
  /** Marks `stopping` as ended by the suite, before the signal is sent. */
  const bySuite = (stopping: StartedProcess[]) => {
    for (const worker of stopping) endedBySuite.add(worker);
    return stopping;
  };
  const watch = (worker: StartedProcess) =>
    void worker.exited.then((code) => {
      if (endedBySuite.has(worker)) return;
      crashes.push({ code, output: worker.output().slice(-4_000) });
      forget(worker);
    });
  return {
    client,
    taskQueue,
    emulator,
    key,
    timeScale,
    async startWorkers(count, workerKey = key) {
      const env = {
        ...workerEnvironment({
          temporalAddress: server.address,
          taskQueue,
          codecKeys,
          endpoint: emulator.endpoint,
          key: workerKey,
        }),
        // The production default: one line per Alibaba Cloud call, all of it scanned for secrets.
        PROVISIONER_LOG_LEVEL: 'INFO',
      };
      // Tracked from the spawn, so that close() kills even one that never got ready.
      const spawned = Array.from({ length: count }, () => spawnWorkerProcess(env));
      for (const { process } of spawned) {
        workers.add(process);
        watch(process);
      }
      await Promise.all(spawned.map(({ ready }) => ready));
    },
    async killWorkers() {
      const killed = bySuite([...workers]);
      for (const worker of killed) worker.child.kill('SIGKILL');
      await Promise.all(killed.map((worker) => worker.exited));
      killed.forEach(forget);
      return killed.length;
    },
    async stopWorkers() {
      const stopping = bySuite([...workers]);
      await Promise.all(stopping.map(stopProcess));
      stopping.forEach(forget);
    },
    async restartTemporal() {
      await server.stop();
      server = await startDevServer(serverOptions);
    },
    workerExits: () => [...crashes],
    logs: () => [emulator.process, ...ended, ...workers].map((process) => process.output()).join('\n'),
    secrets: () => [
      ['AccessKey secret', key.accessKeySecret],
      ['STS token', key.securityToken!],
      ['payload key', codecKey],
    ],
    async close() {
      for (const worker of bySuite([...workers])) worker.child.kill('SIGKILL');
      await Promise.all([...workers].map((worker) => worker.exited));
      await connection.close();
      await emulator.stop();
      await cleanUp();
    },
  };
}
