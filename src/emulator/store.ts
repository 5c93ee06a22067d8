/**
 * Everything the emulator remembers: resources with their state machines, ClientToken records, and
 * the counters a test reads to prove that nothing was bought or renewed twice.
 *
 * States are timelines rather than timers: a resource records when each status begins, and a read
 * computes the current one. Nothing runs in the background, and a `timeScale` shrinks every duration.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, type Params } from './api-error';

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

export interface KafkaInstance {
  InstanceId: string;
  OrderId: string;
  RegionId: string;
  Tags: { Key: string; Value: string }[];
  order: Params;
  deploy: Params | undefined;
  serviceStatus: Timeline<number>;
  CreateTime: number;
  deleted: boolean;
}

export interface EcsInstance {
  InstanceId: string;
  RegionId: string;
  request: Params;
  status: Timeline<string>;
  InstanceChargeType: 'PrePaid' | 'PostPaid';
  /** Epoch ms. */
  ExpiredTime: number;
  CreationTime: number;
}

export interface LoadBalancer {
  LoadBalancerId: string;
  request: Params;
  status: Timeline<string>;
  CreateTime: number;
}

export interface ArmServer {
  ServerId: string;
  EnsRegionId: string;
  SpecName: string;
  PayType: 'PrePaid' | 'PostPaid';
  State: string;
  Status: string;
  CreationTime: number;
  /** Epoch ms. */
  ExpiredTime: number;
}

interface ClientTokenRecord {
  fingerprint: string;
  response: Record<string, unknown>;
}

// Parameters that differ between two sends of the same request and so do not make it a different one.
const NOT_PART_OF_THE_REQUEST = new Set(['ClientToken', 'Action', 'Version', 'RegionId']);

export class EmulatorState {
  readonly kafkaInstances = new Map<string, KafkaInstance>();
  readonly ecsInstances = new Map<string, EcsInstance>();
  readonly loadBalancers = new Map<string, LoadBalancer>();
  readonly armServers = new Map<string, ArmServer>();
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
    for (const map of [this.kafkaInstances, this.ecsInstances, this.loadBalancers, this.armServers]) map.clear();
    this.calls.clear();
    this.okCallWindows.clear();
    this.renewals.clear();
    this.clientTokens.clear();
  }

  /** What the admin API shows: every resource in its current state, and the counters. */
  snapshot(now = Date.now()) {
    const ordersPerTag: Record<string, number> = {};
    for (const instance of this.kafkaInstances.values()) {
      for (const { Key, Value } of instance.Tags) {
        const tag = `${Key}=${Value}`;
        ordersPerTag[tag] = (ordersPerTag[tag] ?? 0) + 1;
      }
    }
    return {
      kafka: [...this.kafkaInstances.values()].map((instance) => ({
        InstanceId: instance.InstanceId,
        OrderId: instance.OrderId,
        RegionId: instance.RegionId,
        ServiceStatus: instance.serviceStatus.at(now),
        readyAt: instance.serviceStatus.since(5),
        Tags: instance.Tags,
        deleted: instance.deleted,
      })),
      ecs: [...this.ecsInstances.values()].map((instance) => ({
        InstanceId: instance.InstanceId,
        InstanceName: instance.request.InstanceName,
        RegionId: instance.RegionId,
        Status: instance.status.at(now),
        readyAt: instance.status.since('Running'),
        InstanceChargeType: instance.InstanceChargeType,
        ExpiredTime: new Date(instance.ExpiredTime).toISOString(),
        ClientToken: instance.request.ClientToken,
      })),
      loadBalancers: [...this.loadBalancers.values()].map((balancer) => ({
        LoadBalancerId: balancer.LoadBalancerId,
        LoadBalancerName: balancer.request.LoadBalancerName,
        LoadBalancerStatus: balancer.status.at(now),
        readyAt: balancer.status.since('Active'),
        ClientToken: balancer.request.ClientToken,
      })),
      armServers: [...this.armServers.values()].map((server) => ({
        ServerId: server.ServerId,
        ExpiredTime: new Date(server.ExpiredTime).toISOString(),
      })),
      ordersPerTag,
      calls: Object.fromEntries([...this.calls].map(([action, codes]) => [action, Object.fromEntries(codes)])),
      okCallWindows: Object.fromEntries(this.okCallWindows),
      renewals: Object.fromEntries(this.renewals),
    };
  }
}

export type EmulatorSnapshot = ReturnType<EmulatorState['snapshot']>;
