import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../config';
import { connectClient } from '../connect';

/** Runs a command with a client of the configured Temporal server, and sets the exit code it returns. */
export async function withClient(command: (client: Client, config: Config) => Promise<number>): Promise<void> {
  const config = loadConfig();
  const client = await connectClient(config);
  try {
    process.exitCode = await command(client, config);
  } finally {
    await client.connection.close();
  }
}
