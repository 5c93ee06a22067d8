/**
 * What every cloud activity shares: it counts its API calls across its attempts (kept in the
 * heartbeat details, which Temporal hands to the next attempt), turns failures into
 * ApplicationFailures, and derives the idempotency keys of its workflow run.
 */
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { AlibabaCloud, ApiResponse } from '../alicloud/client';
import { AlibabaCloudError } from '../alicloud/errors';
import type { ApiParams } from '../alicloud/params';
import { JOB_TAG_KEY, type ActionName } from '../actions';
import { FailureType } from '../failure-types';
import { throttledDelayMs, toApplicationFailure } from './failures';
import type { ThrottledShare } from './throttled-share';

/** What an activity returns: its value, and what it cost. */
export interface StepResult<T> {
  value: T;
  /** API calls made, over every attempt. */
  calls: number;
  attempts: number;
  /** The last failure of an earlier attempt, if any. */
  lastError?: { code: string; requestId?: string };
  /** How fast the cloud's clock runs against real time, when it says (the emulator's time scale). */
  timeScale?: number;
}

/** Kept between attempts in the heartbeat details. */
interface AttemptState {
  calls: number;
  lastError?: { code: string; requestId?: string };
}

export type CloudCall = <T extends ApiResponse = ApiResponse>(
  action: ActionName,
  params: ApiParams,
  options?: { regionId?: string },
) => Promise<T>;

export interface StepContext {
  call: CloudCall;
  /** 1 on the first attempt. */
  attempt: number;
}

export interface StepDependencies {
  cloud: AlibabaCloud;
  /** What this worker saw throttled lately: how far a throttled call's retry is spread. */
  throttling: ThrottledShare;
}

/**
 * How often a running attempt tells the server it is alive: far inside the profiles' heartbeat
 * timeout (src/workflows/steps.ts), so that only a dead worker's attempt times out. The workers send
 * heartbeats on at this pace too (maxHeartbeatThrottleInterval); the SDK's default would hold them
 * back to 0.8 of the timeout, leaving a live but slow attempt little margin.
 */
export const HEARTBEAT_EVERY_MS = 2_000;

/** Runs `body` as one attempt of the current activity, counting its calls. */
export async function runStep<T>(
  { cloud, throttling }: StepDependencies,
  body: (step: StepContext) => Promise<T>,
): Promise<StepResult<T>> {
  const context = Context.current();
  const previous = context.info.heartbeatDetails as AttemptState | undefined;
  const state: AttemptState = { calls: previous?.calls ?? 0, lastError: previous?.lastError };
  const started = Date.now();
  const callOnce: CloudCall = async <R extends ApiResponse>(
    action: ActionName,
    params: ApiParams,
    options?: { regionId?: string },
  ) => {
    state.calls++;
    try {
      const answer = await cloud.call<R>(action, params, options);
      throttling.record(action, false);
      return answer;
    } catch (error) {
      throttling.record(action, isThrottled(error));
      throw error;
    }
  };
  // A throttled call was refused, not applied, so it is retried here, in the attempt, while half the
  // attempt's time is left: a retry through the server (a failed attempt, a retry timer, the task
  // queue's backlog) cost a loaded benchmark 1 to 3 s on top of the delay itself. The delay is the
  // same; a worker whose activities wait out throttling also starts fewer new calls meanwhile.
  const call: CloudCall = async <R extends ApiResponse>(
    action: ActionName,
    params: ApiParams,
    options?: { regionId?: string },
  ) => {
    for (;;) {
      try {
        return await callOnce<R>(action, params, options);
      } catch (error) {
        if (!isThrottled(error)) throw error;
        const delayMs = throttledDelayMs(throttling.of(action), throttling.windowMs);
        if (Date.now() + delayMs - started > context.info.startToCloseTimeoutMs / 2) throw error;
        state.lastError = { code: error.code, requestId: error.requestId };
        await context.sleep(delayMs);
      }
    }
  };
  // An attempt is usually one quick call; a slow one (timeouts, a reconciling read) keeps beating.
  const beat = setInterval(() => context.heartbeat(state), HEARTBEAT_EVERY_MS);
  try {
    const value = await body({ call, attempt: context.info.attempt });
    // Undefined values (no last error, a cloud that gives no time scale) are left out of the history.
    return {
      value,
      calls: state.calls,
      attempts: context.info.attempt,
      lastError: state.lastError,
      timeScale: cloud.timeScale,
    };
  } catch (error) {
    const failure = toApplicationFailure(error, { calls: state.calls, throttling });
    const details = failure.details?.[0] as { requestId?: string } | undefined;
    // "Not ready yet" is the expected answer of a poll, not an error worth reporting.
    if (failure.type && failure.type !== FailureType.notReady) {
      state.lastError = { code: failure.type, requestId: details?.requestId };
    }
    context.heartbeat(state);
    throw failure;
  } finally {
    clearInterval(beat);
  }
}

function isThrottled(error: unknown): error is AlibabaCloudError {
  return error instanceof AlibabaCloudError && error.retryClass === 'throttled';
}

/** `workflowId/runId` of the workflow run this activity belongs to. */
function workflowRun(): string {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('this activity must run on behalf of a workflow');
  return `${execution.workflowId}/${execution.runId}`;
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/**
 * A ClientToken that every attempt of this step of this workflow run shares, so a retry after a
 * lost answer returns the resource the first attempt made instead of buying another.
 */
export function derivedClientToken(step: string): string {
  return `ap-${digest(`${workflowRun()}/${step}`, 40)}`;
}

/** The job tag's value for the run `workflowId/runId`: the run itself, or a digest when too long for a tag value. */
export function runTagValue(run: string): string {
  return run.length <= 128 ? run : `sha256:${digest(run, 43)}`;
}

/** The tag that identifies this workflow run. */
export function workflowRunTag(): { Key: string; Value: string } {
  return { Key: JOB_TAG_KEY, Value: runTagValue(workflowRun()) };
}

/** A request with this workflow run's tag beside its own: what the run buys is known by it. */
export function withRunTag<R extends { Tag?: readonly unknown[] }>(request: R): R {
  return { ...request, Tag: [...(request.Tag ?? []), workflowRunTag()] };
}
