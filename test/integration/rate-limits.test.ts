import { startJob } from '../../src/starters';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  // The API allows 5 renewals a second per user.
  env = await startEmulatedCloud({ timeScale: 0.001, rateLimits: { 'ens:RenewARMServerInstance': 5 } });
});
afterAll(() => env.close());

describe('rate limits held by the Temporal server (a task queue per rate-limited action)', () => {
  it('renews 16 servers started at once without a single Throttling answer', async () => {
    const servers = env.emulator.seedArmServers({ count: 16, expiresFrom: Date.UTC(2027, 5, 1), expiresWithinMs: 0 });

    const results = await withCloudWorker(
      env,
      async ({ client, taskQueue }) => {
        const handles = await Promise.all(
          servers.map((InstanceId) =>
            startJob(
              client,
              'renewArmServerInstance',
              { request: { InstanceId, Period: 1, PeriodUnit: 'Month' } },
              { taskQueue },
            ),
          ),
        );
        return Promise.all(handles.map((handle) => handle.result()));
      },
      // The worker is told 4/s, so with the default headroom its queue runs at 3/s: two under the
      // API's 5, a margin for the dispatch jitter of a loaded CI machine. How close to the limit a
      // fleet can run is the benchmark's business (bench/rate-limit.ts).
      { rateLimits: { 'ens:RenewARMServerInstance': 4 } },
    );

    expect(results.map((result) => result.ExpiredTimeAfter)).toEqual(servers.map(() => '2027-07-01 00:00:00'));
    expect(env.emulator.state.snapshot().calls['ens:RenewARMServerInstance']).toEqual({ OK: 16 });
  });
});
