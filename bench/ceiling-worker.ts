/**
 * The worker process of the ceiling workflow: the same connection, data converter and task queue
 * settings as the real worker (src/worker.ts), with one activity that does nothing.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../src/config';
import { dataConverter, loadConfiguredKeys } from '../src/secrets/keys';
import { installRuntime } from '../src/observability';

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = loadConfiguredKeys(config, console.log);
  installRuntime(config.observability);
  const connection = await NativeConnection.connect(config.temporal.connectionOptions);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace ?? 'default',
    taskQueue: config.taskQueue,
    workflowsPath: require.resolve('./ceiling'),
    activities: { noop: () => Promise.resolve() },
    dataConverter: dataConverter(keys),
  });
  const running = worker.run();
  console.log(`Worker polling task queue "${config.taskQueue}".`);
  await running;
  await connection.close();
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
