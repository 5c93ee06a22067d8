/**
 * Every kind of job, described once: its workflow, how the command line names it, its business key,
 * the API requests its input holds, and the settings it checks besides. The starters, the command
 * line, the local stack's examples and the tests read this table; nothing lists the kinds again.
 */
import type { ResourceKind } from './activities/inventory';
import type { RequestToValidate } from './activities/validate';
import type { PeriodicAction } from './actions';
import { DEFAULT_PERIOD_UNIT } from './policy/periods';
import type { ValidationIssue } from './schemas/issue';
import {
  adoptResource,
  provisionEcsInstance,
  provisionEnsLoadBalancer,
  provisionKafkaInstance,
  renewArmServerInstance,
  renewEcsInstance,
  renewEcsFleet,
  releaseResource,
  renewFleet,
} from './workflows';
import { ADOPTABLE_KINDS, adoptResourceRequests } from './workflows/adopt-resource';
import { fieldOf } from './workflows/job-input';
import { RELEASABLE_KINDS } from './workflows/release-resource';
import { resourceRefIssues } from './workflows/resources';
import { provisionEcsInstanceRequests } from './workflows/provision-ecs-instance';
import { provisionEnsLoadBalancerRequests } from './workflows/provision-ens-load-balancer';
import { provisionKafkaInstanceRequests } from './workflows/provision-kafka-instance';
import { renewArmServerInstanceRequests } from './workflows/renew-arm-server-instance';
import { renewEcsInstanceRequests } from './workflows/renew-ecs-instance';
import { renewEcsFleetRequests, renewEcsFleetSettingsIssues } from './workflows/renew-ecs-fleet';
import { renewFleetRequests, renewFleetSettingsIssues } from './workflows/renew-fleet';
import type { PeriodUnit } from './policy/periods';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any workflow's input, read through its own kind
type Workflow = (input: any) => Promise<unknown>;

export interface JobKind<W extends Workflow> {
  workflow: W;
  /** The command that starts it: `provision <kind>` (its example is `examples/<kind>.json`), `renew <kind>`, `schedule create <kind>`, `adopt`, `release`. */
  command: 'provision' | 'renew' | 'schedule' | 'adopt' | 'release';
  kind: string;
  /** The id a job gets unless its starter names one: starting the same job twice attaches to the one running. */
  businessKey(input: Parameters<W>[0]): string;
  /** The API requests its input holds, checked by the client before it starts and by the job's first step. */
  requests(input: Parameters<W>[0]): RequestToValidate[];
  /** Issues of its settings besides the requests and the options every job has. */
  settingsIssues?(input: Parameters<W>[0]): ValidationIssue[];
  /** For a renewal: the action it renews with, whose periods its command offers. */
  renews?: PeriodicAction;
  /** What the job buys or renews, and the field of its result and progress that names it: the inventory joins on it. */
  resource?: JobResource;
  /** For a scheduled kind: its input, from the options of `schedule create`. */
  scheduled?(options: ScheduleOptions): Parameters<W>[0];
}

/** What `schedule create` gives a scheduled kind to make its input from. */
export interface ScheduleOptions {
  window: string;
  period: number;
  periodUnit: PeriodUnit;
  regions?: string[];
  concurrency?: number;
}

export interface JobResource {
  /** The kind of resource; left out where the job's result names it (`kind`), as adopt and release do. */
  kind?: ResourceKind;
  /** The field of the job's result (and progress) that holds the resource's id. */
  id: 'InstanceId' | 'LoadBalancerId' | 'ResourceId';
  /** What the job does to it: buys it (the job's own), renews it, takes it over, or gives it back. */
  role: 'bought' | 'renewed' | 'adopted' | 'released';
}

const jobKind = <W extends Workflow>(kind: JobKind<W>) => kind;

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

export const JOBS = {
  provisionKafkaInstance: jobKind({
    workflow: provisionKafkaInstance,
    resource: { kind: 'kafka', id: 'InstanceId', role: 'bought' },
    command: 'provision',
    kind: 'kafka',
    businessKey: (input) =>
      `kafka-create:${input.order.RegionId}:${key('provisionKafkaInstance', 'deploy.Name', input.deploy.Name)}`,
    requests: provisionKafkaInstanceRequests,
  }),
  provisionEcsInstance: jobKind({
    workflow: provisionEcsInstance,
    resource: { kind: 'ecs', id: 'InstanceId', role: 'bought' },
    command: 'provision',
    kind: 'ecs',
    businessKey: (input) =>
      `ecs-create:${key('provisionEcsInstance', 'request.ClientToken or request.InstanceName', input.request.ClientToken, input.request.InstanceName)}`,
    requests: provisionEcsInstanceRequests,
  }),
  provisionEnsLoadBalancer: jobKind({
    workflow: provisionEnsLoadBalancer,
    resource: { kind: 'ens-lb', id: 'LoadBalancerId', role: 'bought' },
    command: 'provision',
    kind: 'ens-lb',
    businessKey: (input) =>
      `ens-lb-create:${key('provisionEnsLoadBalancer', 'request.ClientToken or request.LoadBalancerName', input.request.ClientToken, input.request.LoadBalancerName)}`,
    requests: provisionEnsLoadBalancerRequests,
  }),
  renewArmServerInstance: jobKind({
    workflow: renewArmServerInstance,
    resource: { kind: 'ens-arm', id: 'InstanceId', role: 'renewed' },
    command: 'renew',
    kind: 'ens-arm',
    businessKey: (input) =>
      `ens-arm-renew:${input.request.InstanceId}:${input.request.Period}${input.request.PeriodUnit}`,
    requests: renewArmServerInstanceRequests,
    renews: 'ens:RenewARMServerInstance',
  }),
  renewEcsInstance: jobKind({
    workflow: renewEcsInstance,
    resource: { kind: 'ecs', id: 'InstanceId', role: 'renewed' },
    command: 'renew',
    kind: 'ecs',
    businessKey: (input) =>
      `ecs-renew:${input.request.InstanceId}:${input.request.Period}${input.request.PeriodUnit ?? DEFAULT_PERIOD_UNIT}`,
    requests: renewEcsInstanceRequests,
    renews: 'ecs:RenewInstance',
  }),
  renewFleet: jobKind({
    workflow: renewFleet,
    command: 'schedule',
    kind: 'renew-arm',
    // Two fleet renewals may overlap safely: each server's renewal has a business key of its own.
    businessKey: (input) => `ens-arm-fleet-renew:${input.window}:${input.renewal.Period}${input.renewal.PeriodUnit}`,
    requests: renewFleetRequests,
    renews: 'ens:RenewARMServerInstance',
    settingsIssues: renewFleetSettingsIssues,
    // --regions narrows the servers to those ENS regions.
    scheduled: (options) => ({
      window: options.window,
      renewal: { Period: options.period, PeriodUnit: options.periodUnit },
      filters: options.regions ? { EnsRegionIds: options.regions } : undefined,
      concurrency: options.concurrency,
    }),
  }),
  renewEcsFleet: jobKind({
    workflow: renewEcsFleet,
    command: 'schedule',
    kind: 'renew-ecs',
    businessKey: (input) =>
      `ecs-fleet-renew:${Array.isArray(input.regions) ? input.regions.join(',') : ''}:${input.window}:${input.renewal.Period}${input.renewal.PeriodUnit ?? DEFAULT_PERIOD_UNIT}`,
    requests: renewEcsFleetRequests,
    renews: 'ecs:RenewInstance',
    settingsIssues: renewEcsFleetSettingsIssues,
    // --regions are the regions it lists, and it needs at least one.
    scheduled: (options) => ({
      regions: options.regions ?? [],
      window: options.window,
      renewal: { Period: options.period, PeriodUnit: options.periodUnit },
      concurrency: options.concurrency,
    }),
  }),
  adoptResource: jobKind({
    workflow: adoptResource,
    command: 'adopt',
    kind: 'resource',
    businessKey: (input) => `adopt:${input.resource.kind}:${input.resource.ResourceId}`,
    requests: adoptResourceRequests,
    settingsIssues: (input) => resourceRefIssues(fieldOf(input, 'resource'), ADOPTABLE_KINDS),
    resource: { id: 'ResourceId', role: 'adopted' },
  }),
  releaseResource: jobKind({
    workflow: releaseResource,
    command: 'release',
    kind: 'resource',
    businessKey: (input) => `release:${input.resource.kind}:${input.resource.ResourceId}`,
    requests: () => [],
    settingsIssues: (input) => resourceRefIssues(fieldOf(input, 'resource'), RELEASABLE_KINDS),
    resource: { id: 'ResourceId', role: 'released' },
  }),
};

export type WorkflowName = keyof typeof JOBS;
export type InputOf<W extends WorkflowName> = Parameters<(typeof JOBS)[W]['workflow']>[0];

/** The job kinds one command starts, by the name the command line gives them (`ecs`, `kafka`, ...). */
export function kindsOf(command: JobKind<Workflow>['command']): Readonly<Record<string, WorkflowName>> {
  return Object.fromEntries(
    (Object.keys(JOBS) as WorkflowName[])
      .filter((name) => JOBS[name].command === command)
      .map((name) => [JOBS[name].kind, name]),
  );
}

/** The id a job gets unless its starter names one. */
export function businessKey<W extends WorkflowName>(name: W, input: InputOf<W>): string {
  return (JOBS[name] as JobKind<Workflow>).businessKey(input);
}
