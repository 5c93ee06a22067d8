/**
 * The job commands: provision, renew, status, result, cancel, list. Output is one plain line per
 * change (CI logs, pipes) or JSON with `--json`; exit codes say how the job ended.
 */
import type { PeriodUnit } from '../policy/periods';
import { own } from '../schemas/lookup';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { attach, cancel, progress, result, type JobOutcome } from '../client';
import { JOBS, kindsOf, type WorkflowName } from '../job-kinds';
import { startJob } from '../starters';
import { readInput } from './input';
import { describeProgress, progressView, type JobSnapshot, type ProgressView } from './progress-view';

/** Exit codes, as documented in the README and docs/operations.md. */
export const ExitCode = { ok: 0, other: 1, invalidInput: 2, workflowFailed: 3, timedOut: 4, flagged: 5 } as const;

export const PROVISION_KINDS = kindsOf('provision');
export const RENEW_KINDS = kindsOf('renew');

export interface OutputOptions {
  json?: boolean;
  wait?: boolean;
}

/** JSON with --json, the text otherwise: every command's output goes through here. */
export function print(options: OutputOptions, value: unknown, text: string): void {
  console.log(options.json ? JSON.stringify(value) : text);
}

export interface Outcome {
  code: number;
  report: JobOutcome;
}

const EXIT_CODES: Readonly<Record<JobOutcome['status'], number>> = {
  COMPLETED: ExitCode.ok,
  FAILED: ExitCode.workflowFailed,
  TIMED_OUT: ExitCode.timedOut,
};

/** The exit code and the report of a finished workflow. */
async function outcome(handle: WorkflowHandle): Promise<Outcome> {
  const report = await result(handle);
  return { code: EXIT_CODES[report.status], report };
}

/** One look at a running job: its progress query, and the attempt of the step in flight. */
async function look(handle: WorkflowHandle): Promise<JobSnapshot | undefined> {
  try {
    const [now, description] = await Promise.all([progress(handle), handle.describe()]);
    return { progress: now, attempt: description.raw.pendingActivities?.[0]?.attempt ?? undefined };
  } catch {
    // Not started by a worker yet, or just ended: the next look (or the outcome) tells.
    return undefined;
  }
}

/**
 * Watches jobs until every one has ended, showing each under its label; returns their outcomes in
 * the order given.
 */
export async function watch(
  jobs: readonly { label: string; handle: WorkflowHandle }[],
  view: ProgressView,
  pollMs = 1_000,
): Promise<Outcome[]> {
  const running = new Set(jobs);
  const snapshots = new Map<string, JobSnapshot>();
  const outcomes = jobs.map(async (job) => {
    const ended = await outcome(job.handle);
    // One last look, so the job shows as done (or failed) rather than at its last step.
    const last = await look(job.handle);
    if (last) snapshots.set(job.label, last);
    running.delete(job);
    return ended;
  });
  const all = Promise.all(outcomes);
  while (running.size > 0) {
    for (const job of running) {
      const snapshot = await look(job.handle);
      if (snapshot) snapshots.set(job.label, snapshot);
    }
    view.update(snapshots);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, pollMs))]);
  }
  view.update(snapshots);
  return all;
}

/** The line that says how a job ended. */
export function outcomeLine({ report }: Outcome): string {
  return report.status === 'COMPLETED'
    ? `done: ${JSON.stringify(report.result)}`
    : `${report.status}: ${report.message}`;
}

/** Follows a job to its end (a live line, lines per step, or nothing with --json), then the outcome. */
export async function follow(handle: WorkflowHandle, options: OutputOptions, pollMs = 1_000): Promise<number> {
  const view = await progressView(options);
  const [finished] = (await watch([{ label: '', handle }], view, pollMs)) as [Outcome];
  view.end(finished.code === ExitCode.ok, outcomeLine(finished));
  // The views show nothing with --json; the report is the output.
  if (options.json) console.log(JSON.stringify(finished.report));
  return finished.code;
}

export async function startAndMaybeFollow<W extends WorkflowName>(
  client: Client,
  name: W,
  input: Parameters<typeof startJob<W>>[2],
  taskQueue: string,
  options: OutputOptions & { id?: string },
): Promise<number> {
  const handle = await startJob(client, name, input, { taskQueue, workflowId: options.id });
  if (!options.wait) {
    print(
      options,
      { workflowId: handle.workflowId, runId: handle.firstExecutionRunId },
      `started ${handle.workflowId}`,
    );
    return ExitCode.ok;
  }
  if (!options.json) console.log(`started ${handle.workflowId}`);
  return follow(handle, options);
}

export async function provision(
  client: Client,
  taskQueue: string,
  kind: string,
  file: string,
  options: OutputOptions & { id?: string },
) {
  const name = own(PROVISION_KINDS, kind);
  if (!name) throw new Error(`unknown kind "${kind}": expected one of ${Object.keys(PROVISION_KINDS).join(', ')}`);
  return startAndMaybeFollow(client, name, readInput(file) as never, taskQueue, options);
}

export interface RenewOptions extends OutputOptions {
  period: number;
  periodUnit: PeriodUnit;
  region?: string;
  id?: string;
}

export async function renew(
  client: Client,
  taskQueue: string,
  kind: string,
  instanceId: string,
  options: RenewOptions,
) {
  const request = { InstanceId: instanceId, Period: options.period, PeriodUnit: options.periodUnit };
  if (kind === 'ens-arm') return startAndMaybeFollow(client, 'renewArmServerInstance', { request }, taskQueue, options);
  if (kind === 'ecs') {
    // A missing --region is refused by the command, and by the job's own check of its RegionId.
    return startAndMaybeFollow(
      client,
      'renewEcsInstance',
      { RegionId: options.region ?? '', request: request },
      taskQueue,
      options,
    );
  }
  throw new Error(`unknown kind "${kind}": expected ens-arm or ecs`);
}

/** The progress query, plus what the server knows of the step in flight (its attempt and last failure). */
export async function status(client: Client, workflowId: string, options: OutputOptions): Promise<number> {
  const handle = attach(client, workflowId);
  const [description, now] = await Promise.all([handle.describe(), progress(handle)]);
  const pending = description.raw.pendingActivities?.[0];
  const report = {
    workflowId,
    status: description.status.name,
    ...now,
    inFlight: pending
      ? { attempt: pending.attempt, lastFailure: pending.lastFailure?.message ?? undefined }
      : undefined,
  };
  const inFlight = report.inFlight
    ? `  (attempt ${report.inFlight.attempt}${report.inFlight.lastFailure ? `: ${report.inFlight.lastFailure}` : ''})`
    : '';
  print(options, report, `${workflowId} ${report.status} ${describeProgress(now)}${inFlight}`);
  return ExitCode.ok;
}

export async function printResult(client: Client, workflowId: string, options: OutputOptions): Promise<number> {
  const ended = await outcome(attach(client, workflowId));
  const { report } = ended;
  print(options, report, report.status === 'COMPLETED' ? JSON.stringify(report.result, null, 2) : outcomeLine(ended));
  return ended.code;
}

export async function cancelJob(
  client: Client,
  workflowId: string,
  options: OutputOptions & { release?: boolean },
): Promise<number> {
  await cancel(attach(client, workflowId), options);
  print(
    options,
    { workflowId, cancelRequested: true, release: Boolean(options.release) },
    `cancel requested for ${workflowId}${options.release ? ' (what it bought will be released)' : ''}`,
  );
  return ExitCode.ok;
}

const WORKFLOW_TYPES = Object.keys(JOBS);

export async function list(client: Client, options: OutputOptions & { limit: number }): Promise<number> {
  const query = `WorkflowType IN (${WORKFLOW_TYPES.map((type) => `'${type}'`).join(', ')})`;
  const rows: { workflowId: string; type: string; status: string; startTime: string }[] = [];
  for await (const workflow of client.workflow.list({ query, pageSize: options.limit })) {
    rows.push({
      workflowId: workflow.workflowId,
      type: workflow.type,
      status: workflow.status.name,
      startTime: workflow.startTime.toISOString(),
    });
    if (rows.length >= options.limit) break;
  }
  print(
    options,
    rows,
    rows
      .map((row) => `${row.startTime}  ${row.status.padEnd(10)}  ${row.type.padEnd(24)}  ${row.workflowId}`)
      .join('\n') || 'no jobs',
  );
  return ExitCode.ok;
}
