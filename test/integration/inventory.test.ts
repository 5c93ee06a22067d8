/**
 * `alicloud-provisioner inventory` as an operator runs it after an incident, against the dev server and
 * the emulator: jobs that completed, one that failed with `keep`, jobs terminated mid-way, a resource
 * deleted behind a completed job, and a renewed subscription that no schedule covers. It must flag
 * each of those, and nothing else.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { startJob } from '../../src/starters';
import { progressQuery } from '../../src/workflows/progress';
import { renewEcsFleet } from '../../src/workflows';
import type { InventoryRow } from '../../src/inventory/join';
import { startEmulatedCloud, waitFor, type EmulatedCloud } from '../helpers/emulator';
import { cliEnvironment, startNodeProcess } from '../helpers/processes';
import { FAST, withCloudWorker } from '../helpers/provisioning';

const DAY = 86_400_000;

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());

/** A command as a user runs it: its exit code, its output, and its --json answer. */
async function cli<T>(taskQueue: string, args: string[]) {
  const process = startNodeProcess('src/cli/main.ts', [...args, '--json'], cliEnvironment(taskQueue));
  const code = await process.exited;
  const text = process.output().trim();
  const last = text.split('\n').at(-1) ?? '';
  return { code, text, answer: (/^[[{]/.test(last) ? JSON.parse(last) : undefined) as T };
}

const inventory = (taskQueue: string, ...args: string[]) =>
  cli<{ resources: number; flagged: Record<string, number>; rows: InventoryRow[] }>(taskQueue, ['inventory', ...args]);

/** Waits until Temporal's visibility shows `count` jobs on the task queue, none of them running. */
async function settled(client: Client, taskQueue: string, count: number): Promise<void> {
  await waitFor(
    async () => {
      const statuses: string[] = [];
      for await (const info of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
        if (info.type !== 'lookUpResources') statuses.push(info.status.name);
      }
      return statuses;
    },
    (statuses) => statuses.length === count && !statuses.includes('RUNNING'),
    30_000,
  );
}

/** Each resource's flags, in the order of the ids. */
const flagsOf = (rows: Pick<InventoryRow, 'ResourceId' | 'flags'>[]): Record<string, string[]> =>
  Object.fromEntries(
    [...rows].sort((a, b) => a.ResourceId.localeCompare(b.ResourceId)).map((row) => [row.ResourceId, row.flags]),
  );

describe('inventory', () => {
  it('flags every orphan, missing and expiring resource, and nothing else', async () => {
    await withCloudWorker(env, async ({ client, taskQueue }) => {
      const start = <Name extends Parameters<typeof startJob>[1]>(
        name: Name,
        input: Parameters<typeof startJob<Name>>[2],
      ) => startJob(client, name, input, { taskQueue });

      // Everything adds up: two ECS instances and a load balancer, each bought by a job that completed.
      const kept = await (await start('provisionEcsInstance', FAST.ecs('inventory-kept'))).result();
      const deletedLater = await (await start('provisionEcsInstance', FAST.ecs('inventory-deleted'))).result();
      const balancer = await (await start('provisionEnsLoadBalancer', FAST.loadBalancer('inventory-lb'))).result();
      await settled(client, taskQueue, 3);
      const first = await inventory(taskQueue);
      expect(first.code).toBe(0);
      expect(flagsOf(first.answer.rows)).toEqual({
        [kept.InstanceId]: [],
        [deletedLater.InstanceId]: [],
        [balancer.LoadBalancerId]: [],
      });

      // A job that fails at StartInstance with onFailure keep: its instance stays, Stopped.
      env.emulator.faults.add({
        action: 'ecs:StartInstance',
        kind: 'error',
        code: 'Forbidden.RiskControl',
        httpStatus: 403,
      });
      const failing = await start('provisionEcsInstance', { ...FAST.ecs('inventory-failed'), onFailure: 'keep' });
      await failing.result().catch(() => undefined);
      const [failedInstance] = [...env.emulator.state.ecs.instances.values()].filter(
        (instance) => instance.request.InstanceName === 'inventory-failed',
      );

      // Jobs terminated by hand mid-way: a Kafka deploy, and a load balancer not yet Active.
      const kafka = await start('provisionKafkaInstance', {
        ...FAST.kafka('inventory-kafka'),
        expectedDeployMs: 600_000,
      });
      const lb = await start('provisionEnsLoadBalancer', {
        ...FAST.loadBalancer('inventory-lb-2'),
        expectedActiveMs: 600_000,
      });
      const [kafkaAsleep, lbAsleep] = await Promise.all([
        waitFor(
          () => kafka.query(progressQuery),
          (progress) => progress.step === 'wait ServiceStatus 5',
        ),
        waitFor(
          () => lb.query(progressQuery),
          (progress) => progress.step === 'wait Active',
        ),
      ]);
      await Promise.all([kafka.terminate('an operator stopped it'), lb.terminate('an operator stopped it')]);

      // A resource deleted behind the back of the job that bought it.
      env.emulator.state.ecs.instances.delete(deletedLater.InstanceId);

      // A subscription bought elsewhere, renewed by a job, expiring in 3 days + a month.
      const [subscription] = env.emulator.seedEcsInstances({
        count: 1,
        expiresFrom: Date.now() + 3 * DAY,
        expiresWithinMs: 0,
      });
      await (
        await start('renewEcsInstance', { RegionId: 'cn-hangzhou', request: { InstanceId: subscription!, Period: 1 } })
      ).result();

      await settled(client, taskQueue, 7);
      const flagged = await inventory(taskQueue, '--window', '40d');
      expect(flagged.code).toBe(5);
      expect(flagsOf(flagged.answer.rows)).toEqual(
        flagsOf([
          { ResourceId: kept.InstanceId, flags: [] },
          { ResourceId: deletedLater.InstanceId, flags: ['missing'] },
          { ResourceId: balancer.LoadBalancerId, flags: [] },
          { ResourceId: failedInstance!.InstanceId, flags: ['orphan'] },
          { ResourceId: kafkaAsleep.resources.InstanceId!, flags: ['orphan'] },
          { ResourceId: lbAsleep.resources.LoadBalancerId!, flags: ['orphan'] },
          { ResourceId: subscription!, flags: ['expiring'] },
        ]),
      );
      expect(flagged.answer.flagged).toEqual({ missing: 1, orphan: 3, expiring: 1 });
      const row = (id: string) => flagged.answer.rows.find((each) => each.ResourceId === id)!;
      expect(row(failedInstance!.InstanceId)).toMatchObject({
        jobStatus: 'FAILED',
        workflowId: failing.workflowId,
        Status: 'Stopped',
      });
      expect(row(kafkaAsleep.resources.InstanceId!)).toMatchObject({
        kind: 'kafka',
        jobStatus: 'TERMINATED',
        workflowId: kafka.workflowId,
      });
      expect(row(lbAsleep.resources.LoadBalancerId!)).toMatchObject({ kind: 'ens-lb', jobStatus: 'TERMINATED' });
      expect(row(deletedLater.InstanceId)).toMatchObject({ Status: 'absent', jobStatus: 'COMPLETED' });
      expect(row(subscription!)).toMatchObject({ bought: false, jobStatus: 'COMPLETED' });

      // A renew-ecs schedule over the subscription's region: it is no longer left to expire.
      await client.schedule.create({
        scheduleId: `inventory-${taskQueue}`,
        spec: { intervals: [{ every: '30d' }] },
        action: {
          type: 'startWorkflow',
          workflowType: renewEcsFleet,
          taskQueue,
          args: [{ regions: ['cn-hangzhou'], window: '7d', renewal: { Period: 1 } }],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP },
      });
      const covered = await inventory(taskQueue, '--window', '40d');
      expect(covered.answer.flagged).toEqual({ missing: 1, orphan: 3 });
      expect(covered.answer.rows.find((each) => each.ResourceId === subscription)).toMatchObject({
        flags: [],
        renewedBy: `inventory-${taskQueue}`,
      });

      // What the provisioner did not buy, a subscription, or a resource a job owns: refused, saying why.
      const refusedRelease = await cli(taskQueue, ['release', subscription!]);
      const refusedAdopt = await cli(taskQueue, ['adopt', kept.InstanceId]);
      expect([refusedRelease.code, refusedAdopt.code]).toEqual([2, 2]);
      expect(refusedRelease.text).toContain(
        `refusing to release ${subscription}: the provisioner did not buy it (it carries no job tag, and no job names it as bought); it is a subscription (PrePaid) paid until`,
      );
      expect(refusedAdopt.text).toContain(
        `refusing to adopt ${kept.InstanceId}: it is no orphan: job ecs-create:inventory-kept (COMPLETED) owns it. Pass --force to adopt it anyway.`,
      );

      // Each orphan taken over or given back, and the missing one's end recorded: the inventory adds up.
      type Followed = { status: string; result: Record<string, unknown> };
      const acted = await Promise.all([
        cli<Followed>(taskQueue, ['adopt', failedInstance!.InstanceId, '--wait']),
        cli<Followed>(taskQueue, ['adopt', kafkaAsleep.resources.InstanceId!, '--wait']),
        cli<Followed>(taskQueue, ['release', lbAsleep.resources.LoadBalancerId!, '--wait']),
        cli<Followed>(taskQueue, ['release', deletedLater.InstanceId, '--wait']),
      ]);
      expect(
        acted.map(({ code, answer }) => [code, answer.status, answer.result.did ?? answer.result.released]),
      ).toEqual([
        [0, 'COMPLETED', 'started'],
        [0, 'COMPLETED', 'nothing'],
        [0, 'COMPLETED', true],
        [0, 'COMPLETED', true],
      ]);
      expect(env.emulator.state.ecs.instances.get(failedInstance!.InstanceId)?.status.at(Date.now())).toBe('Running');
      expect(env.emulator.state.ens.loadBalancers.has(lbAsleep.resources.LoadBalancerId!)).toBe(false);

      await settled(client, taskQueue, 11);
      const clean = await inventory(taskQueue, '--window', '40d');
      await client.schedule.getHandle(`inventory-${taskQueue}`).delete();
      expect([clean.code, clean.answer.flagged]).toEqual([0, {}]);
      expect(flagsOf(clean.answer.rows)).toEqual(
        flagsOf(
          [
            kept.InstanceId,
            balancer.LoadBalancerId,
            failedInstance!.InstanceId,
            kafkaAsleep.resources.InstanceId!,
            subscription!,
          ].map((ResourceId) => ({ ResourceId, flags: [] })),
        ),
      );
    });
  });
});
