/**
 * Activity profiles: timeouts and retry policies, named by the kind of step. What is worth retrying
 * is decided where the failure is made: an activity marks a terminal Alibaba Cloud code (from the
 * error catalog) or a failure of the project's own as non-retryable, and a throttled code sets its
 * own delay. The policies here list no codes: a list of the 600 terminal codes would be copied into
 * every activity-scheduled event of every history.
 */
import { proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import { FailureType } from '../failure-types';
import type { RateLimitedAction } from '../actions';
import { rateLimitedTaskQueue } from '../policy/rate-limits';
import type { Activities } from '../activities';

/** Checking a request against the documented rules: local, deterministic and quick. */
export const validation: ActivityOptions = {
  startToCloseTimeout: '10s',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: [FailureType.invalidParameter] },
};

/**
 * One API call (with its reconciling read): retried with backoff until the job's deadline. Throttled
 * codes set their own, longer delay (nextRetryDelay); terminal codes come back non-retryable. An
 * attempt heartbeats while it runs, so the attempt of a worker that died is retried within the
 * heartbeat timeout rather than the start-to-close one. The timeout is twice an API call's own, so a
 * live attempt in a slow call is never taken for dead (a second attempt beside it could renew twice).
 */
export const cloudCall: ActivityOptions = {
  startToCloseTimeout: '1m',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
};

/** A call of a rate-limited action, on the task queue that holds the fleet to its documented limit. */
export function rateLimitedCall(action: RateLimitedAction): ActivityOptions {
  return { ...cloudCall, taskQueue: rateLimitedTaskQueue(workflowInfo().taskQueue, action) };
}

/**
 * Waiting for a status: each "not ready yet" sets the delay before the next look from the readiness
 * policy (nextRetryDelay); errors back off as for a call.
 */
export const polling: ActivityOptions = cloudCall;

/** Giving back what a failed job bought: its own budget, since the job's deadline may have passed. */
export const cleanUp: ActivityOptions = { ...cloudCall, scheduleToCloseTimeout: '30m' };

/** The proxy `ping` uses: a read that touches nothing outside the worker. */
export const { describeWorker } = proxyActivities<Activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', maximumAttempts: 3 },
});
