/**
 * The worker process: polls the task queue, runs the workflows and the activities. On SIGINT or
 * SIGTERM (the Temporal runtime's default shutdown signals) it stops polling, lets running activities
 * finish for PROVISIONER_SHUTDOWN_GRACE, and exits 0.
 */
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createActivities } from './activities';
import type { Config } from './config';
import { AlibabaCloud, type CallRecord } from './alicloud/client';
import { CREDENTIAL_VARIABLES, credentialFiles, hasConfiguredCredentials } from './alicloud/credential-sources';
import { ConfigError } from './config';
import { installRuntime, observeCalls } from './observability';
import { createWorkerSet, runWorkerSet } from './worker-set';
import { dataConverter, loadConfiguredKeys } from './secrets/keys';
import type { DataConverter } from '@temporalio/common';

/** What a worker calls, and how to let it go. */
export interface WorkerCloud {
  cloud: AlibabaCloud;
  close(): Promise<void>;
}

/** Makes the worker's cloud once the runtime is installed, so that `onCall` can count every call. */
export type CloudConnector = (onCall: (record: CallRecord) => void) => Promise<WorkerCloud>;

/**
 * Alibaba Cloud, with the credentials `@alicloud/credentials`' default chain finds (or the endpoint
 * override). Refuses to start when the chain has nowhere to look: the first call would fail anyway,
 * minutes later and with a vaguer message.
 */
export function alibabaCloud(config: Config, log: (line: string) => void): CloudConnector {
  if (!hasConfiguredCredentials()) {
    throw new ConfigError([
      'no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
        `(or one of ${CREDENTIAL_VARIABLES.slice(1).join(', ')}, or write ${credentialFiles().join(' or ')}); ` +
        'or PROVISIONER_CLOUD=emulator to run against the embedded emulator',
    ]);
  }
  return (onCall) => {
    const cloud = new AlibabaCloud({
      regionId: config.regionId,
      timeoutMs: config.apiTimeoutMs,
      onCall,
      endpointOverride: config.endpointOverride,
    });
    log(`Alibaba Cloud API: ${config.endpointOverride ?? 'the public endpoints'} (region ${config.regionId})`);
    return Promise.resolve({ cloud, close: () => Promise.resolve(cloud.close()) });
  };
}

export interface RunWorkerOptions {
  /** Told what the worker connects to. @default console.log */
  log?: (line: string) => void;
  /** Called once the worker has started polling; the local stack uses it to announce readiness. */
  onRunning?: (worker: Worker) => void;
  /**
   * Work to do once the worker polls (the local stack's examples). The worker stops when it ends if
   * `stopAfterTask` is set, and otherwise serves on until a shutdown signal; the caller awaits it.
   */
  task?: () => Promise<void>;
  stopAfterTask?: boolean;
}

/** Runs a worker against the cloud `connect` makes, until a shutdown signal (or `worker.shutdown()`) has drained it. */
export async function runWorker(
  config: Config,
  connect: CloudConnector,
  options: RunWorkerOptions = {},
): Promise<void> {
  const log = options.log ?? console.log;
  const keys = loadConfiguredKeys(config, log);
  installRuntime(config.observability);
  const connected = await connect(observeCalls());
  try {
    const connection = await NativeConnection.connect(config.temporal.connectionOptions);
    try {
      await runUntilShutdown(connection, connected.cloud, dataConverter(keys), config, options);
    } finally {
      await connection.close();
    }
  } finally {
    await connected.close();
  }
}

async function runUntilShutdown(
  connection: NativeConnection,
  cloud: AlibabaCloud,
  converter: DataConverter,
  config: Config,
  options: RunWorkerOptions,
): Promise<void> {
  const workers = await createWorkerSet({
    connection,
    namespace: config.temporal.namespace ?? 'default',
    taskQueue: config.taskQueue,
    workflows: { workflowsPath: require.resolve('./workflows') },
    activities: createActivities({
      cloud,
      regionId: config.regionId,
      throttledRetryDelayMs: config.throttledRetryDelayMs,
    }),
    dataConverter: converter,
    rateLimits: config.rateLimits,
    shutdownGraceTime: config.shutdownGraceMs,
    maxCachedWorkflows: config.maxCachedWorkflows,
  });
  // The runtime's signal handler shuts every worker down; the run ends once all have drained.
  const running = runWorkerSet(workers);
  options.onRunning?.(workers[0]!);
  const task = options.task?.();
  if (task && options.stopAfterTask) {
    // Its failure is the caller's to report; here it only means the worker may stop.
    await Promise.race([task.catch(() => undefined), running]);
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  }
  await running;
}

/** The `worker` command: serves until a shutdown signal, and says when it polls (what scripts wait for). */
export function serveWorker(config: Config, connect: CloudConnector): Promise<void> {
  return runWorker(config, connect, {
    onRunning: () => console.log(`Worker polling task queue "${config.taskQueue}".`),
  });
}
