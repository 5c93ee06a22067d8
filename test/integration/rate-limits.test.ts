import { randomUUID } from 'node:crypto';
import { rateLimitedTaskQueue } from '../../src/policy/rate-limits';
import { activityPollers, livePollers } from '../../src/queue-pollers';
import { startJob } from '../../src/starters';
import { startWorkerProcess, stopProcess, workerEnvironment } from '../helpers/cloud-processes';
import { startEmulatedCloud, waitFor, type EmulatedCloud } from '../helpers/emulator';
import { FAST, withCloudWorker } from '../helpers/provisioning';
import { TEST_CODEC_KEYS, testClient } from '../helpers/temporal';

let env: EmulatedCloud;
beforeAll(async () => {
  // The API allows 5 renewals a second per user.
  env = await startEmulatedCloud({
    timeScale: 0.001,
    rateLimits: { 'ens:RenewARMServerInstance': 5, 'ens:CreateLoadBalancer': 5 },
  });
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
      // The worker is told 4/s, one under the API's 5: a margin for the dispatch jitter of a loaded CI
      // machine. How close to the limit a fleet can run is the benchmark's business (bench/rate-limit.ts).
      { rateLimits: { 'ens:RenewARMServerInstance': 4 } },
    );

    expect(results.map((result) => result.ExpiredTimeAfter)).toEqual(servers.map(() => '2027-07-01 00:00:00'));
    expect(env.emulator.state.snapshot().calls['ens:RenewARMServerInstance']).toEqual({ OK: 16 });
  });

  it('shares the limit between two worker processes: each sees the other poll, and no call is throttled', async () => {
    const client = await testClient();
    const taskQueue = `rate-shared-${randomUUID()}`;
    const queue = rateLimitedTaskQueue(taskQueue, 'ens:CreateLoadBalancer');
    // Both told the API's own limit: only their sharing it keeps the two under it.
    const workerEnv = {
      ...workerEnvironment({
        temporalAddress: process.env.TEST_TEMPORAL_ADDRESS!,
        taskQueue,
        codecKeys: TEST_CODEC_KEYS,
        endpoint: env.emulator.endpoint,
      }),
      PROVISIONER_RATE_LIMITS: 'ens:CreateLoadBalancer=5',
    };
    const workers = await Promise.all([startWorkerProcess(workerEnv), startWorkerProcess(workerEnv)]);
    try {
      const pollers = await waitFor(
        async () => livePollers(await activityPollers(client.connection, 'default', queue)(), Date.now()),
        (count) => count === 2,
      );
      const handles = await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          startJob(client, 'provisionEnsLoadBalancer', FAST.loadBalancer(`shared-${index}`), { taskQueue }),
        ),
      );
      const results = await Promise.all(handles.map((handle) => handle.result()));

      expect(pollers).toBe(2);
      expect(new Set(results.map((result) => result.LoadBalancerId)).size).toBe(30);
      expect(env.emulator.state.snapshot().calls['ens:CreateLoadBalancer']).toEqual({ OK: 30 });
    } finally {
      await Promise.all(workers.map(stopProcess));
    }
  });
});
