/**
 * Records one history of each workflow (happy path, and the paths through retries and clean-up)
 * into test/replay/histories/, for the replay test that guards running jobs against code changes.
 * Run it when a workflow changes on purpose (behind patched()), or to add a history:
 * `npx tsx scripts/record-histories.ts [file ...]` records only the named ones (e.g. `renew-fleet`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { defaultDataConverter } from '@temporalio/common';
import { createActivities } from '../src/activities';
import { AlibabaCloud, staticCredentials } from '../src/alicloud/client';
import { startEmulator } from '../src/emulator/server';
import { DOCUMENTED_RATE_LIMITS } from '../src/actions';
import { createWorkerSet, runWorkerSet } from '../src/worker-set';
import { dynamicConfigArgs } from '../src/local/dev-server';
import { resolveTemporalCli } from '../src/local/temporal-cli';
import { startJob, type WorkflowName } from '../src/starters';
import { FAST } from '../test/helpers/provisioning';
import { historyToObject } from '../test/replay/history-file';

const OUT = join(__dirname, '..', 'test', 'replay', 'histories');

async function main(): Promise<void> {
  const cli = await resolveTemporalCli();
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli.path }, extraArgs: dynamicConfigArgs() },
  });
  const emulator = await startEmulator({ port: 0, timeScale: 0.001 });
  const cloud = new AlibabaCloud({
    regionId: 'cn-hangzhou',
    endpointOverride: emulator.endpoint,
    credentials: staticCredentials(emulator.accessKey),
  });
  const taskQueue = 'record-histories';
  const workers = await createWorkerSet({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace ?? 'default',
    taskQueue,
    workflows: { workflowsPath: require.resolve('../src/workflows') },
    activities: createActivities({ cloud, regionId: 'cn-hangzhou', throttledRetryDelayMs: 20 }),
    dataConverter: defaultDataConverter,
    rateLimits: DOCUMENTED_RATE_LIMITS,
  });
  const [server] = emulator.seedArmServers({ count: 1, expiresFrom: Date.UTC(2027, 4, 7), expiresWithinMs: 0 });
  const prepaid = await cloud.call('ecs:CreateInstance', {
    RegionId: 'cn-hangzhou',
    InstanceType: 't',
    ImageId: 'i',
    InstanceChargeType: 'PrePaid',
    Period: 1,
  });
  // Bought outside any job: one for adoptResource to start, one for releaseResource to give back.
  const [toAdopt, toRelease] = await Promise.all(
    [1, 2].map(async () => {
      const created = await cloud.call('ecs:CreateInstance', {
        RegionId: 'cn-hangzhou',
        InstanceType: 't',
        ImageId: 'i',
      });
      return { kind: 'ecs', ResourceId: created.InstanceId as string, RegionId: 'cn-hangzhou' };
    }),
  );
  const jobs: { file: string; name: WorkflowName; input: unknown; before?: () => void }[] = [
    { file: 'adopt-resource', name: 'adoptResource', input: { resource: toAdopt } },
    { file: 'release-resource', name: 'releaseResource', input: { resource: toRelease } },
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
    {
      file: 'renew-fleet',
      name: 'renewFleet',
      // Two servers, one renewal per run: the first run's history ends by continuing as new.
      input: { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' }, renewalsPerRun: 1 },
      before: () => emulator.seedArmServers({ count: 2, expiresFrom: Date.now() + 86_400_000, expiresWithinMs: 0 }),
    },
    {
      file: 'renew-ecs-fleet',
      name: 'renewEcsFleet',
      // Two instances, one renewal per run: the first run's history ends by continuing as new.
      input: { regions: ['cn-shanghai'], window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' }, renewalsPerRun: 1 },
      before: () =>
        emulator.seedEcsInstances({
          RegionId: 'cn-shanghai',
          count: 2,
          expiresFrom: Date.now() + 86_400_000,
          expiresWithinMs: 0,
        }),
    },
  ];
  const only = process.argv.slice(2);
  mkdirSync(OUT, { recursive: true });
  await runWorkerSet(
    workers,
    (async () => {
      for (const job of jobs.filter((candidate) => only.length === 0 || only.includes(candidate.file))) {
        emulator.state.settings.kafkaDeployFails = false;
        job.before?.();
        const handle = await startJob(temporal.client, job.name, job.input as never, {
          taskQueue,
          workflowId: `replay-${job.file}`,
        });
        await handle.result().catch(() => undefined);
        writeFileSync(
          join(OUT, `${job.file}.json`),
          JSON.stringify(
            historyToObject(
              await temporal.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory(),
            ),
            null,
            1,
          ),
        );
        console.log(`recorded ${job.file}`);
      }
    })(),
  );
  cloud.close();
  await emulator.close();
  await temporal.teardown();
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
