/**
 * Runs the official Temporal dev server (`temporal server start-dev`: the real server, SQLite
 * persistence, the Web UI) as a child process, and stops it. Used by the local stack; the tests let
 * `@temporalio/testing` start theirs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';

/**
 * Dynamic config every dev server of the project runs with (the local stack's, the tests', the
 * benchmark's). The server splits a task queue's rate limit evenly across its partitions (four by
 * default), so a rate-limited queue whose backlog sits in one partition drains at a quarter of its
 * rate, and each partition bursts on its own. One partition makes the limit one bucket. On a
 * production server, set the same for the rate-limited queues only (deploy/dynamic-config.yaml).
 */
export const DEV_SERVER_DYNAMIC_CONFIG = [
  'matching.numTaskqueueReadPartitions=1',
  'matching.numTaskqueueWritePartitions=1',
] as const;

/** `temporal server start-dev` arguments that set `values` (`key=value`, the value in YAML). */
export function dynamicConfigArgs(values: readonly string[] = DEV_SERVER_DYNAMIC_CONFIG): string[] {
  return values.flatMap((value) => ['--dynamic-config-value', value]);
}

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file that keeps workflows across restarts. */
  dbFilename: string;
  ip?: string;
  /** gRPC port. @default 7233 */
  port?: number;
  /** Web UI port. @default 8233 */
  uiPort?: number;
  /** How long to wait for the server to answer. @default 60 s */
  startTimeoutMs?: number;
  /** A codec server the Web UI opens payloads with, as the browser reaches it. */
  uiCodecEndpoint?: string;
}

export interface DevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop(): Promise<void>;
}

function assertPortFree(ip: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new Error(
          `Port ${ip}:${port} is in use. If a Temporal server already runs there, set TEMPORAL_ADDRESS=${ip}:${port} to use it.`,
        ),
      ),
    );
    probe.listen(port, ip, () => probe.close(() => resolve()));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilServing(address: string, child: ChildProcess, deadline: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal server start-dev exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.close();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`Temporal dev server at ${address} did not answer in time: ${String(lastError)}`);
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const port = options.port ?? 7233;
  const uiPort = options.uiPort ?? 8233;
  await assertPortFree(ip, port);
  mkdirSync(dirname(options.dbFilename), { recursive: true });
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--ui-port', String(uiPort)];
  args.push('--db-filename', options.dbFilename, '--log-level', 'error', ...dynamicConfigArgs());
  if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  // Its own process group, so Ctrl-C reaches only us: the worker drains first, then we stop the server.
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const address = `${ip}:${port}`;
  const stop = async () => {
    const done = exited(child);
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(killer);
    process.removeListener('exit', killOnExit);
  };
  try {
    await waitUntilServing(address, child, Date.now() + (options.startTimeoutMs ?? 60_000));
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, uiUrl: `http://${ip}:${uiPort}`, process: child, stop };
}
