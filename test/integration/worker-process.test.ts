import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DEFAULT_ACCESS_KEY } from '../../src/emulator/server';
import { startJob } from '../../src/starters';
import { startWorkerProcess, workerEnvironment } from '../helpers/cloud-processes';
import { startEmulatedCloud, waitFor } from '../helpers/emulator';
import { CLI_SOURCE, onFreePorts, startNodeProcess } from '../helpers/processes';
import { FAST, withCloudWorker } from '../helpers/provisioning';
import { TEST_CODEC_KEYS, testClient } from '../helpers/temporal';

describe('the worker process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s, finishes the API call in flight and reports it before it exits 0; nothing is bought twice',
    async (signal) => {
      const cloud = await startEmulatedCloud({ timeScale: 0.001 });
      const client = await testClient();
      const taskQueue = `worker-drain-${randomUUID()}`;
      const worker = await startWorkerProcess(
        workerEnvironment({
          temporalAddress: process.env.TEST_TEMPORAL_ADDRESS!,
          taskQueue,
          codecKeys: TEST_CODEC_KEYS,
          endpoint: cloud.emulator.endpoint,
        }),
      );
      // The real create (not its DryRun) takes 3 s to answer: the signal comes while it is in flight.
      cloud.emulator.faults.add({ action: 'ecs:CreateInstance', kind: 'latency', ms: 3_000, skipDryRun: true });
      const handle = await startJob(client, 'provisionEcsInstance', FAST.ecs(`web-drain-${signal}`), { taskQueue });
      await waitFor(
        () => Promise.resolve(cloud.emulator.faults.snapshot().pendingRules.length),
        (pending) => pending === 0,
      );

      worker.child.kill(signal);
      const exitCode = await worker.exited;
      const events = (await handle.fetchHistory()).events!;
      const create = events.find(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'createEcsInstance',
      )!;
      const ofCreate = events.flatMap((event) => {
        const attributes = event.activityTaskStartedEventAttributes ?? event.activityTaskCompletedEventAttributes;
        return attributes?.scheduledEventId?.toString() === create.eventId!.toString()
          ? [
              {
                event: event.activityTaskStartedEventAttributes ? 'started' : 'completed',
                identity: attributes.identity,
                attempt: event.activityTaskStartedEventAttributes?.attempt,
              },
            ]
          : [];
      });
      // Another worker takes the job on from the step after the create.
      const result = await withCloudWorker(cloud, () => handle.result(), { taskQueue }).finally(() => cloud.close());

      expect(exitCode).toBe(0);
      // Started once, by the worker that was told to stop, and completed by it before it exited.
      expect(ofCreate).toEqual([
        { event: 'started', identity: `${worker.child.pid}@${hostname()}`, attempt: 1 },
        { event: 'completed', identity: `${worker.child.pid}@${hostname()}`, attempt: undefined },
      ]);
      expect(result).toMatchObject({ InstanceId: expect.stringMatching(/^i-/) as unknown, Status: 'Running' });
      expect(cloud.emulator.state.snapshot().calls['ecs:CreateInstance']).toEqual({ DryRunOperation: 1, OK: 1 });
    },
    60_000,
  );

  it('logs every Alibaba Cloud call as JSON and counts calls by action and code on its Prometheus endpoint', async () => {
    const taskQueue = `worker-metrics-${randomUUID()}`;
    const { worker, metricsAddress } = await onFreePorts(1, async ([port]) => {
      const metricsAddress = `127.0.0.1:${port}`;
      const worker = startNodeProcess(CLI_SOURCE, ['worker'], {
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
      // Rejects with the worker's output if it ended first, e.g. because the port was taken meanwhile.
      await worker.waitForOutput(`Worker polling task queue "${taskQueue}".`);
      return { worker, metricsAddress };
    });

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
