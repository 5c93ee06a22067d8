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

/** The widest spread of a throttled call's retries, in windows: reached at its fourth attempt. */
export const THROTTLED_SPREAD_CAP_WINDOWS = 8;

/**
 * Delay before retrying a throttled call: the limit's window (`windowMs`, one second by default), after
 * which the caller's allowance is whole again, plus a random share of a spread that starts at one
 * window and doubles per attempt up to THROTTLED_SPREAD_CAP_WINDOWS. One throttled call (a storm of
 * stray answers) loses a second or two, not the 2 to 16 s a fixed backoff would cost it; calls
 * throttled together because they really were too many spread over windows that grow until the limit
 * has room for them all, so a real `Throttling.User` storm does not become a retry storm.
 */
export function throttledDelayMs(attempt: number, windowMs: number, random: () => number = Math.random): number {
  const spreadWindows = Math.min(THROTTLED_SPREAD_CAP_WINDOWS, 2 ** Math.max(0, attempt - 1));
  return Math.round(windowMs * (1 + random() * spreadWindows));
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
