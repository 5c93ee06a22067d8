import { startJob } from '../../src/starters';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { FAST, withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());

describe('the happy path of each workflow (real Temporal server, emulator over HTTP)', () => {
  it('provisionEcsInstance creates, starts and reports a Running instance', async () => {
    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'provisionEcsInstance', FAST.ecs('web-happy'), { taskQueue })).result(),
    );

    const instance = env.emulator.state.snapshot().ecs.find((entry) => entry.InstanceId === result.InstanceId);
    expect(result).toMatchObject({
      RegionId: 'cn-hangzhou',
      Status: 'Running',
      ClientToken: expect.stringMatching(/^ap-/) as unknown,
    });
    expect(instance).toMatchObject({ Status: 'Running', ClientToken: result.ClientToken });
    // DryRun, CreateInstance, StartInstance, and at least one status read per wait.
    expect(result.apiCalls).toBeGreaterThanOrEqual(5);
  });

  it('provisionEcsInstance with start: false leaves the instance Stopped', async () => {
    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (
        await startJob(client, 'provisionEcsInstance', { ...FAST.ecs('web-stopped'), start: false }, { taskQueue })
      ).result(),
    );

    expect(result.Status).toBe('Stopped');
    expect(env.emulator.state.ecs.instances.get(result.InstanceId)?.status.at(Date.now())).toBe('Stopped');
  });

  it('provisionKafkaInstance orders, finds, deploys and waits for ServiceStatus 5', async () => {
    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'provisionKafkaInstance', FAST.kafka('orders-happy'), { taskQueue })).result(),
    );

    const instance = env.emulator.state.kafka.instances.get(result.InstanceId);
    expect(result).toMatchObject({ ServiceStatus: 5, adoptedOrder: false, OrderId: instance?.OrderId });
    expect(instance?.deploy?.Name).toBe('orders-happy');
  });

  it('provisionEnsLoadBalancer creates a load balancer and waits until Active', async () => {
    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'provisionEnsLoadBalancer', FAST.loadBalancer('edge-happy'), { taskQueue })).result(),
    );

    expect(result.LoadBalancerStatus).toBe('Active');
    expect(env.emulator.state.ens.loadBalancers.get(result.LoadBalancerId)?.status.at(Date.now())).toBe('Active');
  });

  it('renewArmServerInstance moves ExpiredTime by the period, once', async () => {
    const [server] = env.emulator.seedArmServers({
      count: 1,
      expiresFrom: Date.UTC(2027, 4, 7, 11, 59, 9),
      expiresWithinMs: 0,
    });

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (
        await startJob(
          client,
          'renewArmServerInstance',
          { request: { InstanceId: server!, Period: 2, PeriodUnit: 'Month' } },
          { taskQueue },
        )
      ).result(),
    );

    expect(result).toMatchObject({
      InstanceId: server,
      ExpiredTimeBefore: '2027-05-07 11:59:09',
      ExpiredTimeAfter: '2027-07-07 11:59:09',
      alreadyRenewed: false,
    });
    expect(env.emulator.state.renewals.get(server!)).toBe(1);
  });

  it('renewEcsInstance renews a subscription instance by the period, once', async () => {
    const created = await env.cloud.call('ecs:CreateInstance', {
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'img',
      InstanceChargeType: 'PrePaid',
      Period: 1,
    });
    const InstanceId = created.InstanceId as string;

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (
        await startJob(
          client,
          'renewEcsInstance',
          { RegionId: 'cn-hangzhou', request: { InstanceId, Period: 3, PeriodUnit: 'Month' } },
          { taskQueue },
        )
      ).result(),
    );

    const months = (time: string) => new Date(time).getUTCFullYear() * 12 + new Date(time).getUTCMonth();
    expect(months(result.ExpiredTimeAfter) - months(result.ExpiredTimeBefore)).toBe(3);
    expect(env.emulator.state.renewals.get(InstanceId)).toBe(1);
  });
});
