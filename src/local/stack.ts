/**
 * The embedded default: everything on this machine in one command. Starts the Temporal dev server
 * (unless TEMPORAL_ADDRESS or a profile names a server) and the worker with the emulator; provisions
 * every example end to end with live progress and prints a summary; then serves until Ctrl-C, or
 * stops at once with `once`. With Alibaba Cloud credentials configured it serves real jobs and never
 * runs the examples.
 */
import { join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { ExitCode } from '../cli/jobs';
import { connectClient } from '../connect';
import { startCodecServer, type CodecServer } from '../secrets/codec-server';
import { loadConfiguredKeys } from '../secrets/keys';
import { runWorker } from '../worker';
import { localCloud, usesEmulator } from './cloud';
import { startDevServer, type DevServer } from './dev-server';
import { runExamples, summaryTable } from './examples';
import { resolveTemporalCli } from './temporal-cli';

export interface LocalStackOptions {
  /** Run the examples (against the emulator only). @default true */
  examples?: boolean;
  /** Stop after the examples' summary instead of serving until Ctrl-C. */
  once?: boolean;
  /** The dev server's gRPC and Web UI ports. @default 7233 and 8233 */
  port?: number;
  uiPort?: number;
  log?: (line: string) => void;
}

/** Runs the stack; resolves with the exit code (3 when an example failed). */
export async function runLocalStack(config: Config, options: LocalStackOptions = {}): Promise<number> {
  const log = options.log ?? console.log;
  let server: DevServer | undefined;
  let address = config.temporal.connectionOptions.address;
  let webUi = 'the Web UI of your Temporal server';
  let codecServer: CodecServer | undefined;
  if (!address) {
    const cli = await resolveTemporalCli({ log });
    // The Web UI opens the sealed payloads through a codec server on loopback, with the worker's keys,
    // so that a job's input and result read as JSON there with nothing to set.
    const uiPort = options.uiPort ?? 8233;
    codecServer = await startCodecServer(loadConfiguredKeys(config, log), {
      port: 0,
      corsOrigin: [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`],
    });
    server = await startDevServer({
      cliPath: cli.path,
      dbFilename: resolve(join(config.dataDir, 'temporal.db')),
      port: options.port,
      uiPort,
      uiCodecEndpoint: codecServer.url,
    }).catch(async (error: unknown) => {
      await codecServer?.close();
      throw error;
    });
    address = server.address;
    webUi = server.uiUrl;
    log(`Temporal dev server on ${address} (Web UI ${server.uiUrl}), data in ${config.dataDir}`);
    log(`Codec server on ${codecServer.url}: the Web UI shows inputs and results as JSON`);
  }
  const temporal = { ...config.temporal, connectionOptions: { ...config.temporal.connectionOptions, address } };
  const emulated = usesEmulator(config);
  if (!emulated) {
    log(
      'Alibaba Cloud credentials are configured: serving real jobs. The examples are not run (they would buy resources).',
    );
  }
  let exitCode: number = ExitCode.ok;
  let client: Client | undefined;
  const examples = async () => {
    try {
      client = await connectClient({ ...config, temporal }, log);
      log(`Provisioning the examples against the emulator; follow them in the Web UI: ${webUi}`);
      const runs = await runExamples(client, config.taskQueue);
      log(summaryTable(runs));
      if (runs.some((run) => run.outcome.code !== ExitCode.ok)) exitCode = ExitCode.workflowFailed;
    } catch (error) {
      log(`The examples could not run: ${(error as Error).message}`);
      exitCode = ExitCode.other;
    }
    if (!options.once) log(`Serving jobs on task queue "${config.taskQueue}"; Web UI ${webUi}. Ctrl-C stops it.`);
  };
  const runsExamples = emulated && options.examples !== false;
  try {
    await runWorker({ ...config, temporal }, localCloud(config, log), {
      log,
      onRunning: () =>
        log(
          `Worker polling task queue "${config.taskQueue}" on ${address}.${runsExamples || options.once ? '' : ' Ctrl-C stops it.'}`,
        ),
      task: runsExamples ? examples : options.once ? () => Promise.resolve() : undefined,
      stopAfterTask: options.once,
    });
  } finally {
    await client?.connection.close();
    await server?.stop();
    await codecServer?.close();
  }
  if (options.once) log('Done (--once).');
  return exitCode;
}
