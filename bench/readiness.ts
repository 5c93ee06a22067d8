/**
 * Benchmark 2: how soon a workflow notices that a resource is ready, and at what cost in status
 * calls. The emulator takes each resource's realistic provisioning time T, scaled; the workflows get
 * the same scaled expectation. Baseline in the same run: a fixed-interval poller (5 s for Kafka, 10 s
 * for ECS, 30 s for a load balancer, scaled the same way) that polls from the moment it called.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AlibabaCloud, staticCredentials } from '../src/alicloud/client';
import { DEFAULT_ACCESS_KEY } from '../src/emulator/server';
import { REALISTIC_DURATIONS, type EmulatorSnapshot } from '../src/emulator/store';
import { scaledExpectations } from '../src/local/examples';
import { startJob, type WorkflowName } from '../src/starters';
import { FAST } from '../test/helpers/provisioning';
import type { BenchStack } from './stack';

export interface ReadinessFigures {
  resource: string;
  /** The scaled provisioning time, ms. */
  tMs: number;
  /** Workflow: from ready to the workflow's close, ms, and as a share of T. */
  lagMs: number;
  lagShare: number;
  statusCalls: number;
  /** The fixed-interval poller: from ready to the poll that saw it, ms, and its status calls. */
  baselineIntervalMs: number;
  baselineLagMs: number;
  baselineLagShare: number;
  baselineStatusCalls: number;
}

interface Resource {
  name: string;
  workflow: WorkflowName;
  /** Realistic T: the durations the emulator adds up before the resource is ready. */
  realisticMs: number;
  /** The fixed interval of the baseline poller, realistic. */
  intervalMs: number;
  statusAction: string;
  input: (name: string) => Record<string, unknown>;
  /** The workflow's ready moment (epoch ms) in the emulator's state, by the result's ids. */
  readyAt: (state: EmulatorSnapshot, result: Record<string, unknown>) => number | undefined;
  /** The baseline: creates the resource and polls it; returns when it saw it ready, and its status calls. */
  poll: (cloud: AlibabaCloud, every: number, name: string) => Promise<{ seenAt: number; id: string; calls: number }>;
}

/** Calls `read` now and every `every` ms until `ready` holds; counts the calls. */
async function pollEvery(every: number, read: () => Promise<boolean>): Promise<{ seenAt: number; calls: number }> {
  for (let calls = 1; ; calls++) {
    if (await read()) return { seenAt: Date.now(), calls };
    await sleep(every);
  }
}

// The tests' valid requests; each workflow gets a name of its own.
const ECS_REQUEST = FAST.ecs('readiness-baseline').request;
const { order: KAFKA_ORDER, deploy: KAFKA_DEPLOY } = FAST.kafka('readiness-baseline');
const LOAD_BALANCER = FAST.loadBalancer('readiness-baseline').request;

const RESOURCES: Resource[] = [
  {
    name: 'Kafka (deploy)',
    workflow: 'provisionKafkaInstance',
    realisticMs: REALISTIC_DURATIONS.kafkaDeployMs,
    intervalMs: 5_000,
    statusAction: 'alikafka:GetInstanceList',
    input: (name) => ({ order: KAFKA_ORDER, deploy: { ...KAFKA_DEPLOY, Name: name } }),
    readyAt: (state, result) => state.kafka.find((entry) => entry.InstanceId === result.InstanceId)?.readyAt,
    async poll(cloud, every) {
      const { OrderId } = await cloud.call('alikafka:CreatePostPayOrder', KAFKA_ORDER);
      let InstanceId = '';
      const listed = await pollEvery(every, async () => {
        const answer = await cloud.call('alikafka:GetInstanceList', { RegionId: 'cn-hangzhou', OrderId });
        InstanceId =
          (answer.InstanceList as { InstanceVO?: { InstanceId: string }[] }).InstanceVO?.[0]?.InstanceId ?? '';
        return InstanceId !== '';
      });
      await cloud.call('alikafka:StartInstance', { ...KAFKA_DEPLOY, RegionId: 'cn-hangzhou', InstanceId });
      const deployed = await pollEvery(every, async () => {
        const answer = await cloud.call('alikafka:GetInstanceList', {
          RegionId: 'cn-hangzhou',
          InstanceId: [InstanceId],
        });
        return (
          (answer.InstanceList as { InstanceVO?: { ServiceStatus: number }[] }).InstanceVO?.[0]?.ServiceStatus === 5
        );
      });
      return { seenAt: deployed.seenAt, id: InstanceId, calls: listed.calls + deployed.calls };
    },
  },
  {
    name: 'ECS (create and start)',
    workflow: 'provisionEcsInstance',
    realisticMs: REALISTIC_DURATIONS.ecsCreateMs + REALISTIC_DURATIONS.ecsStartMs,
    intervalMs: 10_000,
    statusAction: 'ecs:DescribeInstanceStatus',
    input: (name) => ({ request: { ...ECS_REQUEST, InstanceName: name } }),
    readyAt: (state, result) => state.ecs.find((entry) => entry.InstanceId === result.InstanceId)?.readyAt,
    async poll(cloud, every) {
      const { InstanceId } = await cloud.call('ecs:CreateInstance', ECS_REQUEST);
      const status = async () => {
        const answer = await cloud.call('ecs:DescribeInstanceStatus', {
          RegionId: 'cn-hangzhou',
          InstanceId: [InstanceId],
        });
        return (answer.InstanceStatuses as { InstanceStatus?: { Status: string }[] }).InstanceStatus?.[0]?.Status;
      };
      const stopped = await pollEvery(every, async () => (await status()) === 'Stopped');
      await cloud.call('ecs:StartInstance', { InstanceId }, { regionId: 'cn-hangzhou' });
      const running = await pollEvery(every, async () => (await status()) === 'Running');
      return { seenAt: running.seenAt, id: String(InstanceId), calls: stopped.calls + running.calls };
    },
  },
  {
    name: 'ENS load balancer',
    workflow: 'provisionEnsLoadBalancer',
    realisticMs: REALISTIC_DURATIONS.loadBalancerCreateMs,
    intervalMs: 30_000,
    statusAction: 'ens:DescribeLoadBalancerAttribute',
    input: (name) => ({ request: { ...LOAD_BALANCER, LoadBalancerName: name } }),
    readyAt: (state, result) =>
      state.loadBalancers.find((entry) => entry.LoadBalancerId === result.LoadBalancerId)?.readyAt,
    async poll(cloud, every) {
      const { LoadBalancerId } = await cloud.call('ens:CreateLoadBalancer', LOAD_BALANCER);
      const active = await pollEvery(every, async () => {
        const answer = await cloud.call('ens:DescribeLoadBalancerAttribute', { LoadBalancerId });
        return answer.LoadBalancerStatus === 'Active';
      });
      return { seenAt: active.seenAt, id: String(LoadBalancerId), calls: active.calls };
    },
  },
];

/** Every resource at once: the workflow and the baseline poller side by side, at `timeScale`. */
export async function runReadiness(stack: BenchStack, timeScale: number): Promise<ReadinessFigures[]> {
  await stack.admin.reset();
  await stack.admin.settings({ timeScale });
  const cloud = new AlibabaCloud({
    regionId: 'cn-hangzhou',
    endpointOverride: stack.emulatorEndpoint,
    credentials: staticCredentials(DEFAULT_ACCESS_KEY),
  });
  const { worker, taskQueue } = await stack.startWorker('real');
  try {
    const runs = await Promise.all(
      RESOURCES.map(async (resource, index) => {
        const name = `readiness-${index}-${Date.now()}`;
        const input = { ...scaledExpectations(resource.workflow, timeScale), ...resource.input(name) };
        const [workflow, baseline] = await Promise.all([
          (async () => {
            const handle = await startJob(stack.client, resource.workflow, input as never, { taskQueue });
            const result = (await handle.result()) as unknown as Record<string, unknown>;
            const { closeTime } = await handle.describe();
            return { result, closedAt: closeTime!.getTime() };
          })(),
          resource.poll(cloud, resource.intervalMs * timeScale, name),
        ]);
        return { resource, workflow, baseline };
      }),
    );
    const state = await stack.admin.state();
    return runs.map(({ resource, workflow, baseline }) => {
      const tMs = resource.realisticMs * timeScale;
      const lagMs = workflow.closedAt - resource.readyAt(state, workflow.result)!;
      const baselineReadyAt = [...state.kafka, ...state.ecs, ...state.loadBalancers].find(
        (entry) => ('InstanceId' in entry ? entry.InstanceId : entry.LoadBalancerId) === baseline.id,
      )?.readyAt;
      const baselineLagMs = baseline.seenAt - baselineReadyAt!;
      // The workflows' status reads are the emulator's count less the baseline's own.
      const allStatusCalls = Object.values(state.calls[resource.statusAction] ?? {}).reduce((sum, n) => sum + n, 0);
      return {
        resource: resource.name,
        tMs,
        lagMs,
        lagShare: lagMs / tMs,
        statusCalls: allStatusCalls - baseline.calls,
        baselineIntervalMs: resource.intervalMs * timeScale,
        baselineLagMs,
        baselineLagShare: baselineLagMs / tMs,
        baselineStatusCalls: baseline.calls,
      };
    });
  } finally {
    cloud.close();
    await worker.stop();
  }
}
