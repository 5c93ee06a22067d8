/** A Temporal client that seals and opens payloads with the project's keys: for the commands and the local stack. */
import { Client, Connection } from '@temporalio/client';
import type { Config } from './config';
import { dataConverter, loadConfiguredKeys } from './secrets/keys';

export async function connectClient(config: Config, log: (line: string) => void = console.error): Promise<Client> {
  const keys = loadConfiguredKeys(config, log);
  const connection = await Connection.connect(config.temporal.connectionOptions);
  return new Client({
    connection,
    namespace: config.temporal.namespace ?? 'default',
    dataConverter: dataConverter(keys),
  });
}
