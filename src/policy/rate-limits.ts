/**
 * The task queues that enforce the documented per-user rate limits (`rateLimitPerSecond` in
 * `src/actions.ts`). Activities of a rate-limited action run on a task queue of their own whose
 * maxTaskQueueActivitiesPerSecond is the limit, so the Temporal server holds a whole fleet of workers
 * to it, not a counter in one process. Plain code: the workflows (which route those activities) and
 * the worker (which serves the queues) share it.
 */

/**
 * The window Alibaba Cloud counts a rate limit over: its limits are calls per second per user, so a
 * throttled caller's allowance is whole again one window later.
 */
export const RATE_LIMIT_WINDOW_MS = 1_000;

/** The task queue of a rate-limited action, next to the worker's main one. */
export function rateLimitedTaskQueue(mainTaskQueue: string, action: string): string {
  return `${mainTaskQueue}@${action}`;
}
