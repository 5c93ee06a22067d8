import { ApiError } from '../../src/emulator/api-error';
import { kafkaApi } from '../../src/emulator/products/kafka';
import { EcsState } from '../../src/emulator/state/ecs';
import { EnsState } from '../../src/emulator/state/ens';
import { KafkaState, type KafkaInstance } from '../../src/emulator/state/kafka';
import { EmulatorState, REALISTIC_DURATIONS } from '../../src/emulator/store';
import { Timeline } from '../../src/emulator/timeline';

function newState(timeScale = 1) {
  return new EmulatorState({ timeScale, durations: REALISTIC_DURATIONS, rateLimits: {}, kafkaDeployFails: false });
}

describe('Timeline', () => {
  it('holds the initial status until the first later step begins, and each step from its time on', () => {
    const timeline = new Timeline('Pending', 100).then('Stopped', 200).then('Running', 300);
    expect([50, 100, 199, 200, 299, 300, 1_000].map((now) => timeline.at(now))).toEqual([
      'Pending',
      'Pending',
      'Pending',
      'Stopped',
      'Stopped',
      'Running',
      'Running',
    ]);
  });

  it('tells when the last step into a status began, future ones included', () => {
    const timeline = new Timeline('Stopped', 100).then('Running', 200).then('Stopped', 300).then('Running', 400);
    expect([timeline.since('Stopped'), timeline.since('Running'), timeline.since('Deleted')]).toEqual([
      300,
      400,
      undefined,
    ]);
  });

  it('restarts at `now`: the steps after it are dropped, those up to it kept', () => {
    const timeline = new Timeline('Stopped', 100).then('Starting', 200).then('Running', 300);
    timeline.restart('Stopping', 200).then('Stopped', 250);
    expect([150, 200, 249, 250, 300].map((now) => timeline.at(now))).toEqual([
      'Stopped',
      'Stopping',
      'Stopping',
      'Stopped',
      'Stopped',
    ]);
    expect([timeline.since('Starting'), timeline.since('Running')]).toEqual([200, undefined]);
  });
});

describe('product slices', () => {
  it('empties each on reset, and only itself', () => {
    const [ecs, ens, kafka] = [new EcsState(), new EnsState(), new KafkaState()];
    ecs.instances.set('i-1', {} as never);
    ens.loadBalancers.set('lb-1', {} as never);
    ens.armServers.set('cas-1', {} as never);
    kafka.instances.set('k-1', {} as never);

    ens.reset();
    expect([ecs.instances.size, ens.loadBalancers.size, ens.armServers.size, kafka.instances.size]).toEqual([
      1, 0, 0, 1,
    ]);
    ecs.reset();
    kafka.reset();
    expect([ecs.instances.size, kafka.instances.size]).toEqual([0, 0]);
  });

  it('gives every Kafka order an OrderId of its own, a number, across resets', () => {
    // A job finds its instance by OrderId: two orders sharing one made a job deploy another's instance.
    const state = newState();
    const order = { RegionId: 'cn-hangzhou', DeployType: '5' };
    const place = () =>
      String(kafkaApi.actions.CreatePostPayOrder({ params: order, accessKeyId: 'k', state, now: 0 }).OrderId);
    const before = Array.from({ length: 5_000 }, place);
    state.reset();
    const after = Array.from({ length: 5_000 }, place);

    expect(new Set([...before, ...after]).size).toBe(10_000);
    expect([...before, ...after].every((id) => /^\d+$/.test(id))).toBe(true);
  });
});

describe('EmulatorState', () => {
  it('scales each duration, rounded to the millisecond', () => {
    expect(newState(0.001).duration('kafkaDeployMs')).toBe(1_200);
    expect(newState(0.0001).duration('ecsStartMs')).toBe(2);
    expect(newState(0.00003).duration('ecsStartMs')).toBe(1);
  });

  it('makes ids of the prefix and `length` hex characters (20 unless given), each new', () => {
    const state = newState();
    expect(state.newId('i-')).toMatch(/^i-[0-9a-f]{20}$/);
    expect(state.newId('cas-', 24)).toMatch(/^cas-[0-9a-f]{24}$/);
    expect(state.newId('i-')).not.toBe(state.newId('i-'));
  });

  it('counts calls per action and code, and the window of the OK ones', () => {
    const state = newState();
    state.countCall('ecs:StartInstance', 'Throttling.User', 500);
    state.countCall('ecs:StartInstance', 'OK', 1_000);
    state.countCall('ecs:StartInstance', 'OK', 2_000);
    state.countCall('ecs:StartInstance', 'Throttling.User', 2_500);
    state.countCall('ens:CreateLoadBalancer', 'OK', 3_000);
    state.countRenewal('i-1');
    state.countRenewal('i-1');
    state.countRenewal('cas-1');

    expect(state.snapshot()).toMatchObject({
      calls: { 'ecs:StartInstance': { OK: 2, 'Throttling.User': 2 }, 'ens:CreateLoadBalancer': { OK: 1 } },
      okCallWindows: {
        'ecs:StartInstance': { first: 1_000, last: 2_000 },
        'ens:CreateLoadBalancer': { first: 3_000, last: 3_000 },
      },
      renewals: { 'i-1': 2, 'cas-1': 1 },
    });
  });

  it('stamps a call with the current time unless told otherwise', () => {
    const state = newState();
    const before = Date.now();
    state.countCall('ecs:StartInstance', 'OK');
    const window = state.okCallWindows.get('ecs:StartInstance');
    expect(window?.first).toBe(window?.last);
    expect(window!.first).toBeGreaterThanOrEqual(before);
    expect(window!.first).toBeLessThanOrEqual(Date.now());
  });

  describe('ClientToken idempotency', () => {
    const request = { ClientToken: 'token-1', Action: 'CreateInstance', RegionId: 'cn-hangzhou', InstanceType: 'a' };

    it('answers a repeated request with the first answer, without running it again', () => {
      const state = newState();
      let runs = 0;
      const create = () => ({ InstanceId: `i-${++runs}` });
      const first = state.idempotent('key-1', 'ecs:CreateInstance', request, create);
      // The parameters that differ between two sends of the same request do not make it another one.
      const again = state.idempotent(
        'key-1',
        'ecs:CreateInstance',
        { ...request, Action: 'createinstance', Version: '2014-05-26', RegionId: 'cn-beijing' },
        create,
      );
      expect([first, again, runs]).toEqual([{ InstanceId: 'i-1' }, { InstanceId: 'i-1' }, 1]);
    });

    it('answers the same token with other parameters IdempotentParameterMismatch', () => {
      const state = newState();
      state.idempotent('key-1', 'ecs:CreateInstance', request, () => ({ InstanceId: 'i-1' }));
      const mismatch = () =>
        state.idempotent('key-1', 'ecs:CreateInstance', { ...request, InstanceType: 'b' }, () => ({}));
      let refusal: unknown;
      try {
        mismatch();
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(ApiError);
      expect(refusal).toMatchObject({
        code: 'IdempotentParameterMismatch',
        message: 'The ClientToken was used before with different parameters.',
        httpStatus: 400,
      });
    });

    it('does not mistake parameters given in another order for other parameters', () => {
      const state = newState();
      state.idempotent('key-1', 'ecs:CreateInstance', { ClientToken: 't', A: '1', B: '2' }, () => ({ id: 1 }));
      expect(state.idempotent('key-1', 'ecs:CreateInstance', { B: '2', ClientToken: 't', A: '1' }, () => ({}))).toEqual(
        { id: 1 },
      );
    });

    it('keeps tokens apart per AccessKey and per action, and runs every request without a token', () => {
      const state = newState();
      let runs = 0;
      const create = () => ({ run: ++runs });
      state.idempotent('key-1', 'ecs:CreateInstance', request, create);
      expect(state.idempotent('key-2', 'ecs:CreateInstance', request, create)).toEqual({ run: 2 });
      expect(state.idempotent('key-1', 'ecs:RenewInstance', request, create)).toEqual({ run: 3 });
      const untokened = { Action: request.Action, RegionId: request.RegionId, InstanceType: request.InstanceType };
      expect(state.idempotent('key-1', 'ecs:CreateInstance', untokened, create)).toEqual({ run: 4 });
      expect(state.idempotent('key-1', 'ecs:CreateInstance', untokened, create)).toEqual({ run: 5 });
      expect(state.idempotent('key-1', 'ecs:CreateInstance', { ...untokened, ClientToken: '' }, create)).toEqual({
        run: 6,
      });
    });
  });

  it('shows every resource in its current state in the snapshot, with the orders per tag', () => {
    const state = newState();
    const kafka = (id: string, tags: KafkaInstance['Tags']): KafkaInstance => ({
      InstanceId: id,
      OrderId: `order-${id}`,
      RegionId: 'cn-hangzhou',
      Tags: tags,
      order: {},
      deploy: undefined,
      serviceStatus: new Timeline(0, 100).then(5, 200),
      CreateTime: 100,
      deleted: false,
    });
    state.kafka.instances.set('k-1', kafka('k-1', [{ Key: 'run', Value: 'a' }]));
    state.kafka.instances.set('k-2', {
      ...kafka('k-2', [
        { Key: 'run', Value: 'a' },
        { Key: 'team', Value: 'data' },
      ]),
      deleted: true,
    });
    state.ecs.instances.set('i-1', {
      InstanceId: 'i-1',
      RegionId: 'cn-hangzhou',
      request: { InstanceName: 'web', ClientToken: 'token-1' },
      status: new Timeline('Pending', 100).then('Running', 300),
      InstanceChargeType: 'PrePaid',
      ExpiredTime: Date.UTC(2027, 4, 7, 11, 59),
      CreationTime: 100,
    });
    state.ens.loadBalancers.set('lb-1', {
      LoadBalancerId: 'lb-1',
      request: { LoadBalancerName: 'edge', ClientToken: 'token-2' },
      status: new Timeline('Unavailable', 100).then('Active', 400),
      CreateTime: 100,
    });
    state.ens.armServers.set('cas-1', {
      ServerId: 'cas-1',
      EnsRegionId: 'cn-hangzhou-telecom',
      SpecName: 'cas.cf2.xlarge',
      PayType: 'PrePaid',
      State: 'success',
      Status: 'running',
      CreationTime: 100,
      ExpiredTime: Date.UTC(2027, 4, 7, 11, 59, 9),
    });

    expect(state.snapshot(250)).toEqual({
      kafka: [
        {
          InstanceId: 'k-1',
          OrderId: 'order-k-1',
          RegionId: 'cn-hangzhou',
          ServiceStatus: 5,
          readyAt: 200,
          Tags: [{ Key: 'run', Value: 'a' }],
          deleted: false,
        },
        {
          InstanceId: 'k-2',
          OrderId: 'order-k-2',
          RegionId: 'cn-hangzhou',
          ServiceStatus: 5,
          readyAt: 200,
          Tags: [
            { Key: 'run', Value: 'a' },
            { Key: 'team', Value: 'data' },
          ],
          deleted: true,
        },
      ],
      ecs: [
        {
          InstanceId: 'i-1',
          InstanceName: 'web',
          RegionId: 'cn-hangzhou',
          Status: 'Pending',
          readyAt: 300,
          InstanceChargeType: 'PrePaid',
          ExpiredTime: '2027-05-07T11:59:00.000Z',
          ClientToken: 'token-1',
        },
      ],
      loadBalancers: [
        {
          LoadBalancerId: 'lb-1',
          LoadBalancerName: 'edge',
          LoadBalancerStatus: 'Unavailable',
          readyAt: 400,
          ClientToken: 'token-2',
        },
      ],
      armServers: [{ ServerId: 'cas-1', ExpiredTime: '2027-05-07T11:59:09.000Z' }],
      ordersPerTag: { 'run=a': 2, 'team=data': 1 },
      calls: {},
      okCallWindows: {},
      renewals: {},
    });
    expect(state.snapshot(450).loadBalancers[0]?.LoadBalancerStatus).toBe('Active');
  });

  it('forgets every resource, counter and ClientToken on reset', () => {
    const state = newState();
    state.kafka.instances.set('k-1', {} as KafkaInstance);
    state.ecs.instances.set('i-1', {} as never);
    state.ens.loadBalancers.set('lb-1', {} as never);
    state.ens.armServers.set('cas-1', {} as never);
    state.countCall('ecs:StartInstance', 'OK');
    state.countRenewal('i-1');
    state.idempotent('key-1', 'ecs:CreateInstance', { ClientToken: 't', A: '1' }, () => ({ run: 1 }));

    state.reset();
    expect(state.snapshot()).toEqual({
      kafka: [],
      ecs: [],
      loadBalancers: [],
      armServers: [],
      ordersPerTag: {},
      calls: {},
      okCallWindows: {},
      renewals: {},
    });
    // The token is free again: the same request with other parameters runs.
    expect(state.idempotent('key-1', 'ecs:CreateInstance', { ClientToken: 't', A: '2' }, () => ({ run: 2 }))).toEqual({
      run: 2,
    });
  });
});
