/**
 * `alicloud-provisioner inventory`: every resource the jobs bought or renewed, found both ways (the
 * cloud, by the job tag and by the ids the jobs name; Temporal, by the jobs and their results), joined
 * into one table with what does not add up flagged. Exit 5 when anything is flagged.
 */
import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { LookUpRequest, ResourceKind } from '../activities/inventory';
import { JOBS, type JobResource, type WorkflowName } from '../job-kinds';
import { own } from '../schemas/lookup';
import { lookUpResources } from '../workflows/look-up-resources';
import { progressQuery } from '../workflows/progress';
import { joinInventory, type InventoryRow, type JobRecord } from '../inventory/join';
import type { ScheduleRecord } from '../inventory/coverage';
import type { AdoptResourceInput } from '../workflows/adopt-resource';
import { readInput } from './input';
import { ExitCode, print, startAndMaybeFollow, type OutputOptions } from './jobs';

export interface InventoryOptions extends OutputOptions {
  /** Only these regions' ECS and Kafka instances (default: the worker's region and those the jobs name). */
  region?: string[];
  /** `expiring`: a subscription that expires within this, in ms. */
  window: number;
}

/** Jobs read at once: each costs a result or a query. */
const JOBS_AT_ONCE = 20;

/** The kinds of job that buy or renew a resource, by workflow type. */
const RESOURCE_JOBS = new Map(
  (Object.keys(JOBS) as WorkflowName[]).flatMap((name): [string, JobResource][] => {
    const spec = (JOBS[name] as { resource?: JobResource }).resource;
    return spec ? [[name, spec]] : [];
  }),
);

const KINDS: readonly string[] = ['ecs', 'kafka', 'ens-lb', 'ens-arm'] satisfies ResourceKind[];

/**
 * The resource a job names: from its result when it completed, else from its progress (a query the
 * worker answers by replaying the job, whatever state it ended in). Undefined when neither tells, or,
 * for a job whose result names the kind (adopt, release), when it did not complete.
 */
async function resourceOf(handle: WorkflowHandle, status: string, spec: JobResource): Promise<JobRecord['resource']> {
  if (!spec.kind && status !== 'COMPLETED') return undefined;
  try {
    const named: Record<string, unknown> =
      status === 'COMPLETED'
        ? ((await handle.result()) as Record<string, unknown>)
        : (await handle.query(progressQuery)).resources;
    const ResourceId = named[spec.id];
    const kind = spec.kind ?? named.kind;
    if (typeof ResourceId !== 'string' || typeof kind !== 'string' || !KINDS.includes(kind)) return undefined;
    const RegionId = typeof named.RegionId === 'string' ? named.RegionId : undefined;
    return { kind: kind as ResourceKind, ResourceId, RegionId, role: spec.role };
  } catch {
    return undefined;
  }
}

async function jobRecords(client: Client, taskQueue: string): Promise<JobRecord[]> {
  // A quote would end the query's string: such a task queue cannot be named in it.
  if (/['"\\]/.test(taskQueue))
    throw new Error(`the task queue ${JSON.stringify(taskQueue)} cannot be queried: it holds a quote or a backslash`);
  const types = [...RESOURCE_JOBS.keys()].map((type) => `'${type}'`).join(', ');
  const query = `TaskQueue = '${taskQueue}' AND WorkflowType IN (${types})`;
  const listed: { workflowId: string; runId: string; workflowType: string; status: string }[] = [];
  for await (const info of client.workflow.list({ query })) {
    listed.push({ workflowId: info.workflowId, runId: info.runId, workflowType: info.type, status: info.status.name });
  }
  const records: JobRecord[] = [];
  for (let start = 0; start < listed.length; start += JOBS_AT_ONCE) {
    const batch = listed.slice(start, start + JOBS_AT_ONCE);
    records.push(
      ...(await Promise.all(
        batch.map(async (job) => ({
          ...job,
          resource: await resourceOf(
            client.workflow.getHandle(job.workflowId, job.runId),
            job.status,
            RESOURCE_JOBS.get(job.workflowType)!,
          ),
        })),
      )),
    );
  }
  return records;
}

/** The schedules that start their runs on this deployment's task queue. */
async function scheduleRecords(client: Client, taskQueue: string): Promise<ScheduleRecord[]> {
  const records: ScheduleRecord[] = [];
  for await (const summary of client.schedule.list()) {
    const description = await client.schedule.getHandle(summary.scheduleId).describe();
    const { action } = description;
    if (action.type !== 'startWorkflow' || action.taskQueue !== taskQueue) continue;
    records.push({
      scheduleId: summary.scheduleId,
      paused: description.state.paused,
      workflowType: action.workflowType,
      input: action.args?.[0] as unknown,
    });
  }
  return records;
}

/** What the worker is asked to look up in the cloud: the regions to list, and the ids only the jobs know. */
function lookUpRequest(jobs: readonly JobRecord[], regions: string[] | undefined): LookUpRequest {
  const named = (kind: string, role?: string) =>
    jobs.flatMap(({ resource }) => (resource?.kind === kind && (!role || resource.role === role) ? [resource] : []));
  const jobRegions = jobs.flatMap(({ resource }) => (resource?.RegionId ? [resource.RegionId] : []));
  return {
    regions: [...new Set(regions ?? jobRegions)],
    ecsInstances: named('ecs', 'renewed').flatMap(({ ResourceId, RegionId }) =>
      RegionId ? [{ InstanceId: ResourceId, RegionId }] : [],
    ),
    loadBalancerIds: named('ens-lb').map((resource) => resource.ResourceId),
    armServerIds: named('ens-arm').map((resource) => resource.ResourceId),
  };
}

const COLUMNS: [string, (row: InventoryRow) => string][] = [
  ['RESOURCE', (row) => row.ResourceId],
  ['KIND', (row) => row.kind],
  ['REGION', (row) => row.RegionId ?? '-'],
  ['STATUS', (row) => row.Status],
  ['EXPIRES', (row) => row.ExpiredTime ?? '-'],
  ['JOB', (row) => row.workflowId ?? '-'],
  ['JOB STATE', (row) => row.jobStatus ?? '-'],
  ['FLAGS', (row) => row.flags.join(',') || '-'],
];

function table(rows: readonly InventoryRow[]): string {
  const cells = [COLUMNS.map(([title]) => title), ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))];
  const widths = COLUMNS.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  return cells
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function summary(rows: readonly InventoryRow[]): { resources: number; flagged: Record<string, number> } {
  const flagged: Record<string, number> = {};
  for (const flag of rows.flatMap((row) => row.flags)) flagged[flag] = (own(flagged, flag) ?? 0) + 1;
  return { resources: rows.length, flagged };
}

/** The inventory's rows: both looks, joined. */
async function takeInventory(client: Client, taskQueue: string, options: InventoryOptions): Promise<InventoryRow[]> {
  const [jobs, schedules] = await Promise.all([jobRecords(client, taskQueue), scheduleRecords(client, taskQueue)]);
  // With --region, a job whose resource is elsewhere is out of scope: its resource is not listed.
  const inScope = jobs.filter(
    (job) => !options.region || !job.resource?.RegionId || options.region.includes(job.resource.RegionId),
  );
  const cloud = await client.workflow.execute(lookUpResources, {
    taskQueue,
    workflowId: `inventory:${randomUUID()}`,
    args: [lookUpRequest(inScope, options.region)],
  });
  return joinInventory(cloud, inScope, schedules, { now: Date.now(), windowMs: options.window }).filter(
    (row) => !options.region || !row.RegionId || options.region.includes(row.RegionId),
  );
}

export async function inventory(client: Client, taskQueue: string, options: InventoryOptions): Promise<number> {
  const rows = await takeInventory(client, taskQueue, options);
  const counts = summary(rows);
  const flags = Object.entries(counts.flagged).map(([flag, count]) => `${count} ${flag}`);
  print(
    options,
    { ...counts, rows },
    `${table(rows)}\n\n${counts.resources} resource${counts.resources === 1 ? '' : 's'}; ${flags.length ? `flagged: ${flags.join(', ')}` : 'nothing flagged'}`,
  );
  return flags.length > 0 ? ExitCode.flagged : ExitCode.ok;
}

export interface ActOptions extends OutputOptions {
  /** Act on a resource the provisioner did not buy, or on a subscription. */
  force?: boolean;
  region?: string[];
  /** adopt, Kafka: a JSON file of StartInstance's parameters, for an instance that waits for its deploy. */
  deploy?: string;
  id?: string;
}

/** Why `command` should leave `row` alone; --force overrides every one. */
function refusals(row: InventoryRow, command: 'adopt' | 'release'): string[] {
  const reasons: string[] = [];
  if (!row.bought)
    reasons.push('the provisioner did not buy it (it carries no job tag, and no job names it as bought)');
  if (row.ExpiredTime !== undefined) {
    reasons.push(
      `it is a subscription (PrePaid) paid until ${row.ExpiredTime}${command === 'release' ? ': releasing it gives up the time paid for' : ''}`,
    );
  }
  if (command === 'adopt' && row.bought && !row.flags.includes('orphan'))
    reasons.push(`it is no orphan: job ${row.workflowId ?? '?'} (${row.jobStatus ?? '?'}) owns it`);
  return reasons;
}

/**
 * `adopt` and `release`: find the resource as the inventory does, refuse what the provisioner should
 * not touch (unless --force), then start the job that takes it over or gives it back.
 */
export async function act(
  client: Client,
  taskQueue: string,
  command: 'adopt' | 'release',
  ResourceId: string,
  options: ActOptions,
): Promise<number> {
  const rows = await takeInventory(client, taskQueue, { region: options.region, window: 0, json: options.json });
  const row = rows.find((each) => each.ResourceId === ResourceId);
  // A release of what a completed job bought and is gone only records that it is gone.
  if (!row || (command === 'adopt' && row.Status === 'absent')) {
    console.error(
      `no resource ${ResourceId} found among what the jobs bought or renewed (see: alicloud-provisioner inventory)`,
    );
    return ExitCode.other;
  }
  const reasons = refusals(row, command);
  if (reasons.length > 0 && !options.force) {
    console.error(`refusing to ${command} ${ResourceId}: ${reasons.join('; ')}. Pass --force to ${command} it anyway.`);
    return ExitCode.invalidInput;
  }
  const resource = {
    kind: row.kind,
    ResourceId,
    RegionId: row.kind === 'ecs' || row.kind === 'kafka' ? row.RegionId : undefined,
  };
  if (command === 'release') return startAndMaybeFollow(client, 'releaseResource', { resource }, taskQueue, options);
  const deploy = options.deploy === undefined ? undefined : (readInput(options.deploy) as AdoptResourceInput['deploy']);
  return startAndMaybeFollow(client, 'adoptResource', { resource, deploy }, taskQueue, options);
}
