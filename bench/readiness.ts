/**
 * Benchmark 2: how soon a workflow notices that a resource is ready, and at what cost in status
 * calls. The emulator takes each resource's realistic provisioning time T, scaled; the workflows get
 * the same scaled expectation. Baseline in the same run: a fixed-interval poller (5 s for Kafka, 10 s
 * for ECS, 30 s for a load balancer, scaled the same way) that polls from the moment it called.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AlibabaCloud, staticCredentials } from '../src/alicloud/client';
import { DEFAULT_ACCESS_KEY } from '../src/emulator/server';
import { REALISTIC_DURATIONS } from '../src/emulator/store';
import { startJob, type WorkflowName } from '../src/starters';
import { FAST } from '../test/helpers/provisioning';
import { median, type BenchStack } from './stack';

export interface ReadinessFigures {
  resource: string;
  /** The scaled provisioning time, ms. */
  tMs: number;
  /** Provisionings of the resource, each beside a baseline poller of its own. */
  provisionings: number;
  /** Workflow: from ready to the workflow's close, ms, and as a share of T (medians), and the worst share. */
  lagMs: number;
  lagShare: number;
  worstLagShare: number;
  /** Status calls per provisioning. */
  statusCalls: number;
  /** The fixed-interval poller: from ready to the poll that saw it (median), and its calls per provisioning. */
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

/** One provisioning: the workflow's lag, and the baseline poller's beside it. */
interface Sample {
  lagMs: number;
  baselineLagMs: number;
  baselineCalls: number;
}

/**
 * Every resource at once, `repetitions` provisionings each: the workflow and the baseline poller side
 * by side, at `timeScale`. Lags are medians (with the worst beside them), calls are per provisioning.
 */
export async function runReadiness(
  stack: BenchStack,
  timeScale: number,
  repetitions: number,
): Promise<ReadinessFigures[]> {
  await stack.admin.reset();
  await stack.admin.settings({ timeScale });
  const cloud = new AlibabaCloud({
    regionId: 'cn-hangzhou',
    endpointOverride: stack.emulatorEndpoint,
    credentials: staticCredentials(DEFAULT_ACCESS_KEY),
  });
  const { worker, taskQueue } = await stack.startWorker('real');
  try {
    const provision = async (resource: Resource, name: string) => {
      // No expected durations: the workflow waits on the emulator's clock, which its answers give.
      const input = resource.input(name);
      const [workflow, baseline] = await Promise.all([
        (async () => {
          const handle = await startJob(stack.client, resource.workflow, input as never, { taskQueue });
          const result = (await handle.result()) as unknown as Record<string, unknown>;
          const { closeTime } = await handle.describe();
          return { result, closedAt: closeTime!.getTime() };
        })(),
        resource.poll(cloud, resource.intervalMs * timeScale, name),
      ]);
      return { workflow, baseline };
    };
    const runs = await Promise.all(
      RESOURCES.map(async (resource, index) => ({
        resource,
        provisionings: await Promise.all(
          Array.from({ length: repetitions }, (_, run) =>
            provision(resource, `readiness-${index}-${run}-${Date.now()}`),
          ),
        ),
      })),
    );
    const state = await stack.admin.state();
    // When the emulator made a resource ready, by its id.
    const readyAt = (id: string) =>
      [...state.kafka, ...state.ecs, ...state.loadBalancers].find(
        (entry) => ('InstanceId' in entry ? entry.InstanceId : entry.LoadBalancerId) === id,
      )!.readyAt!;
    return runs.map(({ resource, provisionings }) => {
      const tMs = resource.realisticMs * timeScale;
      const samples: Sample[] = provisionings.map(({ workflow, baseline }) => ({
        lagMs: workflow.closedAt - readyAt(String(workflow.result.InstanceId ?? workflow.result.LoadBalancerId)),
        baselineLagMs: baseline.seenAt - readyAt(baseline.id),
        baselineCalls: baseline.calls,
      }));
      const lagMs = median(samples.map((sample) => sample.lagMs));
      const baselineLagMs = median(samples.map((sample) => sample.baselineLagMs));
      const baselineCalls = samples.reduce((sum, sample) => sum + sample.baselineCalls, 0);
      // The workflows' status reads are the emulator's count less the baselines' own.
      const allStatusCalls = Object.values(state.calls[resource.statusAction] ?? {}).reduce((sum, n) => sum + n, 0);
      return {
        resource: resource.name,
        tMs,
        provisionings: repetitions,
        lagMs,
        lagShare: lagMs / tMs,
        worstLagShare: Math.max(...samples.map((sample) => sample.lagMs)) / tMs,
        statusCalls: (allStatusCalls - baselineCalls) / repetitions,
        baselineIntervalMs: resource.intervalMs * timeScale,
        baselineLagMs,
        baselineLagShare: baselineLagMs / tMs,
        baselineStatusCalls: baselineCalls / repetitions,
      };
    });
  } finally {
    cloud.close();
    await worker.stop();
  }
}
