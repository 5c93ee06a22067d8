import { startJob } from '../../src/starters';
import { READINESS, FIRST_LOOK_SHARE } from '../../src/policy/readiness';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { FAST, withCloudWorker } from '../helpers/provisioning';

// A job against the emulator waits on the emulator's clock, which every answer gives
// (x-emulator-time-scale): not for the realistic 90 s a load balancer takes on Alibaba Cloud.
const TIME_SCALE = 0.002;

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: TIME_SCALE });
});
afterAll(() => env.close());

describe('jobs against the emulator wait on its clock', () => {
  it('the client learns the time scale from the answers', async () => {
    await env.cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' });

    expect(env.cloud.timeScale).toBe(TIME_SCALE);
  });

  it('a load balancer with no expected duration is first looked at after 0.95 of 90 s × the time scale', async () => {
    const { result, timers } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handle = await startJob(client, 'provisionEnsLoadBalancer', FAST.loadBalancer('edge-clock'), { taskQueue });
      const result = await handle.result();
      const timers = (await handle.fetchHistory()).events!.flatMap((event) => {
        const timeout = event.timerStartedEventAttributes?.startToFireTimeout;
        return timeout ? [Number(timeout.seconds ?? 0) * 1_000 + Math.round((timeout.nanos ?? 0) / 1e6)] : [];
      });
      return { result, timers };
    });
    // The timer starts in the same workflow activation as the creation is recorded: no time has passed.
    const firstLookMs = Math.round(Math.round(READINESS.loadBalancerCreate.expectedMs * TIME_SCALE) * FIRST_LOOK_SHARE);

    expect(result).toMatchObject({ LoadBalancerStatus: 'Active' });
    expect(firstLookMs).toBe(171);
    expect(timers).toEqual([firstLookMs]);
  });
});
