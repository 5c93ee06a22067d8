/**
 * The documented per-user rate limits, and the task queues that enforce them. Activities of a
 * rate-limited action run on a task queue of their own whose maxTaskQueueActivitiesPerSecond is the
 * limit, so the Temporal server holds a whole fleet of workers to it, not a counter in one process.
 * Plain data: the workflows (which route those activities) and the worker (which serves the queues)
 * share it, and so does the emulator (which enforces the limits as the API does).
 */

/** Calls per second per user, keyed `product:Action`. */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = {
  'ens:CreateLoadBalancer': 5,
  'ens:RenewARMServerInstance': 10,
};

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

/** Parses `ens:CreateLoadBalancer=5,ens:RenewARMServerInstance=10` over the documented limits. */
export function parseRateLimits(text: string | undefined): Record<string, number> {
  const limits: Record<string, number> = { ...DOCUMENTED_RATE_LIMITS };
  for (const entry of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [action, value] = entry.split('=');
    const perSecond = Number(value);
    if (!action || !/^[a-z]+:[A-Za-z]+$/.test(action) || !(perSecond > 0)) {
      throw new Error(`"${entry}" is not product:Action=callsPerSecond`);
    }
    limits[action] = perSecond;
  }
  return limits;
}
