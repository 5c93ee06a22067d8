/**
 * The steps that must not buy or renew twice, one attempt at a time against the emulator: an
 * answer lost after the call was applied (`appliedButLost`) makes the next attempt find what the
 * first one did; a call dropped before it was applied (`drop`) makes it call again.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../src/activities';
import { JOB_TAG_KEY } from '../../src/actions';
import { derivedClientToken } from '../../src/activities/step';
import type { FaultKind } from '../../src/emulator/faults';
import { applicationFailureOf as rejection, startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';

/** The emulator's time scale (test/helpers/emulator.ts), which a step reports beside its value. */
const EMULATED_TIME_SCALE = 0.0001;
import { FAST } from '../helpers/provisioning';

let env: EmulatedCloud;
let activities: ReturnType<typeof createActivities>;
beforeAll(async () => {
  env = await startEmulatedCloud();
  activities = createActivities({ cloud: env.cloud, regionId: 'cn-hangzhou', throttledRetryDelayMs: 20 });
});
afterAll(() => env.close());
beforeEach(() => env.emulator.reset());

const RUN = { workflowId: 'order-7', runId: 'run-1' };
const OTHER_RUN = { workflowId: 'order-8', runId: 'run-1' };
const RUN_TAG = `${JOB_TAG_KEY}=order-7/run-1`;

/** Runs `activity` as attempt `attempt` of a step of `run`. */
function attempt<A extends unknown[], R>(number: number, activity: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  return new MockActivityEnvironment({ attempt: number, workflowExecution: RUN }).run(activity, ...args);
}

/** The ClientToken a step named `step` of RUN derives. */
function tokenOf(step: string): Promise<string> {
  return new MockActivityEnvironment({ workflowExecution: RUN }).run(() => Promise.resolve(derivedClientToken(step)));
}

function inRun<A extends unknown[], R>(run: typeof RUN, activity: (...args: A) => Promise<R>, ...args: A) {
  return new MockActivityEnvironment({ attempt: 1, workflowExecution: run }).run(activity, ...args);
}

function fault(action: string, kind: FaultKind['kind'] & ('appliedButLost' | 'drop')) {
  env.emulator.faults.add({ action, kind });
}

/** The emulator's answers to `action`, per code (`OK`, or `appliedButLost` for an answer it never sent). */
function answers(action: string): Record<string, number> {
  return Object.fromEntries(env.emulator.state.calls.get(action) ?? []);
}

const kafkaOrder = () => FAST.kafka('orders').order;
const READ_NOW = { expectedMs: 0, minIntervalMs: 1_000, maxIntervalMs: 5_000 };

describe('Kafka CreatePostPayOrder', () => {
  it('places the order on a first attempt, tagged with the run besides its own tags, without looking first', async () => {
    const order = { ...kafkaOrder(), Tag: [{ Key: 'team', Value: 'data' }] };
    const result = await attempt(1, activities.createPostPayOrder, order);

    const [instance] = env.emulator.state.snapshot().kafka;
    expect(result).toEqual({
      value: { OrderId: instance?.OrderId, InstanceId: undefined, adopted: false },
      calls: 1,
      attempts: 1,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(instance?.Tags).toEqual([
      { Key: 'team', Value: 'data' },
      { Key: JOB_TAG_KEY, Value: 'order-7/run-1' },
    ]);
  });

  it('adopts, on a retry, the instance whose order answer was lost', async () => {
    fault('alikafka:CreatePostPayOrder', 'appliedButLost');
    expect((await rejection(attempt(1, activities.createPostPayOrder, kafkaOrder()))).type).toBe(
      'Transport.ConnectionReset',
    );
    const result = await attempt(2, activities.createPostPayOrder, kafkaOrder());

    const snapshot = env.emulator.state.snapshot();
    const [instance] = snapshot.kafka;
    expect(result).toEqual({
      value: { OrderId: instance?.OrderId, InstanceId: instance?.InstanceId, adopted: true },
      calls: 1,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(snapshot.ordersPerTag[RUN_TAG]).toBe(1);
    expect(snapshot.kafka).toHaveLength(1);
  });

  it("orders on a retry when no instance carries the run's tag (another run's does not count)", async () => {
    await inRun(OTHER_RUN, activities.createPostPayOrder, kafkaOrder());
    const result = await attempt(2, activities.createPostPayOrder, kafkaOrder());

    const snapshot = env.emulator.state.snapshot();
    const mine = snapshot.kafka.find((instance) => instance.Tags.some((tag) => `${tag.Key}=${tag.Value}` === RUN_TAG));
    expect(result).toEqual({
      value: { OrderId: mine?.OrderId, InstanceId: undefined, adopted: false },
      calls: 2,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(snapshot.kafka).toHaveLength(2);
  });
});

describe('Kafka: finding the instance an order made', () => {
  it('finds it by OrderId, or by the run tag when the order answer was lost', async () => {
    await inRun(OTHER_RUN, activities.createPostPayOrder, kafkaOrder());
    const ordered = await attempt(1, activities.createPostPayOrder, kafkaOrder());
    const mine = env.emulator.state.snapshot().kafka.find((instance) => instance.OrderId === ordered.value.OrderId);
    const expected = { InstanceId: mine?.InstanceId, OrderId: mine?.OrderId, ServiceStatus: 0 };
    const look = { RegionId: 'cn-hangzhou', policy: READ_NOW, startedAt: Date.now() };

    expect((await attempt(1, activities.findKafkaInstance, { ...look, OrderId: ordered.value.OrderId })).value).toEqual(
      expected,
    );
    expect((await attempt(1, activities.findKafkaInstance, look)).value).toEqual(expected);
  });

  it('is not ready while no instance is listed, and looks again after the policy delay', async () => {
    const failure = await rejection(
      attempt(1, activities.findKafkaInstance, { RegionId: 'cn-hangzhou', policy: READ_NOW, startedAt: Date.now() }),
    );
    expect([failure.type, failure.message, failure.nextRetryDelay]).toEqual([
      'NotReady',
      'the order has no instance yet',
      1_000,
    ]);
  });
});

describe('Kafka StartInstance', () => {
  async function orderedInstance() {
    await attempt(1, activities.createPostPayOrder, kafkaOrder());
    const instance = env.emulator.state.snapshot().kafka.at(-1);
    return { ...FAST.kafka('orders').deploy, RegionId: 'cn-hangzhou', InstanceId: instance!.InstanceId };
  }

  it('deploys on a first attempt without looking first', async () => {
    const request = await orderedInstance();
    expect(await attempt(1, activities.startKafkaInstance, request)).toEqual({
      value: { alreadyStarted: false },
      calls: 1,
      attempts: 1,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(answers('alikafka:StartInstance')).toEqual({ OK: 1 });
  });

  it('stops at the look on a retry whose first attempt got through', async () => {
    const request = await orderedInstance();
    fault('alikafka:StartInstance', 'appliedButLost');
    await rejection(attempt(1, activities.startKafkaInstance, request));
    expect(await attempt(2, activities.startKafkaInstance, request)).toEqual({
      value: { alreadyStarted: true },
      calls: 1,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(answers('alikafka:StartInstance')).toEqual({ appliedButLost: 1 });
  });

  it('deploys on a retry whose first attempt never arrived, whatever other instances do', async () => {
    await inRun(OTHER_RUN, activities.createPostPayOrder, kafkaOrder());
    const [other] = env.emulator.state.snapshot().kafka;
    await inRun(OTHER_RUN, activities.startKafkaInstance, {
      ...FAST.kafka('orders').deploy,
      RegionId: 'cn-hangzhou',
      InstanceId: other!.InstanceId,
    });
    const request = await orderedInstance();
    fault('alikafka:StartInstance', 'drop');
    await rejection(attempt(1, activities.startKafkaInstance, request));
    expect(await attempt(2, activities.startKafkaInstance, request)).toEqual({
      value: { alreadyStarted: false },
      calls: 2,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(answers('alikafka:StartInstance')).toEqual({ dropped: 1, OK: 2 });
  });

  it('lets the API answer for an instance that is not listed', async () => {
    const request = { ...(await orderedInstance()), InstanceId: 'alikafka_post-cn-missing' };
    const failure = await rejection(attempt(2, activities.startKafkaInstance, request));
    expect([failure.type, failure.nonRetryable]).toEqual(['BIZ_INSTANCE_NOT_FOUND', true]);
  });
});

describe('ECS CreateInstance and RenewInstance', () => {
  const ecsRequest = () => FAST.ecs('web').request;

  it('tags the instance with the run that bought it, beside its own tags', async () => {
    const { value } = await attempt(1, activities.createEcsInstance, {
      ...ecsRequest(),
      Tag: [{ Key: 'team', Value: 'web' }],
    });
    const listed = await env.cloud.call<{ Instances: { Instance: { Tags: unknown }[] } } & Record<string, unknown>>(
      'ecs:DescribeInstances',
      { RegionId: ecsRequest().RegionId, InstanceIds: [value.InstanceId] },
    );
    expect(listed.Instances.Instance[0]?.Tags).toEqual({
      Tag: [
        { TagKey: 'team', TagValue: 'web' },
        { TagKey: JOB_TAG_KEY, TagValue: 'order-7/run-1' },
      ],
    });
  });

  it('sends a ClientToken derived from the run, so a retry after a lost answer gets the same instance', async () => {
    fault('ecs:CreateInstance', 'appliedButLost');
    await rejection(attempt(1, activities.createEcsInstance, ecsRequest()));
    const result = await attempt(2, activities.createEcsInstance, ecsRequest());

    const [instance] = env.emulator.state.snapshot().ecs;
    expect(env.emulator.state.snapshot().ecs).toHaveLength(1);
    expect(result.value).toEqual({
      InstanceId: instance?.InstanceId,
      OrderId: undefined,
      ClientToken: instance?.ClientToken,
    });
    expect(result.value.ClientToken).toBe(await tokenOf('CreateInstance'));
  });

  it("keeps the request's own ClientToken", async () => {
    const result = await attempt(1, activities.createEcsInstance, { ...ecsRequest(), ClientToken: 'mine-1' });
    expect(result.value.ClientToken).toBe('mine-1');
    expect(env.emulator.state.snapshot().ecs[0]?.ClientToken).toBe('mine-1');
  });

  it('renews once although the answer of the first attempt was lost', async () => {
    const created = await attempt(1, activities.createEcsInstance, {
      ...ecsRequest(),
      InstanceChargeType: 'PrePaid',
      Period: 1,
      PeriodUnit: 'Month',
    });
    const request = { InstanceId: created.value.InstanceId, Period: 1, PeriodUnit: 'Month' as const };
    fault('ecs:RenewInstance', 'appliedButLost');
    await rejection(attempt(1, activities.renewEcsInstance, { request, RegionId: 'cn-hangzhou' }));
    const result = await attempt(2, activities.renewEcsInstance, { request, RegionId: 'cn-hangzhou' });

    expect(result.value.OrderId).toMatch(/^[0-9a-f]{15}$/);
    expect(result.value.ClientToken).toBe(await tokenOf('RenewInstance'));
    expect(env.emulator.state.renewals.get(created.value.InstanceId)).toBe(1);

    const own = await attempt(1, activities.renewEcsInstance, {
      request: { ...request, ClientToken: 'renew-1' },
      RegionId: 'cn-hangzhou',
    });
    expect(own.value.ClientToken).toBe('renew-1');
    expect(env.emulator.state.renewals.get(created.value.InstanceId)).toBe(2);
  });
});

describe('ECS StartInstance', () => {
  /** An instance of the run in `status` (set on the emulator, as if it had got there itself). */
  async function instanceIn(status: string) {
    const created = await attempt(1, activities.createEcsInstance, FAST.ecs('web').request);
    env.emulator.state.ecs.instances.get(created.value.InstanceId)!.status.restart(status, Date.now());
    return { InstanceId: created.value.InstanceId, RegionId: 'cn-hangzhou' };
  }

  it('starts a Stopped instance on a first attempt without looking first', async () => {
    const ref = await instanceIn('Stopped');
    expect(await attempt(1, activities.startEcsInstance, ref)).toEqual({
      value: { alreadyStarted: false },
      calls: 1,
      attempts: 1,
      timeScale: EMULATED_TIME_SCALE,
    });
  });

  it.each(['Starting', 'Running'])('stops at the look on a retry that finds it %s', async (status) => {
    const ref = await instanceIn(status);
    expect(await attempt(2, activities.startEcsInstance, ref)).toEqual({
      value: { alreadyStarted: true },
      calls: 1,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(answers('ecs:StartInstance')).toEqual({});
  });

  it('finds its instance among more than a page (50) of others in the region', async () => {
    const ref = await instanceIn('Running');
    const instances = env.emulator.state.ecs.instances;
    const mine = instances.get(ref.InstanceId)!;
    instances.delete(ref.InstanceId);
    for (let index = 0; index < 50; index++)
      instances.set(`i-other-${index}`, { ...mine, InstanceId: `i-other-${index}` });
    instances.set(ref.InstanceId, mine);
    expect((await attempt(2, activities.startEcsInstance, ref)).value).toEqual({ alreadyStarted: true });
  });

  it('starts on a retry that finds it still Stopped', async () => {
    const ref = await instanceIn('Stopped');
    expect(await attempt(2, activities.startEcsInstance, ref)).toEqual({
      value: { alreadyStarted: false },
      calls: 2,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
  });

  it.each(['Starting', 'Running'])(
    'counts IncorrectInstanceStatus on an instance already %s as started',
    async (status) => {
      const ref = await instanceIn(status);
      expect(await attempt(1, activities.startEcsInstance, ref)).toEqual({
        value: { alreadyStarted: true },
        calls: 2,
        attempts: 1,
        timeScale: EMULATED_TIME_SCALE,
      });
    },
  );

  it('fails with IncorrectInstanceStatus when the instance has not started', async () => {
    const ref = await instanceIn('Stopping');
    const failure = await rejection(attempt(1, activities.startEcsInstance, ref));
    expect([failure.type, (failure.details?.[0] as { calls: number }).calls]).toEqual(['IncorrectInstanceStatus', 2]);
  });

  it('fails with any other error without looking', async () => {
    const ref = await instanceIn('Running');
    env.emulator.faults.add({ action: 'ecs:StartInstance', kind: 'error', code: 'InternalError', httpStatus: 500 });
    const failure = await rejection(attempt(1, activities.startEcsInstance, ref));
    expect([failure.type, (failure.details?.[0] as { calls: number }).calls]).toEqual(['InternalError', 1]);
  });
});

describe('ENS CreateLoadBalancer', () => {
  const lbRequest = () => FAST.loadBalancer('edge').request;

  it('sends a ClientToken derived from the run, so a retry after a lost answer gets the same load balancer', async () => {
    fault('ens:CreateLoadBalancer', 'appliedButLost');
    await rejection(attempt(1, activities.createLoadBalancer, lbRequest()));
    const result = await attempt(2, activities.createLoadBalancer, lbRequest());

    const balancers = env.emulator.state.snapshot().loadBalancers;
    expect(balancers).toHaveLength(1);
    expect(result.value).toEqual({
      LoadBalancerId: balancers[0]?.LoadBalancerId,
      ClientToken: balancers[0]?.ClientToken,
    });
    expect(result.value.ClientToken).toBe(await tokenOf('CreateLoadBalancer'));
  });

  it("keeps the request's own ClientToken", async () => {
    const result = await attempt(1, activities.createLoadBalancer, { ...lbRequest(), ClientToken: 'mine-2' });
    expect(result.value.ClientToken).toBe('mine-2');
    expect(env.emulator.state.snapshot().loadBalancers[0]?.ClientToken).toBe('mine-2');
  });

  it('counts a release whose answer was lost as done on the retry, which finds the load balancer gone', async () => {
    const { value } = await attempt(1, activities.createLoadBalancer, lbRequest());
    fault('ens:ReleaseInstance', 'appliedButLost');
    expect((await rejection(attempt(1, activities.releaseLoadBalancer, value))).type).toBe('Transport.ConnectionReset');
    expect(await attempt(2, activities.releaseLoadBalancer, value)).toEqual({
      value: { released: true },
      calls: 1,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect([env.emulator.state.snapshot().loadBalancers, answers('ens:ReleaseInstance')]).toEqual([
      [],
      { appliedButLost: 1 },
    ]);
  });
  it('releases a load balancer it finds, looking once and releasing once', async () => {
    const { value } = await attempt(1, activities.createLoadBalancer, lbRequest());
    expect(await attempt(1, activities.releaseLoadBalancer, value)).toEqual({
      value: { released: true },
      calls: 2,
      attempts: 1,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect([env.emulator.state.snapshot().loadBalancers, answers('ens:ReleaseInstance')]).toEqual([[], { OK: 1 }]);
  });

  it('does not take a failed look for a load balancer gone: the error stands and nothing is released', async () => {
    const { value } = await attempt(1, activities.createLoadBalancer, lbRequest());
    env.emulator.faults.add({
      action: 'ens:DescribeLoadBalancerAttribute',
      kind: 'error',
      code: 'InternalError',
      httpStatus: 500,
    });
    expect((await rejection(attempt(1, activities.releaseLoadBalancer, value))).type).toBe('InternalError');
    expect([env.emulator.state.snapshot().loadBalancers.length, answers('ens:ReleaseInstance')]).toEqual([1, {}]);
  });
});

describe('ENS RenewARMServerInstance', () => {
  async function server() {
    const [InstanceId] = env.emulator.seedArmServers({
      count: 1,
      expiresFrom: Date.UTC(2027, 4, 7),
      expiresWithinMs: 0,
    });
    const before = await attempt(1, activities.describeArmServerExpiry, { InstanceId: InstanceId! });
    return {
      request: { InstanceId: InstanceId!, Period: 1, PeriodUnit: 'Month' as const },
      expiredTimeBefore: before.value.ExpiredTime,
    };
  }

  it('renews on a first attempt without looking first', async () => {
    const input = await server();
    expect(await attempt(1, activities.renewArmServerInstance, input)).toEqual({
      value: { alreadyRenewed: false },
      calls: 1,
      attempts: 1,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(env.emulator.state.renewals.get(input.request.InstanceId)).toBe(1);
  });

  it('stops at the look on a retry that sees ExpiredTime moved', async () => {
    const input = await server();
    fault('ens:RenewARMServerInstance', 'appliedButLost');
    await rejection(attempt(1, activities.renewArmServerInstance, input));
    expect(await attempt(2, activities.renewArmServerInstance, input)).toEqual({
      value: { alreadyRenewed: true },
      calls: 1,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(env.emulator.state.renewals.get(input.request.InstanceId)).toBe(1);
  });

  it('renews on a retry whose first attempt never arrived', async () => {
    const input = await server();
    fault('ens:RenewARMServerInstance', 'drop');
    await rejection(attempt(1, activities.renewArmServerInstance, input));
    expect(await attempt(2, activities.renewArmServerInstance, input)).toEqual({
      value: { alreadyRenewed: false },
      calls: 2,
      attempts: 2,
      timeScale: EMULATED_TIME_SCALE,
    });
    expect(env.emulator.state.renewals.get(input.request.InstanceId)).toBe(1);
  });

  it('reads its server among more than a page (100) of others', async () => {
    env.emulator.seedArmServers({ count: 100, expiresFrom: Date.UTC(2027, 4, 7), expiresWithinMs: 0 });
    const input = await server();
    expect((await attempt(2, activities.renewArmServerInstance, input)).value).toEqual({ alreadyRenewed: false });
    expect(env.emulator.state.renewals.get(input.request.InstanceId)).toBe(1);
  });

  it('fails for good on a retry for a server that does not exist', async () => {
    const input = await server();
    const missing = { ...input, request: { ...input.request, InstanceId: 'cas-missing' } };
    const failure = await rejection(attempt(2, activities.renewArmServerInstance, missing));
    expect([failure.type, failure.message, failure.nonRetryable]).toEqual([
      'InvalidParameter.InstanceId',
      'ENS ARM server cas-missing does not exist',
      true,
    ]);
  });
});
