import { randomUUID } from 'node:crypto';
import { runPing } from '../../src/client';
import { DEFAULT_ACCESS_KEY } from '../../src/emulator/server';
import { startJob } from '../../src/starters';
import { freePort, startNodeProcess } from '../helpers/processes';
import { FAST } from '../helpers/provisioning';
import { TEST_CODEC_KEYS, testClient } from '../helpers/temporal';

describe('the worker process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves its task queue, then drains and exits 0 on %s',
    async (signal) => {
      const taskQueue = `worker-process-${randomUUID()}`;
      const worker = startNodeProcess('src/worker.ts', [], {
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

  it('logs every Alibaba Cloud call as JSON and counts calls by action and code on its Prometheus endpoint', async () => {
    const taskQueue = `worker-metrics-${randomUUID()}`;
    const metricsAddress = `127.0.0.1:${await freePort()}`;
    const worker = startNodeProcess('src/worker.ts', [], {
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: process.env.TEST_TEMPORAL_NAMESPACE,
      PROVISIONER_TASK_QUEUE: taskQueue,
      PROVISIONER_CLOUD: 'emulator',
      PROVISIONER_EMULATOR_PORT: '0',
      PROVISIONER_EMULATOR_TIME_SCALE: '0.001',
      PROVISIONER_CODEC_KEYS: TEST_CODEC_KEYS,
      PROVISIONER_LOG_FORMAT: 'json',
      PROVISIONER_METRICS_ADDRESS: metricsAddress,
    });
    await worker.waitForOutput(`Worker polling task queue "${taskQueue}".`);

    const handle = await startJob(await testClient(), 'provisionEcsInstance', FAST.ecs('web-metrics'), { taskQueue });
    await handle.result();
    const metrics = await (await fetch(`http://${metricsAddress}/metrics`)).text();
    worker.child.kill('SIGTERM');
    await worker.exited;

    const calls = worker
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.message === 'Alibaba Cloud call');
    expect(calls.map((entry) => `${String(entry.action)} ${String(entry.code)}`)).toEqual(
      expect.arrayContaining(['CreateInstance DryRunOperation', 'CreateInstance OK', 'StartInstance OK']),
    );
    expect(calls[0]).toMatchObject({
      level: 'INFO',
      product: 'ecs',
      requestId: expect.stringMatching(/^[0-9A-F-]{36}$/) as unknown,
    });
    expect(metrics).toMatch(/alicloud_api_calls\{[^}]*action="CreateInstance"[^}]*code="OK"[^}]*\} 1/);
    expect(worker.output()).not.toContain(DEFAULT_ACCESS_KEY.accessKeySecret);
  });
});
