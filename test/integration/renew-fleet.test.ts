import { InvalidRequestError, startJob } from '../../src/starters';
import { ensTime } from '../../src/emulator/products/ens';
import { fleetRenewalId, type RenewFleetInput } from '../../src/workflows/renew-fleet';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { withCloudWorker } from '../helpers/provisioning';

const DAY = 24 * 3_600_000;

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());
beforeEach(() => env.emulator.state.reset());

const monthly = (settings: Partial<RenewFleetInput> = {}): RenewFleetInput => ({
  window: '7d',
  renewal: { Period: 1, PeriodUnit: 'Month' },
  concurrency: 3,
  ...settings,
});

/** 250 servers that expire in 60 to 90 days, then `count` that expire within the next 6 days. */
function seedFleet(count: number): string[] {
  const now = Date.now();
  env.emulator.seedArmServers({ count: 250, expiresFrom: now + 60 * DAY, expiresWithinMs: 30 * DAY });
  env.emulator.seedArmServers({ count: 2, expiresFrom: now + DAY, expiresWithinMs: DAY, PayType: 'PostPaid' });
  return env.emulator.seedArmServers({ count, expiresFrom: now + DAY, expiresWithinMs: 5 * DAY });
}

function renewalsByServer(): Record<string, number> {
  return env.emulator.state.snapshot().renewals;
}

describe('renewFleet', () => {
  it('lists every page, renews each expiring subscription server once, and continues as new', async () => {
    const expiring = seedFleet(7);

    const result = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handle = await startJob(client, 'renewFleet', monthly({ renewalsPerRun: 3 }), { taskQueue });
      return handle.result();
    });

    expect(result).toMatchObject({ listed: 259, expiring: 7, renewed: 7, skipped: 0, failed: 0, runs: 3 });
    expect(renewalsByServer()).toEqual(Object.fromEntries(expiring.map((id) => [id, 1])));
    // Three pages of 100: the servers that expire soon are on the last one.
    expect(env.emulator.state.snapshot().calls['ens:DescribeARMServerInstances']?.OK).toBeGreaterThanOrEqual(3);
  });

  it('skips a server whose renewal under the same business key already ran', async () => {
    const expiring = seedFleet(4);
    const before = new Map(expiring.map((id) => [id, env.emulator.state.ens.armServers.get(id)!.ExpiredTime]));

    const [first, second] = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const run = async (workflowId: string) =>
        (await startJob(client, 'renewFleet', monthly(), { taskQueue, workflowId })).result();
      const first = await run(`fleet-first-${Date.now()}`);
      // A listing that lags: the servers show the ExpiredTime they had before the renewal.
      for (const [id, expiredTime] of before) env.emulator.state.ens.armServers.get(id)!.ExpiredTime = expiredTime;
      return [first, await run(`fleet-second-${Date.now()}`)];
    });

    expect(first).toMatchObject({ renewed: 4, skipped: 0 });
    expect(second).toMatchObject({ expiring: 4, renewed: 0, skipped: 4, failed: 0 });
    expect(second.skips.map((skip) => skip.ServerId).sort()).toEqual([...expiring].sort());
    for (const skip of second.skips) {
      expect(skip.reason).toBe(`renewal ${fleetRenewalId(skip)} already ran or is running`);
      expect(skip.ExpiredTime).toBe(ensTime(before.get(skip.ServerId)!));
    }
    expect(renewalsByServer()).toEqual(Object.fromEntries(expiring.map((id) => [id, 1])));
  });

  it('counts a renewal that fails with a terminal code, and renews the rest', async () => {
    const expiring = seedFleet(3);
    env.emulator.faults.add({
      action: 'ens:RenewARMServerInstance',
      kind: 'error',
      code: 'OrderAbnormalResourceStatusForRenew',
      httpStatus: 400,
    });

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'renewFleet', monthly({ concurrency: 1 }), { taskQueue })).result(),
    );

    expect(result).toMatchObject({
      renewed: 2,
      failed: 1,
      failedByCode: { OrderAbnormalResourceStatusForRenew: 1 },
    });
    expect(result.failures).toEqual([
      expect.objectContaining({ ServerId: expiring[0], code: 'OrderAbnormalResourceStatusForRenew' }),
    ]);
    expect(renewalsByServer()).toEqual({ [expiring[1]!]: 1, [expiring[2]!]: 1 });
  });

  it('refuses a window as long as the period before it starts anything', async () => {
    const error = await withCloudWorker(env, ({ client, taskQueue }) =>
      startJob(client, 'renewFleet', monthly({ window: '30d', concurrency: 0 }), { taskQueue }).catch(
        (caught: unknown) => caught,
      ),
    );

    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).issues.map((issue) => [issue.action, issue.path])).toEqual([
      ['renewFleet', 'window'],
      ['renewFleet', 'concurrency'],
    ]);
    expect(env.emulator.state.snapshot().calls).toEqual({});
  });
});
