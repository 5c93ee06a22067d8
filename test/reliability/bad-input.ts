/**
 * 5. Bad input: a table of invalid requests for every workflow. Each must be refused twice over, by
 * `startJob` before anything starts (as the CLI and a portal use it) and by the workflow's own first
 * step when started directly (as a client that skips the check would), with the parameter named as
 * the API names it, and without a single call reaching the cloud.
 */
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { InvalidRequestError, startJob, type WorkflowName } from '../../src/starters';
import * as workflows from '../../src/workflows';
import { FAST } from '../helpers/provisioning';
import type { ChaosStack } from './stack';

export interface BadInputCase {
  workflow: WorkflowName;
  title: string;
  input: unknown;
  /** The parameter the refusal must name. */
  parameter: string;
}

const kafka = FAST.kafka('bad-input-kafka');
const ecs = FAST.ecs('bad-input-ecs');
const balancer = FAST.loadBalancer('bad-input-lb');
const arm = (request: object) => ({
  request: { InstanceId: 'aic-bad-input', Period: 1, PeriodUnit: 'Month', ...request },
});
const renewEcs = (request: object) => ({
  RegionId: 'cn-hangzhou',
  request: { InstanceId: 'i-bad-input', Period: 1, PeriodUnit: 'Month', ...request },
});

export const BAD_INPUTS: BadInputCase[] = [
  {
    workflow: 'provisionKafkaInstance',
    title: 'DeployType that is neither 4 nor 5',
    input: { ...kafka, order: { ...kafka.order, DeployType: 3 } },
    parameter: 'DeployType',
  },
  {
    workflow: 'provisionKafkaInstance',
    title: 'DeployModule public',
    input: { ...kafka, deploy: { ...kafka.deploy, DeployModule: 'public' } },
    parameter: 'DeployModule',
  },
  {
    workflow: 'provisionKafkaInstance',
    title: 'no RegionId',
    input: { ...kafka, order: { ...kafka.order, RegionId: undefined } },
    parameter: 'RegionId',
  },
  {
    workflow: 'provisionEcsInstance',
    title: 'a 5-character Password',
    input: { ...ecs, request: { ...ecs.request, Password: 'Sh0r!' } },
    parameter: 'Password',
  },
  {
    workflow: 'provisionEcsInstance',
    title: 'no InstanceType',
    input: { ...ecs, request: { ...ecs.request, InstanceType: undefined } },
    parameter: 'InstanceType',
  },
  {
    workflow: 'provisionEcsInstance',
    title: 'a 10 GiB system disk',
    input: { ...ecs, request: { ...ecs.request, SystemDisk: { Category: 'cloud_essd', Size: 10 } } },
    parameter: 'SystemDisk.Size',
  },
  {
    workflow: 'provisionEcsInstance',
    title: 'a subscription for 7 months',
    input: { ...ecs, request: { ...ecs.request, InstanceChargeType: 'PrePaid', Period: 7, PeriodUnit: 'Month' } },
    parameter: 'Period',
  },
  {
    workflow: 'provisionEnsLoadBalancer',
    title: 'PayType PrePaid',
    input: { ...balancer, request: { ...balancer.request, PayType: 'PrePaid' } },
    parameter: 'PayType',
  },
  {
    workflow: 'provisionEnsLoadBalancer',
    title: 'no EnsRegionId',
    input: { ...balancer, request: { ...balancer.request, EnsRegionId: undefined } },
    parameter: 'EnsRegionId',
  },
  { workflow: 'renewArmServerInstance', title: 'Period 0', input: arm({ Period: 0 }), parameter: 'Period' },
  {
    workflow: 'renewArmServerInstance',
    title: 'PeriodUnit Week',
    input: arm({ PeriodUnit: 'Week' }),
    parameter: 'PeriodUnit',
  },
  {
    workflow: 'renewArmServerInstance',
    title: 'an empty InstanceId',
    input: arm({ InstanceId: '' }),
    parameter: 'InstanceId',
  },
  { workflow: 'renewEcsInstance', title: 'Period 13 months', input: renewEcs({ Period: 13 }), parameter: 'Period' },
  {
    workflow: 'renewEcsInstance',
    title: 'PeriodUnit Day',
    input: renewEcs({ PeriodUnit: 'Day' }),
    parameter: 'PeriodUnit',
  },
  {
    workflow: 'renewEcsInstance',
    title: 'no InstanceId',
    input: renewEcs({ InstanceId: undefined }),
    parameter: 'InstanceId',
  },
  {
    workflow: 'renewFleet',
    title: 'a window longer than the renewal period',
    input: { window: '40d', renewal: { Period: 1, PeriodUnit: 'Month' } },
    parameter: 'window',
  },
  {
    workflow: 'renewFleet',
    title: 'concurrency 0',
    input: { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' }, concurrency: 0 },
    parameter: 'concurrency',
  },
  {
    workflow: 'renewEcsFleet',
    title: 'no regions',
    input: { regions: [], window: '7d', renewal: { Period: 1 } },
    parameter: 'regions',
  },
  {
    workflow: 'renewEcsFleet',
    title: 'Status Sleeping',
    input: { regions: ['cn-hangzhou'], window: '7d', renewal: { Period: 1 }, filters: { Status: 'Sleeping' } },
    parameter: 'filters.Status',
  },
];

export interface BadInputResult {
  case: BadInputCase;
  /** What startJob said (it must name the parameter). */
  refusedBeforeStart: string;
  /** The failure of the workflow started without the check: its type and message. */
  workflowFailure: { type: string; message: string };
}

async function refusal(client: Client, taskQueue: string, each: BadInputCase): Promise<string> {
  try {
    await startJob(client, each.workflow, each.input as never, { taskQueue, workflowId: `bad-input-${randomUUID()}` });
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.message;
    throw error;
  }
  throw new Error(`startJob accepted ${each.workflow} with ${each.title}`);
}

async function workflowFailure(client: Client, taskQueue: string, each: BadInputCase) {
  const handle = await client.workflow.start(workflows[each.workflow] as () => Promise<unknown>, {
    taskQueue,
    workflowId: `bad-input-${randomUUID()}`,
    args: [each.input] as never,
  });
  try {
    await handle.result();
  } catch (error) {
    if (error instanceof WorkflowFailedError) {
      const cause = error.cause as { type?: string; message?: string } | undefined;
      return { type: cause?.type ?? 'unknown', message: cause?.message ?? '' };
    }
    throw error;
  }
  throw new Error(`${each.workflow} with ${each.title} completed`);
}

/** Runs the table on one worker; returns each case's refusals and the API calls the emulator received meanwhile. */
export async function badInput(
  stack: ChaosStack,
  cases: BadInputCase[] = BAD_INPUTS,
): Promise<{ results: BadInputResult[]; apiCalls: number }> {
  const calls = async () =>
    Object.values((await stack.emulator.admin.state()).calls)
      .flatMap((codes) => Object.values(codes))
      .reduce((sum, count) => sum + count, 0);
  const before = await calls();
  await stack.startWorkers(1);
  try {
    const results = await Promise.all(
      cases.map(async (each) => ({
        case: each,
        refusedBeforeStart: await refusal(stack.client, stack.taskQueue, each),
        workflowFailure: await workflowFailure(stack.client, stack.taskQueue, each),
      })),
    );
    return { results, apiCalls: (await calls()) - before };
  } finally {
    await stack.stopWorkers();
  }
}
