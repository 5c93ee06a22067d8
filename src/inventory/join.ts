/**
 * The inventory's table: what the cloud holds (found by the job tag, or by the ids the jobs name)
 * joined with what Temporal knows of the jobs (their state, and the resource each bought or renewed),
 * and the flags an operator must look at. Pure: the command gathers, this decides.
 */
import { JOB_TAG_KEY } from '../actions';
import type { CloudResource, ResourceKind } from '../activities/inventory';
import { runTagValue } from '../activities/step';
import type { JobResource } from '../job-kinds';
import { parseExpiredTime } from '../policy/periods';
import { coveringSchedule, type ScheduleRecord } from './coverage';

/** A job as Temporal's visibility, its result or its progress show it. */
export interface JobRecord {
  workflowId: string;
  runId: string;
  workflowType: string;
  /** RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT, ... */
  status: string;
  /** What it bought, renewed, took over or gave back, when that is known. */
  resource?: { kind: ResourceKind; ResourceId: string; RegionId?: string; role: JobResource['role'] };
}

/**
 * - `orphan`: it exists, and the job that bought it failed, was cancelled, terminated or timed out, or
 *   is gone from Temporal;
 * - `missing`: a job that completed bought it, and it no longer exists, though no job released it;
 * - `expiring`: a subscription that expires within the window, and no schedule renews it.
 */
export type Flag = 'orphan' | 'missing' | 'expiring';

export interface InventoryRow {
  ResourceId: string;
  kind: ResourceKind;
  RegionId?: string;
  /** As the cloud shows it; `absent` when it no longer exists. */
  Status: string;
  ExpiredTime?: string;
  /** Whether a job bought it (rather than only renewed it). */
  bought: boolean;
  /** The job that owns it (bought or took it over), or that renewed it; `gone` when its tag names a run Temporal no longer has. */
  workflowId?: string;
  runId?: string;
  jobStatus?: string;
  /** The schedule that renews it, for a subscription. */
  renewedBy?: string;
  flags: Flag[];
}

/** Jobs that still own what they bought: a running one may yet release it, a completed one handed it over. */
const OWNING = new Set(['RUNNING', 'COMPLETED', 'CONTINUED_AS_NEW']);

/** The job that has the better claim: a running or completed one over one that ended otherwise, else the later. */
function better(current: JobRecord | undefined, candidate: JobRecord): JobRecord {
  if (!current) return candidate;
  return OWNING.has(candidate.status) && !OWNING.has(current.status) ? candidate : current;
}

function byResource(jobs: readonly JobRecord[], roles: readonly JobResource['role'][]): Map<string, JobRecord> {
  const found = new Map<string, JobRecord>();
  for (const job of jobs) {
    if (!job.resource || !roles.includes(job.resource.role)) continue;
    found.set(job.resource.ResourceId, better(found.get(job.resource.ResourceId), job));
  }
  return found;
}

/** The run a job tag names, unless it is a digest (of a run whose id was too long for a tag). */
function runOf(tag: string | undefined): { workflowId: string; runId: string } | undefined {
  const slash = tag?.lastIndexOf('/') ?? -1;
  if (tag === undefined || slash < 1 || tag.startsWith('sha256:')) return undefined;
  return { workflowId: tag.slice(0, slash), runId: tag.slice(slash + 1) };
}

export interface InventoryOptions {
  /** Epoch ms. */
  now: number;
  windowMs: number;
}

export function joinInventory(
  cloud: readonly CloudResource[],
  jobs: readonly JobRecord[],
  schedules: readonly ScheduleRecord[],
  options: InventoryOptions,
): InventoryRow[] {
  const byRunTag = new Map(jobs.map((job) => [runTagValue(`${job.workflowId}/${job.runId}`), job]));
  const buyers = byResource(jobs, ['bought']);
  // A job that took a resource over owns it from then on, as its buyer did.
  const adopters = byResource(jobs, ['adopted']);
  const renewers = byResource(jobs, ['renewed']);
  const released = new Set(
    jobs.flatMap((job) =>
      job.resource?.role === 'released' && job.status === 'COMPLETED' ? [job.resource.ResourceId] : [],
    ),
  );

  const rows = cloud.map((resource): InventoryRow => {
    const tag = resource.Tags.find((each) => each.Key === JOB_TAG_KEY)?.Value;
    const buyer = (tag === undefined ? undefined : byRunTag.get(tag)) ?? buyers.get(resource.ResourceId);
    const bought = tag !== undefined || buyer !== undefined;
    const adopter = adopters.get(resource.ResourceId);
    const owner = adopter && OWNING.has(adopter.status) ? adopter : buyer;
    const job = owner ?? renewers.get(resource.ResourceId);
    const expiry = resource.ExpiredTime === undefined ? undefined : parseExpiredTime(resource.ExpiredTime);
    const renewedBy = expiry === undefined ? undefined : coveringSchedule(resource, schedules);
    const flags: Flag[] = [];
    if (bought && !(owner && OWNING.has(owner.status))) flags.push('orphan');
    if (expiry !== undefined && expiry <= options.now + options.windowMs && !renewedBy) flags.push('expiring');
    return {
      ResourceId: resource.ResourceId,
      kind: resource.kind,
      RegionId: resource.RegionId,
      Status: resource.Status,
      ExpiredTime: resource.ExpiredTime,
      bought,
      workflowId: job?.workflowId ?? runOf(tag)?.workflowId,
      runId: job?.runId ?? runOf(tag)?.runId,
      jobStatus: job?.status ?? (bought ? 'gone' : undefined),
      renewedBy,
      flags,
    };
  });

  const inCloud = new Set(cloud.map((resource) => resource.ResourceId));
  for (const [ResourceId, job] of buyers) {
    if (inCloud.has(ResourceId) || released.has(ResourceId) || job.status !== 'COMPLETED') continue;
    rows.push({
      ResourceId,
      kind: job.resource!.kind,
      RegionId: job.resource!.RegionId,
      Status: 'absent',
      bought: true,
      workflowId: job.workflowId,
      runId: job.runId,
      jobStatus: job.status,
      flags: ['missing'],
    });
  }
  return rows;
}
