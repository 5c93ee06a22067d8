/**
 * Everything the emulator remembers: each product's resources with their state machines (a slice
 * per product, in `state/`), ClientToken records, and the counters a test reads to prove that
 * nothing was bought or renewed twice.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, type Params } from './api-error';
import { EcsState } from './state/ecs';
import { EnsState } from './state/ens';
import { KafkaState } from './state/kafka';

/** How long each transition takes at timeScale 1 (realistic figures). */
export interface Durations {
  /** Kafka StartInstance until ServiceStatus 5. */
  kafkaDeployMs: number;
  /** Kafka ReleaseInstance until ServiceStatus 15. */
  kafkaReleaseMs: number;
  /** ECS CreateInstance until Stopped. */
  ecsCreateMs: number;
  /** ECS StartInstance until Running. */
  ecsStartMs: number;
  /** ECS StopInstance until Stopped. */
  ecsStopMs: number;
  /** ENS CreateLoadBalancer until Active. */
  loadBalancerCreateMs: number;
}

export const REALISTIC_DURATIONS: Durations = {
  kafkaDeployMs: 20 * 60_000,
  kafkaReleaseMs: 60_000,
  ecsCreateMs: 45_000,
  ecsStartMs: 20_000,
  ecsStopMs: 15_000,
  loadBalancerCreateMs: 90_000,
};

export interface EmulatorSettings {
  /** Multiplies every duration: 0.001 makes a 20-minute deploy take 1.2 s. */
  timeScale: number;
  durations: Durations;
  /** Calls per second per AccessKeyId, keyed `product:Action`. */
  rateLimits: Record<string, number>;
  /** Kafka deploys that end in ServiceStatus 101 (deploy error) instead of 5. */
  kafkaDeployFails: boolean;
}

interface ClientTokenRecord {
  fingerprint: string;
  response: Record<string, unknown>;
}

// Parameters that differ between two sends of the same request and so do not make it a different one.
const NOT_PART_OF_THE_REQUEST = new Set(['ClientToken', 'Action', 'Version', 'RegionId']);

export class EmulatorState {
  readonly kafka = new KafkaState();
  readonly ecs = new EcsState();
  readonly ens = new EnsState();
  /** Calls answered, per `product:Action`, per code (`OK` for success). */
  readonly calls = new Map<string, Map<string, number>>();
  /** When each action was first and last answered OK (epoch ms): how fast a fleet ran through it. */
  readonly okCallWindows = new Map<string, { first: number; last: number }>();
  /** Renewals applied, per instance or server id. */
  readonly renewals = new Map<string, number>();
  private readonly clientTokens = new Map<string, ClientTokenRecord>();

  constructor(readonly settings: EmulatorSettings) {}

  /** A scaled duration, in ms. */
  duration(name: keyof Durations): number {
    return Math.round(this.settings.durations[name] * this.settings.timeScale);
  }

  newId(prefix: string, length = 20): string {
    return `${prefix}${randomBytes(length).toString('hex').slice(0, length)}`;
  }

  countCall(action: string, code: string, now = Date.now()): void {
    const codes = this.calls.get(action) ?? new Map<string, number>();
    codes.set(code, (codes.get(code) ?? 0) + 1);
    this.calls.set(action, codes);
    if (code === 'OK') {
      const window = this.okCallWindows.get(action);
      this.okCallWindows.set(action, { first: window?.first ?? now, last: now });
    }
  }

  countRenewal(id: string): void {
    this.renewals.set(id, (this.renewals.get(id) ?? 0) + 1);
  }

  /**
   * ClientToken idempotency: the first call with a token runs `create`; a later call with the same
   * token and the same parameters gets the same answer, with other parameters IdempotentParameterMismatch.
   */
  idempotent(
    accessKeyId: string,
    action: string,
    params: Params,
    create: () => Record<string, unknown>,
  ): Record<string, unknown> {
    const token = params.ClientToken;
    if (!token) return create();
    const key = `${accessKeyId}|${action}|${token}`;
    const fingerprint = JSON.stringify(
      Object.entries(params)
        .filter(([name]) => !NOT_PART_OF_THE_REQUEST.has(name))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    const earlier = this.clientTokens.get(key);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new ApiError(
          'IdempotentParameterMismatch',
          'The ClientToken was used before with different parameters.',
          400,
        );
      }
      return earlier.response;
    }
    const response = create();
    this.clientTokens.set(key, { fingerprint, response });
    return response;
  }

  reset(): void {
    for (const product of [this.kafka, this.ecs, this.ens]) product.reset();
    this.calls.clear();
    this.okCallWindows.clear();
    this.renewals.clear();
    this.clientTokens.clear();
  }

  /** What the admin API shows: every resource in its current state, and the counters. */
  snapshot(now = Date.now()) {
    return {
      ...this.kafka.snapshot(now),
      ...this.ecs.snapshot(now),
      ...this.ens.snapshot(now),
      calls: Object.fromEntries([...this.calls].map(([action, codes]) => [action, Object.fromEntries(codes)])),
      okCallWindows: Object.fromEntries(this.okCallWindows),
      renewals: Object.fromEntries(this.renewals),
    };
  }
}

export type EmulatorSnapshot = ReturnType<EmulatorState['snapshot']>;
