/**
 * How a failed Alibaba Cloud call becomes the failure Temporal sees: the error code is the failure's
 * type, terminal codes are non-retryable, throttled codes ask for the delay their share gives, and the
 * details carry what a person needs to follow it up (code, RequestId, status, action, product).
 */
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { AlibabaCloudError, type AlibabaCloudErrorFields } from '../alicloud/errors';
import { FailureType } from '../failure-types';
import { THROTTLED_SHARE_WINDOWS, type ThrottledShare } from './throttled-share';

/** What a failure of a cloud call carries in its details. */
export type CloudFailureDetails = Omit<AlibabaCloudErrorFields, 'message'> & { calls: number };

/**
 * Delay before retrying a throttled call, given the share of its action's calls this worker saw
 * throttled lately (ThrottledShare): the limit's window (`windowMs`), after which the caller's allowance
 * is whole again, plus a random share of a spread of share / (1 - share) windows, at most
 * THROTTLED_SHARE_WINDOWS. When a share s of the calls are throttled, the ones refused are s / (1 - s)
 * times the ones the limit let through, so their retries need that many windows more of its room. A
 * stray answer (a storm that throttles a fifth of the calls at random) costs its call a window and a
 * quarter at most, however often in a row it comes; calls throttled because they were too many (most
 * of them) spread over as many windows as the limit needs to take them, so a real `Throttling.User`
 * storm does not become a retry storm.
 */
export function throttledDelayMs(share: number, windowMs: number, random: () => number = Math.random): number {
  const spreadWindows = share >= 1 ? THROTTLED_SHARE_WINDOWS : Math.min(THROTTLED_SHARE_WINDOWS, share / (1 - share));
  return Math.round(windowMs * (1 + random() * spreadWindows));
}

export interface FailedAttempt {
  /** API calls so far, over every attempt. */
  calls: number;
  /** What this worker saw throttled lately, and the limits' window. */
  throttling: ThrottledShare;
}

/** The ApplicationFailure an activity throws for `error`. */
export function toApplicationFailure(error: unknown, { calls, throttling }: FailedAttempt): ApplicationFailure {
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
    nextRetryDelay:
      error.retryClass === 'throttled'
        ? throttledDelayMs(throttling.of(`${error.product}:${error.action}`), throttling.windowMs)
        : undefined,
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
