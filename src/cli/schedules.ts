/**
 * The schedule commands: fleet renewals on Temporal Schedules. A schedule skips a run while the last
 * one is still going (overlap SKIP), and catches up on runs missed while Temporal was down only within
 * an explicit window, by default one interval: a day's renewal missed during an outage runs once when
 * Temporal is back, never a backlog of them.
 */
import { own } from '../schemas/lookup';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScheduleOverlapPolicy, type Client, type ScheduleDescription, type ScheduleHandle } from '@temporalio/client';
import { JOBS, kindsOf, type JobKind, type ScheduleOptions } from '../job-kinds';
import { InvalidRequestError, validateJobInput } from '../starters';
import { ExitCode, follow, print, type OutputOptions } from './jobs';

/** What `schedule create` can schedule, and the workflow each one runs. */
export const SCHEDULE_KINDS = kindsOf('schedule');

export interface CreateScheduleOptions extends OutputOptions, ScheduleOptions {
  id?: string;
  every: number;
  catchupWindow?: number;
  paused?: boolean;
}

function humanMs(ms: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  for (const [unit, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

export async function createSchedule(
  client: Client,
  taskQueue: string,
  kind: string,
  options: CreateScheduleOptions,
): Promise<number> {
  const workflow = own(SCHEDULE_KINDS, kind);
  if (workflow === undefined) {
    throw new Error(`unknown kind "${kind}": expected one of ${Object.keys(SCHEDULE_KINDS).join(', ')}`);
  }
  const input = (JOBS[workflow] as JobKind<(input: unknown) => Promise<unknown>>).scheduled!(options);
  const issues = validateJobInput(workflow, input as never);
  if (issues.length > 0) throw new InvalidRequestError(issues);
  const scheduleId = options.id ?? kind;
  const catchupWindow = options.catchupWindow ?? options.every;
  await client.schedule.create({
    scheduleId,
    spec: { intervals: [{ every: options.every }] },
    action: { type: 'startWorkflow', workflowType: workflow, workflowId: scheduleId, taskQueue, args: [input] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow },
    state: { paused: options.paused, note: options.paused ? 'created paused' : undefined },
  });
  print(
    options,
    { scheduleId, every: options.every, catchupWindow, overlap: 'SKIP', input },
    `created schedule ${scheduleId}: ${workflow} every ${humanMs(options.every)} (window ${options.window}, ${options.period} ${options.periodUnit}; overlap SKIP, catch-up window ${humanMs(catchupWindow)})${options.paused ? ', paused' : ''}`,
  );
  return ExitCode.ok;
}

function summary(scheduleId: string, description: ScheduleDescription) {
  const { spec, policies, state, info, action } = description;
  return {
    scheduleId,
    workflowType: action.workflowType,
    every: spec.intervals?.map((interval) => humanMs(interval.every)) ?? [],
    paused: state.paused,
    note: state.note,
    overlap: policies.overlap,
    catchupWindow: humanMs(policies.catchupWindow),
    nextActionTimes: info.nextActionTimes.map((time) => time.toISOString()),
    recentActions: info.recentActions.map((result) => ({
      scheduledAt: result.scheduledAt.toISOString(),
      workflowId: result.action.workflow.workflowId,
    })),
    running: info.runningActions.map((running) => running.workflow.workflowId),
    actionsTaken: info.numActionsTaken,
    skippedOverlap: info.numActionsSkippedOverlap,
    missedCatchupWindow: info.numActionsMissedCatchupWindow,
    input: action.args?.[0] as unknown,
  };
}

export async function listSchedules(client: Client, options: OutputOptions): Promise<number> {
  const rows: { scheduleId: string; workflowType?: string; paused: boolean; next?: string }[] = [];
  for await (const schedule of client.schedule.list()) {
    rows.push({
      scheduleId: schedule.scheduleId,
      workflowType: schedule.action?.workflowType,
      paused: schedule.state.paused,
      next: schedule.info.nextActionTimes[0]?.toISOString(),
    });
  }
  print(
    options,
    rows,
    rows
      .map(
        (row) =>
          `${row.scheduleId.padEnd(24)}  ${(row.workflowType ?? '').padEnd(12)}  ${row.paused ? 'paused' : `next ${row.next ?? '-'}`}`,
      )
      .join('\n') || 'no schedules',
  );
  return ExitCode.ok;
}

export async function describeSchedule(client: Client, scheduleId: string, options: OutputOptions): Promise<number> {
  const report = summary(scheduleId, await client.schedule.getHandle(scheduleId).describe());
  const lines = [
    `${scheduleId}: ${report.workflowType} every ${report.every.join(', ')}${report.paused ? ` (paused: ${report.note ?? ''})` : ''}`,
    `  overlap ${report.overlap}, catch-up window ${report.catchupWindow}`,
    `  input ${JSON.stringify(report.input)}`,
    `  next ${report.nextActionTimes[0] ?? '-'}; taken ${report.actionsTaken}, skipped (overlap) ${report.skippedOverlap}, missed ${report.missedCatchupWindow}`,
    ...report.recentActions.map((action) => `  ran ${action.scheduledAt}  ${action.workflowId}`),
    ...report.running.map((workflowId) => `  running ${workflowId}`),
  ];
  print(options, report, lines.join('\n'));
  return ExitCode.ok;
}

export async function setSchedulePaused(
  client: Client,
  scheduleId: string,
  paused: boolean,
  options: OutputOptions & { note?: string },
): Promise<number> {
  const handle = client.schedule.getHandle(scheduleId);
  if (paused) await handle.pause(options.note ?? 'paused from the command line');
  else await handle.unpause(options.note ?? 'unpaused from the command line');
  print(options, { scheduleId, paused }, `${paused ? 'paused' : 'unpaused'} ${scheduleId}`);
  return ExitCode.ok;
}

export async function deleteSchedule(client: Client, scheduleId: string, options: OutputOptions): Promise<number> {
  await client.schedule.getHandle(scheduleId).delete();
  print(options, { scheduleId, deleted: true }, `deleted ${scheduleId} (runs already started go on)`);
  return ExitCode.ok;
}

/** The workflow ids of the runs a schedule shows: those going on and the recent ones. */
function runIds({ info }: ScheduleDescription): string[] {
  return [...info.runningActions, ...info.recentActions.map((result) => result.action)].map(
    (action) => action.workflow.workflowId,
  );
}

/** Waits until the schedule shows a run it did not show before; undefined if none appears in time. */
async function nextRun(handle: ScheduleHandle, known: Set<string>, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const started = runIds(await handle.describe()).find((id) => !known.has(id));
    if (started) return started;
    await sleep(250);
  }
  return undefined;
}

/**
 * Runs the schedule's action now, under the schedule's own overlap policy (a run still going means
 * this one is skipped). With --wait, follows the run it started.
 */
export async function triggerSchedule(client: Client, scheduleId: string, options: OutputOptions): Promise<number> {
  const handle = client.schedule.getHandle(scheduleId);
  const before = await handle.describe();
  const skipped = before.policies.overlap === ScheduleOverlapPolicy.SKIP && before.info.runningActions.length > 0;
  await handle.trigger(before.policies.overlap);
  const workflowId = skipped ? undefined : await nextRun(handle, new Set(runIds(before)), 10_000);
  if (!workflowId) {
    print(
      options,
      { scheduleId, triggered: true, workflowId: null },
      `triggered ${scheduleId}; no new run started (a run still going makes the schedule skip under ${before.policies.overlap})`,
    );
    return ExitCode.ok;
  }
  if (!options.wait) {
    print(options, { scheduleId, triggered: true, workflowId }, `triggered ${scheduleId}: started ${workflowId}`);
    return ExitCode.ok;
  }
  if (!options.json) console.log(`triggered ${scheduleId}: started ${workflowId}`);
  return follow(client.workflow.getHandle(workflowId), options);
}
