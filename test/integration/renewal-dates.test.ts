import { startJob } from '../../src/starters';
import { startEmulatedCloud, subscriptionEcsInstance, type EmulatedCloud } from '../helpers/emulator';
import { withCloudWorker } from '../helpers/provisioning';

// The new ExpiredTime each renewal workflow reports, written out by hand: the workflows confirm a renewal with
// the same period arithmetic the emulator uses to make it, so only a literal date can catch a shared mistake.

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());

describe('renewals move ExpiredTime to the date written out by hand (real workflow, worker and emulator)', () => {
  it('renewArmServerInstance renews Jan 31 2027 11:59:09 by 2 Years to 2029-01-31 11:59:09', async () => {
    const [server] = env.emulator.seedArmServers({
      count: 1,
      expiresFrom: Date.UTC(2027, 0, 31, 11, 59, 9),
      expiresWithinMs: 0,
    });

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (
        await startJob(
          client,
          'renewArmServerInstance',
          { request: { InstanceId: server!, Period: 2, PeriodUnit: 'Year' } },
          { taskQueue },
        )
      ).result(),
    );

    expect(result).toMatchObject({
      InstanceId: server,
      ExpiredTimeBefore: '2027-01-31 11:59:09',
      ExpiredTimeAfter: '2029-01-31 11:59:09',
      alreadyRenewed: false,
    });
    expect(env.emulator.state.ens.armServers.get(server!)!.ExpiredTime).toBe(Date.UTC(2029, 0, 31, 11, 59, 9));
    expect(env.emulator.state.renewals.get(server!)).toBe(1);
  });

  it('renewEcsInstance renews Jan 31 2027 15:59 by 1 Month to the month end, 2027-02-28T15:59Z', async () => {
    const InstanceId = await subscriptionEcsInstance(env, Date.UTC(2027, 0, 31, 15, 59));

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (
        await startJob(
          client,
          'renewEcsInstance',
          { RegionId: 'cn-hangzhou', request: { InstanceId, Period: 1, PeriodUnit: 'Month' } },
          { taskQueue },
        )
      ).result(),
    );

    expect(result).toMatchObject({
      InstanceId,
      ExpiredTimeBefore: '2027-01-31T15:59Z',
      ExpiredTimeAfter: '2027-02-28T15:59Z',
      alreadyRenewed: false,
    });
    expect(env.emulator.state.ecs.instances.get(InstanceId)!.ExpiredTime).toBe(Date.UTC(2027, 1, 28, 15, 59));
    expect(env.emulator.state.renewals.get(InstanceId)).toBe(1);
  });
});
