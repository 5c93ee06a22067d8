/**
 * The embedded default: everything on this machine in one command. Starts the Temporal dev server
 * (unless TEMPORAL_ADDRESS or a profile names a server) and the worker, and stops both on Ctrl-C.
 */
import { join, resolve } from 'node:path';
import type { Config } from '../config';
import { runWorker } from '../worker';
import { startDevServer, type DevServer } from './dev-server';
import { resolveTemporalCli } from './temporal-cli';

export async function runLocalStack(config: Config, log: (line: string) => void = console.log): Promise<void> {
  let server: DevServer | undefined;
  let address = config.temporal.connectionOptions.address;
  if (!address) {
    const cli = await resolveTemporalCli({ log });
    server = await startDevServer({ cliPath: cli.path, dbFilename: resolve(join(config.dataDir, 'temporal.db')) });
    address = server.address;
    log(`Temporal dev server on ${address} (Web UI ${server.uiUrl}), data in ${config.dataDir}`);
  }
  try {
    const temporal = { ...config.temporal, connectionOptions: { ...config.temporal.connectionOptions, address } };
    await runWorker(
      { ...config, temporal },
      { log, onRunning: () => log(`Worker polling task queue "${config.taskQueue}" on ${address}. Ctrl-C stops it.`) },
    );
  } finally {
    await server?.stop();
  }
}
