/**
 * The mixed load every scenario runs: the five kinds of job in turn (Kafka, ECS and load balancer
 * provisionings, ARM server and ECS renewals), each with a name of its own, so that the emulator's
 * admin state can say afterwards whether each job bought or renewed exactly once.
 */
import { isGrpcServiceError, ServiceError, WorkflowFailedError, type Client } from '@temporalio/client';
import { AlibabaCloud, staticCredentials } from '../../src/alicloud/client';
import type { AccessKey } from '../../src/emulator/signature';
import type { EmulatorSnapshot } from '../../src/emulator/store';
import { startJob, type WorkflowName } from '../../src/starters';
import { FAST } from '../helpers/provisioning';
import type { EmulatorAdmin } from '../helpers/cloud-processes';

export const KINDS = [
  'provisionKafkaInstance',
  'provisionEcsInstance',
  'provisionEnsLoadBalancer',
  'renewArmServerInstance',
  'renewEcsInstance',
] as const satisfies readonly WorkflowName[];
export type Kind = (typeof KINDS)[number];

/** Passwords of the ECS instances and Kafka users the load sets: the secrets scan looks for each. */
export const PASSWORDS = ['Chaos-Ecs-Pw0rd!', 'Chaos-Kafka-Pw0rd'];

export interface Job {
  kind: Kind;
  /** The resource's name (provisionings) or id (renewals): what the admin state is checked by. */
  key: string;
  input: unknown;
}

const DAY_MS = 24 * 3_600_000;

function provisioning(kind: Kind, name: string, index: number): unknown {
  switch (kind) {
    case 'provisionKafkaInstance': {
      const input = FAST.kafka(name);
      // Every other instance is an Internet one with a user and password.
      const deploy =
        index % 2 === 0
          ? input.deploy
          : {
              ...input.deploy,
              DeployModule: 'eip',
              IsEipInner: true,
              IsSetUserAndPassword: true,
              Username: 'chaos',
              Password: PASSWORDS[1],
            };
      const order = {
        ...input.order,
        ...(index % 2 === 0 ? {} : { DeployType: 4, EipMax: 3 }),
        Tag: [{ Key: 'chaos-job', Value: name }],
      };
      return { ...input, order, deploy };
    }
    case 'provisionEcsInstance': {
      const input = FAST.ecs(name);
      return { ...input, request: { ...input.request, Password: PASSWORDS[0] } };
    }
    default:
      return FAST.loadBalancer(name);
  }
}

/**
 * `count` jobs named after `label`; the servers and instances the renewals renew are created first
 * (ARM servers through the admin API, subscription ECS instances through the signed API).
 */
export async function prepareWorkload(
  setup: { admin: EmulatorAdmin; endpoint: string; key: AccessKey },
  count: number,
  label: string,
): Promise<Job[]> {
  const kinds = Array.from({ length: count }, (_, index) => KINDS[index % KINDS.length]!);
  const renewing = (kind: Kind) => kinds.filter((each) => each === kind).length;
  const servers = await setup.admin.seedArmServers({
    count: renewing('renewArmServerInstance'),
    expiresFrom: Date.now() + DAY_MS,
    expiresWithinMs: DAY_MS,
  });
  const cloud = new AlibabaCloud({
    regionId: 'cn-hangzhou',
    endpointOverride: setup.endpoint,
    credentials: staticCredentials(setup.key),
  });
  const instances: string[] = [];
  try {
    for (let index = 0; index < renewing('renewEcsInstance'); index++) {
      const created = await cloud.call('ecs:CreateInstance', {
        RegionId: 'cn-hangzhou',
        InstanceType: 'ecs.g7.large',
        ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
        InstanceName: `${label}-subscription-${index}`,
        InstanceChargeType: 'PrePaid',
        Period: 1,
      });
      instances.push(created.InstanceId as string);
    }
  } finally {
    cloud.close();
  }
  return kinds.map((kind, index) => {
    if (kind === 'renewArmServerInstance') {
      const InstanceId = servers.pop()!;
      return { kind, key: InstanceId, input: { request: { InstanceId, Period: 1, PeriodUnit: 'Month' } } };
    }
    if (kind === 'renewEcsInstance') {
      const InstanceId = instances.pop()!;
      return {
        kind,
        key: InstanceId,
        input: { RegionId: 'cn-hangzhou', request: { InstanceId, Period: 1, PeriodUnit: 'Month' } },
      };
    }
    const name = `${label}-${kind.replace(/^provision/, '').toLowerCase()}-${index}`;
    return { kind, key: name, input: provisioning(kind, name, index) };
  });
}

export interface JobOutcome {
  job: Job;
  workflowId: string;
  /** The workflow's result, or the failure it ended with. */
  result?: Record<string, unknown>;
  failure?: WorkflowFailedError;
}

/** Starts every job (a few at a time), retrying a start the server could not take (it may be restarting). */
export async function startWorkload(client: Client, taskQueue: string, jobs: Job[]): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < jobs.length; index += 20) {
    const batch = jobs
      .slice(index, index + 20)
      .map(({ kind, input }) =>
        untilServed(async () => (await startJob(client, kind, input as never, { taskQueue })).workflowId),
      );
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}

/**
 * Waits for one job's end. A result that cannot be read because the server is down (restarting) is
 * asked again; the workflow's own failure is an outcome.
 */
export async function outcomeOf(client: Client, job: Job, workflowId: string): Promise<JobOutcome> {
  try {
    const result = await untilServed(() => client.workflow.getHandle(workflowId).result() as Promise<object>);
    return { job, workflowId, result: result as Record<string, unknown> };
  } catch (error) {
    if (error instanceof WorkflowFailedError) return { job, workflowId, failure: error };
    throw error;
  }
}

// gRPC status codes of a server that is down or restarting.
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

function serverDown(error: unknown): boolean {
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (!isGrpcServiceError(grpc)) return false;
  const code = Number(grpc.code);
  return code === UNAVAILABLE || code === DEADLINE_EXCEEDED;
}

/**
 * Runs `read` until the Temporal server answers it: asked again only while the server is down (as
 * when it restarts), for at most `timeoutMs`; any other error is the caller's.
 */
async function untilServed<T>(read: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (!serverDown(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** What the emulator's state says about a set of jobs. */
export interface Tally {
  jobs: number;
  completed: number;
  failed: number;
  /** Failure codes of the failed jobs, with counts. */
  failedByCode: Record<string, number>;
  /**
   * Completed jobs whose resource or renewal the emulator does not have (or has under another id, or
   * in another state than the job reported), and failed jobs that bought something their failure
   * does not name (must be 0).
   */
  lost: number;
  /** Resources or renewals beyond one per job (must be 0). */
  duplicates: number;
}

/** Resources (or renewals) the emulator holds for a job. */
function countFor(job: Job, state: EmulatorSnapshot): number {
  switch (job.kind) {
    case 'provisionKafkaInstance':
      return state.ordersPerTag[`chaos-job=${job.key}`] ?? 0;
    case 'provisionEcsInstance':
      return state.ecs.filter((instance) => instance.InstanceName === job.key).length;
    case 'provisionEnsLoadBalancer':
      return state.loadBalancers.filter((balancer) => balancer.LoadBalancerName === job.key).length;
    default:
      return state.renewals[job.key] ?? 0;
  }
}

/**
 * Whether what a completed job reported is what the emulator holds: the same resource id, in the
 * state the job ended on (a renewal's count is checked by countFor).
 */
function matches(job: Job, result: Record<string, unknown>, state: EmulatorSnapshot): boolean {
  switch (job.kind) {
    case 'provisionKafkaInstance': {
      const held = state.kafka.find((instance) => instance.Tags.some((tag) => tag.Value === job.key));
      return held?.InstanceId === result.InstanceId && held?.ServiceStatus === 5;
    }
    case 'provisionEcsInstance': {
      const held = state.ecs.find((instance) => instance.InstanceName === job.key);
      return held?.InstanceId === result.InstanceId && held?.Status === result.Status;
    }
    case 'provisionEnsLoadBalancer': {
      const held = state.loadBalancers.find((balancer) => balancer.LoadBalancerName === job.key);
      return held?.LoadBalancerId === result.LoadBalancerId && held?.LoadBalancerStatus === 'Active';
    }
    default:
      return true;
  }
}

export function tally(outcomes: JobOutcome[], state: EmulatorSnapshot): Tally {
  const failedByCode: Record<string, number> = {};
  let lost = 0;
  let duplicates = 0;
  for (const outcome of outcomes) {
    const count = countFor(outcome.job, state);
    duplicates += Math.max(0, count - 1);
    if (outcome.failure) {
      const cause = outcome.failure.cause as { type?: string; details?: { resources?: object }[] } | undefined;
      const code = cause?.type ?? 'unknown';
      failedByCode[code] = (failedByCode[code] ?? 0) + 1;
      if (
        count > 0 &&
        outcome.job.kind.startsWith('provision') &&
        !Object.keys(cause?.details?.[0]?.resources ?? {}).length
      )
        lost++;
    } else if (count === 0 || !matches(outcome.job, outcome.result ?? {}, state)) {
      lost++;
    }
  }
  const failed = outcomes.filter((outcome) => outcome.failure).length;
  return { jobs: outcomes.length, completed: outcomes.length - failed, failed, failedByCode, lost, duplicates };
}
