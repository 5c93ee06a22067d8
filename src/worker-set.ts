/**
 * The workers one process runs: the main one (workflows and activities) and one activity worker per
 * rate-limited action, on that action's own task queue, whose maxTaskQueueActivitiesPerSecond the
 * Temporal server enforces across every worker of the fleet, and whose calls the process spaces.
 */
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { HEARTBEAT_EVERY_MS } from './activities/step';
import { Pacer } from './pacer';
import { activityPollers, QueuePollers } from './queue-pollers';
import { rateLimitedTaskQueue } from './policy/rate-limits';

export interface WorkerSetOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: object;
  /** `workflowsPath`, or a prebuilt `workflowBundle`. */
  workflows: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
  dataConverter: DataConverter;
  /** The API's limits in calls per second, keyed `product:Action`. */
  rateLimits: Readonly<Record<string, number>>;
  shutdownGraceTime?: number;
  /** The main worker's sticky cache: workflows kept in memory between their tasks. */
  maxCachedWorkflows?: number;
}

export async function createWorkerSet(options: WorkerSetOptions): Promise<Worker[]> {
  const common = {
    connection: options.connection,
    namespace: options.namespace,
    activities: options.activities,
    dataConverter: options.dataConverter,
    maxHeartbeatThrottleInterval: HEARTBEAT_EVERY_MS,
    // Left out when not given: the SDK refuses an explicit undefined.
    ...(options.shutdownGraceTime === undefined ? {} : { shutdownGraceTime: options.shutdownGraceTime }),
  };
  const main = Worker.create({
    ...common,
    ...options.workflows,
    taskQueue: options.taskQueue,
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
  const limited = Object.entries(options.rateLimits).map(([action, perSecond]) => {
    // Each task of this queue makes one call of the action. The process spaces its calls at its share
    // of the limit: the limit over the processes that poll the queue.
    const taskQueue = rateLimitedTaskQueue(options.taskQueue, action);
    const pollers = new QueuePollers(activityPollers(options.connection, options.namespace, taskQueue));
    const pacer = new Pacer(() => perSecond / pollers.current());
    return Worker.create({
      ...common,
      taskQueue,
      maxTaskQueueActivitiesPerSecond: perSecond,
      // A second's worth at the whole limit: enough to keep its share going while calls take up to a
      // second, and no more, so the tasks a process cannot start soon stay with the server for the others.
      maxConcurrentActivityTaskExecutions: Math.max(2, Math.ceil(perSecond)),
      interceptors: {
        activity: [
          () => ({
            inbound: {
              execute: async (input, next) => {
                await pacer.turn();
                return next(input);
              },
            },
          }),
        ],
      },
    });
  });
  return Promise.all([main, ...limited]);
}

/** Runs every worker until `body` settles (then shuts them down), or until they are shut down. */
export async function runWorkerSet<T>(workers: Worker[], body?: Promise<T>): Promise<T | undefined> {
  const running = Promise.all(workers.map((worker) => worker.run()));
  if (!body) {
    await running;
    return undefined;
  }
  try {
    return await body;
  } finally {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  }
}
