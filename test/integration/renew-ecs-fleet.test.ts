/**
 * The ECS fleet renewal against the emulator on the dev server: every page of every region it is
 * given, each expiring subscription renewed exactly once per expiry (the emulator's renewal counts),
 * through lost answers and a storm of faults.
 */
import { InvalidRequestError, startJob } from '../../src/starters';
import { ecsFleetRenewalId, type RenewEcsFleetInput } from '../../src/workflows/renew-ecs-fleet';
import type { EcsInstanceSeed } from '../../src/emulator/products/ecs';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { withCloudWorker } from '../helpers/provisioning';

const DAY = 24 * 3_600_000;

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());
beforeEach(() => env.emulator.reset());

const monthly = (settings: Partial<RenewEcsFleetInput> = {}): RenewEcsFleetInput => ({
  regions: ['cn-hangzhou', 'cn-shanghai'],
  window: '7d',
  renewal: { Period: 1, PeriodUnit: 'Month' },
  concurrency: 4,
  ...settings,
});

function seed(
  RegionId: string,
  count: number,
  fromDays: number,
  overDays: number,
  more: Partial<EcsInstanceSeed> = {},
) {
  const now = Date.now();
  return env.emulator.seedEcsInstances({
    RegionId,
    count,
    expiresFrom: now + fromDays * DAY,
    expiresWithinMs: overDays * DAY,
    ...more,
  });
}

/**
 * Two regions of several pages each (MaxResults 100): far-off subscriptions, pay-as-you-go instances
 * (which the listing leaves out), and the expiring ones, last. A third region has expiring ones too,
 * which a fleet of the first two must leave alone. Returns the expiring ids of the two regions.
 */
function seedRegions(): { expiring: string[]; elsewhere: string[] } {
  const expiring: string[] = [];
  for (const [RegionId, far, soon] of [
    ['cn-hangzhou', 150, 5],
    ['cn-shanghai', 120, 4],
  ] as const) {
    seed(RegionId, far, 60, 30);
    seed(RegionId, 3, 1, 1, { InstanceChargeType: 'PostPaid' });
    expiring.push(...seed(RegionId, soon, 1, 5));
  }
  return { expiring, elsewhere: seed('cn-beijing', 2, 1, 1) };
}

const renewals = () => env.emulator.state.snapshot().renewals;
const once = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 1]));
const calls = (action: string) => env.emulator.state.snapshot().calls[action] ?? {};

async function runFleet(input: RenewEcsFleetInput, workflowId?: string) {
  return withCloudWorker(env, async ({ client, taskQueue }) =>
    (await startJob(client, 'renewEcsFleet', input, { taskQueue, workflowId })).result(),
  );
}

describe('renewEcsFleet', () => {
  it('lists every page of each region, renews each expiring subscription once through a lost answer, and continues as new', async () => {
    const { expiring } = seedRegions();
    // The first renewal's answer is lost after it was applied: its retry, with the same ClientToken, is the same renewal.
    env.emulator.faults.add({ action: 'ecs:RenewInstance', kind: 'appliedButLost' });

    const result = await runFleet(
      monthly({ regions: ['cn-hangzhou', 'cn-shanghai', 'cn-qingdao'], renewalsPerRun: 4 }),
    );

    expect(result).toMatchObject({ listed: 279, expiring: 9, renewed: 9, skipped: 0, failed: 0, runs: 3 });
    expect(renewals()).toEqual(once(expiring));
    // The listing's pages (two in each region of more than 100 instances, one, empty, in the region with
    // none), and each renewal's two looks at its instance (ExpiredTime before and after).
    expect(calls('ecs:DescribeInstances')).toEqual({ OK: 5 + 2 * 9 });
    expect(calls('ecs:RenewInstance')).toEqual({ OK: 9, appliedButLost: 1 });
  });

  it('renews each once under a storm of throttling, server errors, resets and lost answers', async () => {
    const { expiring } = seedRegions();
    env.emulator.faults.setStorm({
      seed: 17,
      actions: ['ecs:DescribeInstances', 'ecs:RenewInstance'],
      rates: { throttling: 0.2, serverError: 0.1, reset: 0.05, appliedButLost: 0.1 },
    });

    const result = await runFleet(monthly());

    expect(result).toMatchObject({ listed: 279, expiring: 9, renewed: 9, failed: 0 });
    expect(renewals()).toEqual(once(expiring));
    // The storm hit both the listing and the renewals.
    const faults = (action: string) => Object.keys(calls(action)).filter((code) => code !== 'OK');
    expect([faults('ecs:DescribeInstances').length > 0, faults('ecs:RenewInstance').length > 0]).toEqual([true, true]);
  });

  it('skips, on a second run, what the first renewed when the listing still shows the old expiry', async () => {
    const expiring = seed('cn-hangzhou', 3, 1, 5);
    const before = new Map(expiring.map((id) => [id, env.emulator.state.ecs.instances.get(id)!.ExpiredTime]));
    const input = monthly({ regions: ['cn-hangzhou'] });

    const first = await runFleet(input, `ecs-fleet-first-${Date.now()}`);
    for (const [id, expiredTime] of before) env.emulator.state.ecs.instances.get(id)!.ExpiredTime = expiredTime;
    const second = await runFleet(input, `ecs-fleet-second-${Date.now()}`);

    expect(first).toMatchObject({ renewed: 3, skipped: 0 });
    expect(second).toMatchObject({ expiring: 3, renewed: 0, skipped: 3, failed: 0 });
    for (const skip of second.skips) {
      expect(skip.reason).toBe(`renewal ${ecsFleetRenewalId(skip)} already ran or is running`);
    }
    expect(second.skips.map((skip) => skip.InstanceId).sort()).toEqual([...expiring].sort());
    expect(renewals()).toEqual(once(expiring));
  });

  it('renews only the instances the tag filter selects, and counts a failed renewal by its code', async () => {
    const tagged = seed('cn-hangzhou', 3, 1, 2, { Tag: [{ Key: 'team', Value: 'web' }] });
    seed('cn-hangzhou', 2, 1, 2, { Tag: [{ Key: 'team', Value: 'data' }] });
    env.emulator.faults.add({
      action: 'ecs:RenewInstance',
      kind: 'error',
      code: 'InvalidInstance.UnPaidOrder',
      httpStatus: 400,
    });

    const result = await runFleet(
      monthly({ regions: ['cn-hangzhou'], concurrency: 1, filters: { Tag: [{ Key: 'team', Value: 'web' }] } }),
    );

    expect(result).toMatchObject({
      listed: 3,
      renewed: 2,
      failed: 1,
      failedByCode: { 'InvalidInstance.UnPaidOrder': 1 },
    });
    expect(result.failures).toEqual([
      expect.objectContaining({ InstanceId: tagged[0], RegionId: 'cn-hangzhou', code: 'InvalidInstance.UnPaidOrder' }),
    ]);
    expect(renewals()).toEqual(once(tagged.slice(1)));
  });

  it('refuses bad regions, filters and a window as long as the period before it starts anything', async () => {
    const error = await runFleet(
      monthly({
        regions: ['cn-hangzhou', 'cn-hangzhou'],
        window: '30d',
        filters: { Status: 'Sleeping', Tag: [{ Key: '' }] },
      }),
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues.map((issue) => [issue.action, issue.path])).toEqual([
      ['renewEcsFleet', 'window'],
      ['renewEcsFleet', 'regions'],
      ['renewEcsFleet', 'filters.Status'],
      ['renewEcsFleet', 'filters.Tag'],
    ]);
    expect(env.emulator.state.snapshot().calls).toEqual({});
  });
});
