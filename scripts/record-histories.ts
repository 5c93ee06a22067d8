/**
 * Records one history of each workflow (happy path, and the paths through retries and clean-up)
 * into test/replay/histories/, for the replay test that guards running jobs against code changes.
 * Run it when a workflow changes on purpose (behind patched()): `npx tsx scripts/record-histories.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../src/activities';
import { AlibabaCloud, staticCredentials } from '../src/alicloud/client';
import { startEmulator } from '../src/emulator/server';
import { resolveTemporalCli } from '../src/local/temporal-cli';
import { startJob, type WorkflowName } from '../src/starters';
import { FAST } from '../test/helpers/provisioning';
import { historyToObject } from '../test/replay/history-file';

const OUT = join(__dirname, '..', 'test', 'replay', 'histories');

async function main(): Promise<void> {
  const cli = await resolveTemporalCli();
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli.path } },
  });
  const emulator = await startEmulator({ port: 0, timeScale: 0.001 });
  const cloud = new AlibabaCloud({
    regionId: 'cn-hangzhou',
    endpointOverride: emulator.endpoint,
    credentials: staticCredentials(emulator.accessKey),
  });
  const taskQueue = 'record-histories';
  const worker = await Worker.create({
    connection: temporal.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../src/workflows'),
    activities: createActivities({ cloud, regionId: 'cn-hangzhou', throttledRetryDelayMs: 20 }),
  });
  const [server] = emulator.seedArmServers({ count: 1, expiresFrom: Date.UTC(2027, 4, 7), expiresWithinMs: 0 });
  const prepaid = await cloud.call('ecs:CreateInstance', {
    RegionId: 'cn-hangzhou',
    InstanceType: 't',
    ImageId: 'i',
    InstanceChargeType: 'PrePaid',
    Period: 1,
  });
  const jobs: { file: string; name: WorkflowName; input: unknown; before?: () => void }[] = [
    { file: 'provision-ecs-instance', name: 'provisionEcsInstance', input: FAST.ecs('replay-web') },
    {
      file: 'provision-ecs-instance-throttled',
      name: 'provisionEcsInstance',
      input: FAST.ecs('replay-web-throttled'),
      before: () =>
        emulator.faults.add({ action: 'ecs:CreateInstance', kind: 'error', code: 'Throttling.User', times: 2 }),
    },
    { file: 'provision-kafka-instance', name: 'provisionKafkaInstance', input: FAST.kafka('replay-orders') },
    {
      file: 'provision-kafka-instance-released',
      name: 'provisionKafkaInstance',
      input: { ...FAST.kafka('replay-orders-101'), onFailure: 'release' },
      before: () => (emulator.state.settings.kafkaDeployFails = true),
    },
    { file: 'provision-ens-load-balancer', name: 'provisionEnsLoadBalancer', input: FAST.loadBalancer('replay-edge') },
    {
      file: 'renew-arm-server-instance',
      name: 'renewArmServerInstance',
      input: { request: { InstanceId: server, Period: 1, PeriodUnit: 'Month' } },
    },
    {
      file: 'renew-ecs-instance',
      name: 'renewEcsInstance',
      input: { RegionId: 'cn-hangzhou', request: { InstanceId: prepaid.InstanceId, Period: 1, PeriodUnit: 'Month' } },
    },
  ];
  mkdirSync(OUT, { recursive: true });
  await worker.runUntil(async () => {
    for (const job of jobs) {
      emulator.state.settings.kafkaDeployFails = false;
      job.before?.();
      const handle = await startJob(temporal.client, job.name, job.input as never, {
        taskQueue,
        workflowId: `replay-${job.file}`,
      });
      await handle.result().catch(() => undefined);
      writeFileSync(
        join(OUT, `${job.file}.json`),
        JSON.stringify(historyToObject(await handle.fetchHistory()), null, 1),
      );
      console.log(`recorded ${job.file}`);
    }
  });
  cloud.close();
  await emulator.close();
  await temporal.teardown();
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
