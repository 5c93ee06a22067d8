/**
 * How a failed Alibaba Cloud call becomes the failure Temporal sees: the error code is the failure's
 * type, terminal codes are non-retryable, throttled codes ask for a longer, jittered delay, and the
 * details carry what a person needs to follow it up (code, RequestId, status, action, product).
 */
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { AlibabaCloudError, type AlibabaCloudErrorFields } from '../alicloud/errors';
import { FailureType } from '../failure-types';

/** What a failure of a cloud call carries in its details. */
export type CloudFailureDetails = Omit<AlibabaCloudErrorFields, 'message'> & { calls: number };

/** The longest wait before retrying a throttled call: the documented limits are per second. */
export const THROTTLED_DELAY_CAP_MS = 16_000;

/**
 * Delay before retrying a throttled call: `firstMs` (2 s by default) doubling per attempt up to
 * THROTTLED_DELAY_CAP_MS, times a jitter of 0.5 to 1.5, so a fleet of retries does not hit the limit
 * in step. Alibaba Cloud's limits count calls per second, so waiting longer than a few seconds buys
 * nothing but a later job.
 */
export function throttledDelayMs(attempt: number, firstMs: number, random: () => number = Math.random): number {
  const base = Math.min(THROTTLED_DELAY_CAP_MS, firstMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + random()));
}

export interface FailedAttempt {
  attempt: number;
  /** API calls so far, over every attempt. */
  calls: number;
  throttledRetryDelayMs: number;
}

/** The ApplicationFailure an activity throws for `error`. */
export function toApplicationFailure(
  error: unknown,
  { attempt, calls, throttledRetryDelayMs }: FailedAttempt,
): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  if (!(error instanceof AlibabaCloudError)) {
    // Not a cloud answer (a bug, a credential source that failed): retried; the deadline bounds it.
    const message = error instanceof Error ? error.message : String(error);
    return ApplicationFailure.create({ type: 'ActivityError', message, details: [{ calls }] });
  }
  const { message, ...fields } = error.toJSON();
  const details: CloudFailureDetails = { ...fields, calls };
  return ApplicationFailure.create({
    type: error.code,
    message: `${error.action} failed: ${error.code}: ${message}${error.requestId ? ` (RequestId ${error.requestId})` : ''}`,
    // An ambiguous outcome is retried: the next attempt looks the resource up before calling again.
    nonRetryable: error.retryClass === 'terminal',
    nextRetryDelay: error.retryClass === 'throttled' ? throttledDelayMs(attempt, throttledRetryDelayMs) : undefined,
    details: [details],
  });
}

/** "Not ready yet: look again in `delayMs`": benign, so it is not logged or counted as an error. */
export function notReady(what: string, delayMs: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.notReady,
    message: what,
    nextRetryDelay: delayMs,
    category: ApplicationFailureCategory.BENIGN,
  });
}
