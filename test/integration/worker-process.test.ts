import { randomUUID } from 'node:crypto';
import { runPing } from '../../src/client';
import { startTsProcess } from '../helpers/processes';
import { TEST_CODEC_KEYS, testClient } from '../helpers/temporal';

describe('the worker process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves its task queue, then drains and exits 0 on %s',
    async (signal) => {
      const taskQueue = `worker-process-${randomUUID()}`;
      const worker = startTsProcess('src/worker.ts', [], {
        TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
        TEMPORAL_NAMESPACE: process.env.TEST_TEMPORAL_NAMESPACE,
        PROVISIONER_TASK_QUEUE: taskQueue,
        ALIBABA_CLOUD_REGION_ID: 'ap-southeast-1',
        PROVISIONER_CLOUD: 'emulator',
        PROVISIONER_CODEC_KEYS: TEST_CODEC_KEYS,
        PROVISIONER_EMULATOR_PORT: '0',
      });
      await worker.waitForOutput(`Worker polling task queue "${taskQueue}".`);

      const answer = await runPing(await testClient(), taskQueue, 30_000);
      worker.child.kill(signal);

      expect(answer).toMatchObject({
        pid: worker.child.pid,
        taskQueue,
        regionId: 'ap-southeast-1',
        endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as unknown,
      });
      expect(await worker.exited).toBe(0);
    },
    60_000,
  );
});
