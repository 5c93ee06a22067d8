/**
 * States are timelines rather than timers: a resource records when each status begins, and a read
 * computes the current one. Nothing runs in the background, and a time scale shrinks every duration.
 */
/** A status that changes over time: each step says from when it holds. */
export class Timeline<S> {
  private readonly steps: { at: number; status: S }[];

  constructor(initial: S, at: number) {
    this.steps = [{ at, status: initial }];
  }

  /** Appends a step; `at` may lie in the future. */
  then(status: S, at: number): this {
    this.steps.push({ at, status });
    return this;
  }

  /** Drops the steps after `now` and starts `status` now: an action interrupts a transition. */
  restart(status: S, now: number): this {
    const kept = this.steps.filter((step) => step.at <= now);
    this.steps.splice(0, this.steps.length, ...kept, { at: now, status });
    return this;
  }

  /** When the last step into `status` began (it may lie in the future); undefined if none. */
  since(status: S): number | undefined {
    return [...this.steps].reverse().find((step) => step.status === status)?.at;
  }

  at(now: number): S {
    let current = this.steps[0]!.status;
    for (const step of this.steps) if (step.at <= now) current = step.status;
    return current;
  }
}
