/**
 * The one way tests reach Temporal: a client and a worker on a fresh task queue, both connected to
 * the dev server the global setup started, with the workflows bundled once for the whole run.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { dataConverter, parseKeys } from '../../src/secrets/keys';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { DOCUMENTED_RATE_LIMITS } from '../../src/actions';
import { createWorkerSet, runWorkerSet } from '../../src/worker-set';

interface TestConnections {
  client: Client;
  native: NativeConnection;
}

let connections: Promise<TestConnections> | undefined;

/** The payload key every test client and worker shares (PROVISIONER_CODEC_KEYS for worker processes). */
export const TEST_CODEC_KEYS = 'test-1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=';
export const testDataConverter = dataConverter(parseKeys(TEST_CODEC_KEYS));

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest, whose global setup starts Temporal`);
  return value;
}

function connect(): Promise<TestConnections> {
  connections ??= (async () => {
    // Worker state changes are noise in test output; warnings and errors still show.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const address = required('TEST_TEMPORAL_ADDRESS');
    const namespace = required('TEST_TEMPORAL_NAMESPACE');
    const [connection, native] = await Promise.all([
      Connection.connect({ address }),
      NativeConnection.connect({ address }),
    ]);
    return { client: new Client({ connection, namespace, dataConverter: testDataConverter }), native };
  })();
  return connections;
}

export async function testClient(): Promise<Client> {
  return (await connect()).client;
}

export interface WorkerContext {
  client: Client;
  taskQueue: string;
  worker: Worker;
}

export interface TestWorkerOptions {
  /** @default a fresh queue of the test's own */
  taskQueue?: string;
  /** @default the documented limits */
  rateLimits?: Record<string, number>;
}

/**
 * Runs the project's set of workers (the main one, and one per rate-limited action) with the given
 * activities on a task queue of the test's own while `body` runs, then shuts them down.
 */
export async function withWorker<T>(
  activities: object,
  body: (context: WorkerContext) => Promise<T>,
  options: TestWorkerOptions = {},
): Promise<T> {
  const { client, native } = await connect();
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const workers = await createWorkerSet({
    connection: native,
    namespace: client.options.namespace,
    taskQueue,
    workflows: { workflowBundle: { codePath: required('TEST_WORKFLOW_BUNDLE') } },
    dataConverter: testDataConverter,
    activities,
    rateLimits: options.rateLimits ?? DOCUMENTED_RATE_LIMITS,
  });
  return (await runWorkerSet(workers, body({ client, taskQueue, worker: workers[0]! }))) as T;
}

/** Closes this test file's connections; registered for every file by close-connections.ts. */
export async function closeTestConnections(): Promise<void> {
  if (!connections) return;
  const { client, native } = await connections;
  connections = undefined;
  await Promise.all([client.connection.close(), native.close()]);
}
