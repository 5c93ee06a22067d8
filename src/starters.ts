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
  renewFleet,
} from './workflows';
import type { ProvisionEcsInstanceInput } from './workflows/provision-ecs-instance';
import type { ProvisionEnsLoadBalancerInput } from './workflows/provision-ens-load-balancer';
import type { ProvisionKafkaInstanceInput } from './workflows/provision-kafka-instance';
import type { RenewArmServerInstanceInput } from './workflows/renew-arm-server-instance';
import type { RenewEcsInstanceInput } from './workflows/renew-ecs-instance';
import type { RenewFleetInput } from './workflows/renew-fleet';
import { fleetSettingsIssues } from './workflows/fleet-settings';
import type { RequestIssue, RequestToValidate } from './activities/validate';
import { validateAction } from './schemas';
import { requestsToValidate } from './workflows/requests';
import { isRecord, jobInputIssues } from './workflows/job-input';

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
  // Two fleet renewals may overlap safely: each server's renewal has a business key of its own.
  renewFleet: (input: RenewFleetInput) =>
    `ens-arm-fleet-renew:${input.window}:${input.renewal.Period}${input.renewal.PeriodUnit}`,
};

const WORKFLOWS = {
  provisionKafkaInstance,
  provisionEcsInstance,
  provisionEnsLoadBalancer,
  renewArmServerInstance,
  renewEcsInstance,
  renewFleet,
};

export type WorkflowName = keyof typeof WORKFLOWS;

type InputOf<W extends WorkflowName> = Parameters<(typeof WORKFLOWS)[W]>[0];

export interface StartOptions {
  taskQueue: string;
  /** Overrides the business key. */
  workflowId?: string;
}

/** Thrown before a workflow is started when its input breaks documented rules. */
export class InvalidRequestError extends Error {
  constructor(readonly issues: RequestIssue[]) {
    super(
      `The request breaks ${issues.length} documented rule${issues.length === 1 ? '' : 's'}:\n${formatRequestIssues(issues)}`,
    );
    this.name = 'InvalidRequestError';
  }
}

/** One line per issue, naming the action when the input holds several requests. */
export function formatRequestIssues(issues: readonly RequestIssue[]): string {
  return issues.map((issue) => `  ${issue.action} ${issue.path || '(request)'}: ${issue.message}`).join('\n');
}

/** Every issue of the API requests in a workflow's input (none: it may be started). */
export function validateJobInput<W extends WorkflowName>(name: W, input: InputOf<W>): RequestIssue[] {
  const options = jobInputIssues(name, input).map((issue) => ({ action: name, ...issue }));
  // An input that is not an object has nothing more to check.
  if (!isRecord(input)) return options;
  const requests = (requestsToValidate[name] as (input: InputOf<W>) => RequestToValidate[])(input);
  const issues: RequestIssue[] = options;
  issues.push(
    ...requests.flatMap(({ action, request }) => {
      const result = validateAction(action, request);
      return result.ok ? [] : result.issues.map((issue) => ({ action, ...issue }));
    }),
  );
  if (name === 'renewFleet') {
    const fleet = input as RenewFleetInput;
    issues.push(
      ...fleetSettingsIssues(fleet, fleet.renewal ?? {}).map((issue) => ({ action: 'renewFleet' as const, ...issue })),
    );
  }
  return issues;
}

/**
 * Starts `name`, or attaches to the run already going under the same business key. The input is
 * validated first: an invalid one throws InvalidRequestError and nothing is started.
 */
export async function startJob<W extends WorkflowName>(
  client: Client,
  name: W,
  input: InputOf<W>,
  options: StartOptions,
): Promise<WorkflowHandleWithFirstExecutionRunId<(typeof WORKFLOWS)[W]>> {
  if (!Object.hasOwn(WORKFLOWS, name)) throw new Error(`no workflow named "${String(name).slice(0, 64)}"`);
  const issues = validateJobInput(name, input);
  if (issues.length > 0) throw new InvalidRequestError(issues);
  const workflowId = options.workflowId ?? (workflowIds[name] as (input: InputOf<W>) => string)(input);
  return client.workflow.start(WORKFLOWS[name], {
    taskQueue: options.taskQueue,
    workflowId,
    args: [input] as Parameters<(typeof WORKFLOWS)[W]>,
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
