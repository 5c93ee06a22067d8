/**
 * Activity profiles: timeouts and retry policies, named by the kind of step. Terminal Alibaba Cloud
 * codes come from the error catalog (a plain data module), so one table decides what is retried.
 */
import { proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import { TERMINAL_CODES } from '../alicloud/error-codes';
import { rateLimitedTaskQueue } from '../policy/rate-limits';
import type { Activities } from '../activities';

/** Failure types of this project's own that no retry can fix. */
const OWN_TERMINAL_TYPES = ['InvalidParameter', 'ResourceFailed', 'RenewalMismatch', 'DryRunIgnored'];

const nonRetryableErrorTypes = [...TERMINAL_CODES, ...OWN_TERMINAL_TYPES];

/** Checking a request against the documented rules: local and deterministic. */
export const validation: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['InvalidParameter'] },
};

/**
 * One API call (with its reconciling read): retried with backoff until the job's deadline. Throttled
 * codes set their own, longer delay (nextRetryDelay); terminal codes are not retried.
 */
export const cloudCall: ActivityOptions = {
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes },
};

/** A call of a rate-limited action, on the task queue that holds the fleet to its documented limit. */
export function rateLimitedCall(action: string): ActivityOptions {
  return { ...cloudCall, taskQueue: rateLimitedTaskQueue(workflowInfo().taskQueue, action) };
}

/**
 * Waiting for a status: each "not ready yet" sets the delay before the next look from the readiness
 * policy (nextRetryDelay); errors back off as for a call.
 */
export const polling: ActivityOptions = cloudCall;

/** Giving back what a failed job bought: its own budget, since the job's deadline may have passed. */
export const cleanUp: ActivityOptions = { ...cloudCall, scheduleToCloseTimeout: '30m' };

export function deadlineMs(deadline: string | number): number {
  return msToNumber(deadline as Parameters<typeof msToNumber>[0]);
}

/** The proxy `ping` uses: a read that touches nothing outside the worker. */
export const { describeWorker } = proxyActivities<Activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', maximumAttempts: 3 },
});
