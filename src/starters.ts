/**
 * Typed helpers that start the workflows. A workflow's id is its business key, and starting a job
 * that is already running attaches to it (WorkflowIdConflictPolicy USE_EXISTING): a second start
 * from CI or a portal never buys twice.
 */
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import {
  provisionEcsInstance,
  provisionEnsLoadBalancer,
  provisionKafkaInstance,
  renewArmServerInstance,
  renewEcsInstance,
} from './workflows';
import type { ProvisionEcsInstanceInput } from './workflows/provision-ecs-instance';
import type { ProvisionEnsLoadBalancerInput } from './workflows/provision-ens-load-balancer';
import type { ProvisionKafkaInstanceInput } from './workflows/provision-kafka-instance';
import type { RenewArmServerInstanceInput } from './workflows/renew-arm-server-instance';
import type { RenewEcsInstanceInput } from './workflows/renew-ecs-instance';

/** Thrown when an input has nothing to make a business key from. */
export class MissingBusinessKeyError extends Error {
  constructor(workflow: string, what: string) {
    super(`${workflow} needs a business key: give ${what}, or pass a workflow id`);
    this.name = 'MissingBusinessKeyError';
  }
}

function key(workflow: string, what: string, ...candidates: (string | number | undefined)[]): string {
  const parts = candidates.filter((part) => part !== undefined && part !== '');
  if (parts.length === 0) throw new MissingBusinessKeyError(workflow, what);
  return String(parts[0]);
}

/** The business keys: the id each workflow gets unless the caller names one. */
export const workflowIds = {
  provisionKafkaInstance: (input: ProvisionKafkaInstanceInput) =>
    `kafka-create:${input.order.RegionId}:${key('provisionKafkaInstance', 'deploy.Name', input.deploy.Name)}`,
  provisionEcsInstance: (input: ProvisionEcsInstanceInput) =>
    `ecs-create:${key('provisionEcsInstance', 'request.ClientToken or request.InstanceName', input.request.ClientToken, input.request.InstanceName)}`,
  provisionEnsLoadBalancer: (input: ProvisionEnsLoadBalancerInput) =>
    `ens-lb-create:${key('provisionEnsLoadBalancer', 'request.ClientToken or request.LoadBalancerName', input.request.ClientToken, input.request.LoadBalancerName)}`,
  renewArmServerInstance: (input: RenewArmServerInstanceInput) =>
    `ens-arm-renew:${input.request.InstanceId}:${input.request.Period ?? 1}${input.request.PeriodUnit ?? 'Month'}`,
  renewEcsInstance: (input: RenewEcsInstanceInput) =>
    `ecs-renew:${input.request.InstanceId}:${input.request.Period}${input.request.PeriodUnit ?? 'Month'}`,
};

const WORKFLOWS = {
  provisionKafkaInstance,
  provisionEcsInstance,
  provisionEnsLoadBalancer,
  renewArmServerInstance,
  renewEcsInstance,
};

export type WorkflowName = keyof typeof WORKFLOWS;

type InputOf<W extends WorkflowName> = Parameters<(typeof WORKFLOWS)[W]>[0];

export interface StartOptions {
  taskQueue: string;
  /** Overrides the business key. */
  workflowId?: string;
}

/** Starts `name`, or attaches to the run already going under the same business key. */
export async function startJob<W extends WorkflowName>(
  client: Client,
  name: W,
  input: InputOf<W>,
  options: StartOptions,
): Promise<WorkflowHandleWithFirstExecutionRunId<(typeof WORKFLOWS)[W]>> {
  const workflowId = options.workflowId ?? (workflowIds[name] as (input: InputOf<W>) => string)(input);
  return client.workflow.start(WORKFLOWS[name], {
    taskQueue: options.taskQueue,
    workflowId,
    args: [input] as Parameters<(typeof WORKFLOWS)[W]>,
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
