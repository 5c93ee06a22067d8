/**
 * The client library: what a portal or a CI script imports to start jobs and follow them. A job is
 * a Temporal workflow whose id is its business key, so starting the same job twice attaches to the
 * one running, and any process that knows the id can follow it, cancel it or read how it ended.
 *
 * ```ts
 * const client = await connectClient(loadConfig());
 * const job = await startJob(client, 'provisionEcsInstance', input, { taskQueue: 'alicloud-provisioner' });
 * const outcome = await result(job); // or, from another process: result(attach(client, job.workflowId))
 * ```
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, TimeoutFailure } from '@temporalio/common';
import type { WorkerDescription } from './activities';
import { ping } from './workflows';
import { FailureType } from './failure-types';
import { progressQuery, releaseOnCancelSignal, type Progress } from './workflows/progress';

export { loadConfig, ConfigError, type Config } from './config';
export { connectClient } from './connect';
export {
  InvalidRequestError,
  MissingBusinessKeyError,
  startJob,
  validateJobInput,
  type StartOptions,
} from './starters';
export { businessKey, JOBS, type InputOf, type WorkflowName } from './job-kinds';
export type { Progress } from './workflows/progress';
export type { WorkerDescription } from './activities';

/** A handle on a job by its id (its business key), whoever started it. */
export function attach(client: Client, workflowId: string): WorkflowHandle {
  return client.workflow.getHandle(workflowId);
}

/** Where a job is: its step, the resource ids it knows, its attempts and API calls, its last error. */
export async function progress(job: WorkflowHandle): Promise<Progress> {
  return await job.query(progressQuery);
}

/** How a job ended: its result, or why it did not complete. */
export type JobOutcome =
  | { workflowId: string; status: 'COMPLETED'; result: unknown }
  | {
      workflowId: string;
      /** TIMED_OUT: the job's deadline (or Temporal's timeout) passed; FAILED: anything else. */
      status: 'FAILED' | 'TIMED_OUT';
      /** The failure's type: an Alibaba Cloud error code, `InvalidParameter`, ... */
      type: string | undefined;
      message: string;
      /** The failure's details, e.g. the issues of an invalid request or the resources kept. */
      details: unknown;
    };

/** Waits for a job to end and says how it did; never throws for a job that failed. */
export async function result(job: WorkflowHandle): Promise<JobOutcome> {
  const { workflowId } = job;
  try {
    return { workflowId, status: 'COMPLETED', result: (await job.result()) as unknown };
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    const cause = error.cause;
    const timedOut =
      cause instanceof TimeoutFailure ||
      (cause instanceof ApplicationFailure && cause.type === FailureType.deadlineExceeded);
    return {
      workflowId,
      status: timedOut ? 'TIMED_OUT' : 'FAILED',
      type: cause instanceof ApplicationFailure ? (cause.type ?? undefined) : cause?.name,
      message: cause?.message ?? error.message,
      details: cause instanceof ApplicationFailure ? cause.details?.[0] : undefined,
    };
  }
}

/**
 * Asks a job to stop. With `release`, it first gives back what it bought, last created first;
 * without, it keeps it (the job's `onCancel` option decides).
 */
export async function cancel(job: WorkflowHandle, options: { release?: boolean } = {}): Promise<void> {
  if (options.release) await job.signal(releaseOnCancelSignal);
  await job.cancel();
}

/** Runs the `ping` workflow: which worker answered, and the cloud endpoint it uses. Fails when none answers in time. */
export async function runPing(client: Client, taskQueue: string, timeoutMs: number): Promise<WorkerDescription> {
  return await client.workflow.execute(ping, {
    taskQueue,
    workflowId: `ping:${randomUUID()}`,
    workflowExecutionTimeout: timeoutMs,
  });
}
