/**
 * Deterministic fault injection. Rules are consumed in order, per action; a seeded storm adds a
 * random mix on top, the same for the same seed and call order.
 */

import { wireBoolean } from '../schemas/common';

export type FaultKind =
  /** Answer with an error code instead of running the action. */
  | { kind: 'error'; code: string; httpStatus?: number; message?: string }
  /** An HTML 503 page, as a gateway or load balancer gives. */
  | { kind: 'html503' }
  /** Close the connection before the action runs: nothing is applied. */
  | { kind: 'drop' }
  /** Run the action, then close the connection without answering. */
  | { kind: 'appliedButLost' }
  /** Wait before answering (the action still runs). */
  | { kind: 'latency'; ms: number };

export type FaultRule = FaultKind & {
  /** `product:Action`, e.g. `ecs:CreateInstance`, or `*` for every action. */
  action: string;
  /** How many calls it affects. @default 1 */
  times?: number;
  /**
   * Only calls without `DryRun=true` count: a DryRun pre-check neither takes the fault nor uses up
   * `times`, so the rule hits the real call that follows (e.g. the real `ecs:CreateInstance`). @default false
   */
  skipDryRun?: boolean;
};

export interface FaultStorm {
  seed: number;
  /** Actions it hits (`product:Action`). @default every mutating action the caller marks */
  actions: readonly string[];
  /** Share of calls, 0 to 1, for each fault. */
  rates: {
    throttling?: number;
    serverError?: number;
    html503?: number;
    reset?: number;
    appliedButLost?: number;
  };
}

const THROTTLING_CODES = ['Throttling.User', 'Throttling', 'Throttling.Api'];
const SERVER_ERRORS = [
  { code: 'ServiceUnavailable', httpStatus: 503 },
  { code: 'InternalError', httpStatus: 500 },
];

/** mulberry32: small, fast and good enough to make a storm repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FaultPlan {
  private rules: (FaultRule & { remaining: number })[] = [];
  private storm: (FaultStorm & { random: () => number }) | undefined;
  /** Faults injected so far, per kind (per code for errors), for the admin state. */
  readonly injected = new Map<string, number>();

  add(...rules: FaultRule[]): void {
    for (const rule of rules) this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  setStorm(storm: FaultStorm | undefined): void {
    this.storm = storm && { ...storm, random: seededRandom(storm.seed) };
  }

  clear(): void {
    this.rules = [];
    this.storm = undefined;
  }

  /**
   * The faults for this call: any latency first, then at most one failure. `params` are the call's
   * request parameters, which rules with `skipDryRun` look at.
   */
  next(action: string, params: Readonly<Record<string, unknown>>): FaultKind[] {
    const faults: FaultKind[] = [];
    let failure: FaultKind | undefined;
    const dryRun = wireBoolean(params.DryRun) === true;
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || (rule.action !== '*' && rule.action !== action)) continue;
      if (rule.skipDryRun && dryRun) continue;
      if (rule.kind === 'latency') {
        faults.push(rule);
        rule.remaining--;
      } else if (!failure) {
        failure = rule;
        rule.remaining--;
      }
    }
    this.rules = this.rules.filter((rule) => rule.remaining > 0);
    failure ??= this.fromStorm(action);
    if (failure) {
      faults.push(failure);
      // An error is counted by its code, so a report can tell throttling from server errors.
      const name = failure.kind === 'error' ? failure.code : failure.kind;
      this.injected.set(name, (this.injected.get(name) ?? 0) + 1);
    }
    return faults;
  }

  private fromStorm(action: string): FaultKind | undefined {
    const storm = this.storm;
    if (!storm || !storm.actions.includes(action)) return undefined;
    const { throttling = 0, serverError = 0, html503 = 0, reset = 0, appliedButLost = 0 } = storm.rates;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(storm.random() * items.length)]!;
    const outcomes: [rate: number, fault: () => FaultKind][] = [
      [throttling, () => ({ kind: 'error', code: pick(THROTTLING_CODES), httpStatus: 400 })],
      [serverError, () => ({ kind: 'error', ...pick(SERVER_ERRORS) })],
      [html503, () => ({ kind: 'html503' })],
      [reset, () => ({ kind: 'drop' })],
      [appliedButLost, () => ({ kind: 'appliedButLost' })],
    ];
    let roll = storm.random();
    for (const [rate, fault] of outcomes) {
      if (roll < rate) return fault();
      roll -= rate;
    }
    return undefined;
  }

  snapshot() {
    return {
      pendingRules: this.rules.map(({ remaining, ...rule }) => ({ ...rule, remaining })),
      storm: this.storm && { seed: this.storm.seed, actions: this.storm.actions, rates: this.storm.rates },
      injected: Object.fromEntries(this.injected),
    };
  }
}
