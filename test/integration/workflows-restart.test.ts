import { startJob } from '../../src/starters';
import type { provisionKafkaInstance } from '../../src/workflows';
import { progressQuery } from '../../src/workflows/progress';
import { startEmulatedCloud, waitFor, type EmulatedCloud } from '../helpers/emulator';
import { FAST, withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  // A 20-minute deploy takes 3 s: long enough to stop one worker in the middle of it.
  env = await startEmulatedCloud({ timeScale: 0.0025 });
});
afterAll(() => env.close());

describe('a worker stopped in the middle of a workflow', () => {
  it('lets a new worker finish the Kafka job, with one order and one instance', async () => {
    const input = { ...FAST.kafka('orders-restart'), expectedDeployMs: 3_000 };

    const { workflowId, taskQueue, before } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handle = await startJob(client, 'provisionKafkaInstance', input, { taskQueue });
      const progress = await waitFor(
        () => handle.query(progressQuery),
        (value) => value.step === 'wait ServiceStatus 5',
      );
      return { workflowId: handle.workflowId, taskQueue, before: progress };
    });
    const result = await withCloudWorker(
      env,
      ({ client }) => client.workflow.getHandle<typeof provisionKafkaInstance>(workflowId).result(),
      { taskQueue },
    );

    const state = env.emulator.state.snapshot();
    expect(before.resources.InstanceId).toBe(result.InstanceId);
    expect(result).toMatchObject({ ServiceStatus: 5, adoptedOrder: false });
    expect(state.kafka).toHaveLength(1);
    expect(Object.values(state.ordersPerTag)).toEqual([1]);
  });
});
