/**
 * Spaces the calls of one process at least 1/rate apart, the rate read afresh at each call (a
 * process's share of the limit changes as processes join and leave). The Temporal server may hand a
 * process several tasks at once (its bucket for a queue holds more than the API's one second's worth);
 * spaced here, they do not reach the API as a burst that its own one-second bucket refuses.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const SYSTEM_CLOCK: Clock = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

export class Pacer {
  /** The earliest moment the next call may go. */
  private nextAt = 0;

  constructor(
    private readonly perSecond: () => number,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  /** Resolves when the caller may make its call: at once, or at the next free moment. */
  async turn(): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.perSecond();
    if (at > now) await this.clock.sleep(at - now);
  }
}
