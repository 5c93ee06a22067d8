/**
 * The share of each action's calls the cloud throttled, as this worker saw them over the last few
 * windows of the rate limit. It tells the two kinds of throttling apart: a stray answer (a storm that
 * hits calls at random, a gateway shedding a little load) throttles a small share, and retrying such a
 * call one window later is all it takes; too many calls for the limit throttle most of them, and their
 * retries must spread out or they come back as the same crowd (src/activities/failures.ts).
 */

/** How many windows the share looks back: the widest spread a throttled retry can be given. */
export const THROTTLED_SHARE_WINDOWS = 8;

interface WindowCount {
  /** Which window (its start over the window's length) this count is of. */
  window: number;
  calls: number;
  throttled: number;
}

export class ThrottledShare {
  /** A ring of counts per action: bounded by the actions this worker calls, not by its calls. */
  private readonly counts = new Map<string, WindowCount[]>();

  constructor(
    /** The rate limit's window: a throttled caller's allowance is whole again one window later. */
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one answer of `action`. */
  record(action: string, throttled: boolean): void {
    const window = Math.floor(this.now() / this.windowMs);
    let ring = this.counts.get(action);
    if (!ring) {
      ring = [];
      this.counts.set(action, ring);
    }
    const slot = window % THROTTLED_SHARE_WINDOWS;
    const count = ring[slot];
    if (count?.window === window) {
      count.calls++;
      if (throttled) count.throttled++;
    } else {
      ring[slot] = { window, calls: 1, throttled: throttled ? 1 : 0 };
    }
  }

  /** The share of `action`'s answers over the last windows that were throttled: 0 when none were seen. */
  of(action: string): number {
    const oldest = Math.floor(this.now() / this.windowMs) - THROTTLED_SHARE_WINDOWS;
    let calls = 0;
    let throttled = 0;
    for (const count of this.counts.get(action) ?? []) {
      if (!count || count.window <= oldest) continue;
      calls += count.calls;
      throttled += count.throttled;
    }
    return calls === 0 ? 0 : throttled / calls;
  }
}
