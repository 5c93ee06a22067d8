/**
 * The `progress` query every workflow answers, and the options every provisioning input shares.
 * Plain types and one query definition: safe for the client to import.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';

export interface StepError {
  step: string;
  code: string;
  requestId?: string;
}

export interface Progress {
  workflow: string;
  /** The step running now, or `done` / `failed` / `cancelled`. */
  step: string;
  /** Resource ids known so far (InstanceId, OrderId, LoadBalancerId, ...). */
  resources: Record<string, string>;
  /** Activity attempts of the finished steps. */
  attempts: number;
  /** Alibaba Cloud API calls of the finished steps. */
  apiCalls: number;
  /** The last failure a step saw, even if a retry then succeeded. */
  lastError: StepError | undefined;
  /** Resources released by a clean-up, last created first. */
  released: string[];
  startedAt: string;
  elapsedMs: number;
}

export const progressQuery = defineQuery<Progress>('progress');

/** Asks a running job to release what it bought if it is then cancelled (`cancel --release`). */
export const releaseOnCancelSignal = defineSignal('releaseOnCancel');

/** What to do with what a workflow bought when it fails or is cancelled. */
export type CleanUp = 'keep' | 'release';

export interface JobOptions {
  /** @default "keep": a failed workflow names what it bought and leaves it. */
  onFailure?: CleanUp;
  /** @default "keep" */
  onCancel?: CleanUp;
  /** The overall deadline, e.g. `60m`; the defaults depend on the resource. */
  deadline?: string | number;
}

/** What every workflow result carries besides its resources. */
export interface JobStats {
  apiCalls: number;
  attempts: number;
  elapsedMs: number;
}
