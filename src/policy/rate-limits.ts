/**
 * The task queues that enforce the documented per-user rate limits (`rateLimitPerSecond` in
 * `src/actions.ts`). Activities of a rate-limited action run on a task queue of their own whose
 * maxTaskQueueActivitiesPerSecond is the limit, so the Temporal server holds a whole fleet of workers
 * to it, not a counter in one process. Plain code: the workflows (which route those activities) and
 * the worker (which serves the queues) share it.
 */

/**
 * Calls per second a rate-limited task queue runs under the API's limit by default. The server's
 * bucket for a queue holds about one call more than its rate, so a queue at the limit lets a burst
 * of limit + 1 calls through at once and the API throttles the last; one call a second under, the
 * API's own one-second bucket absorbs the burst (measured in bench/rate-limit.ts).
 */
export const DEFAULT_HEADROOM_PER_SECOND = 1;

/** The rate of a rate-limited action's task queue: `headroom` under the limit, and at least half of it. */
export function queueRate(limitPerSecond: number, headroomPerSecond = DEFAULT_HEADROOM_PER_SECOND): number {
  return Math.max(limitPerSecond - headroomPerSecond, limitPerSecond / 2);
}

/** The task queue of a rate-limited action, next to the worker's main one. */
export function rateLimitedTaskQueue(mainTaskQueue: string, action: string): string {
  return `${mainTaskQueue}@${action}`;
}
