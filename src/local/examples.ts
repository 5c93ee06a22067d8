/**
 * The embedded default's demonstration: provisions every input in `examples/` against the emulator,
 * all at once, shows their progress live, and ends with a summary table. Never run against Alibaba
 * Cloud: the examples would buy real resources.
 */
import { own } from '../schemas/lookup';
import { readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { readInput } from '../cli/input';
import { ExitCode, outcomeLine, PROVISION_KINDS, watch, type Outcome } from '../cli/jobs';
import { progressView } from '../cli/progress-view';
import { businessKey, type WorkflowName } from '../job-kinds';
import { startJob } from '../starters';

/** `examples/` beside `src/` or `lib/`, in the repository and in the installed package alike. */
export const EXAMPLES_DIR = resolve(__dirname, '..', '..', 'examples');

export interface Example {
  /** The file's name without its extension, which is also its kind: `ecs`, `kafka`, `ens-lb`. */
  kind: string;
  workflow: WorkflowName;
  input: Record<string, unknown>;
}

/** Every example whose name is a provisioning kind, in name order. */
export function loadExamples(dir = EXAMPLES_DIR): Example[] {
  return readdirSync(dir)
    .filter((file) => ['.json', '.yaml', '.yml'].includes(extname(file)))
    .sort()
    .flatMap((file) => {
      const kind = basename(file, extname(file));
      const workflow = own(PROVISION_KINDS, kind);
      return workflow ? [{ kind, workflow, input: readInput(join(dir, file)) as Record<string, unknown> }] : [];
    });
}

export interface ExampleRun {
  example: Example;
  workflowId: string;
  outcome: Outcome;
}

/**
 * Starts every example and follows them to their end. Each gets its business key plus the session's
 * start time, so a job left running by an earlier session (whose emulator state is gone) is not
 * attached to.
 */
export async function runExamples(client: Client, taskQueue: string, examples = loadExamples()): Promise<ExampleRun[]> {
  const session = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const jobs = await Promise.all(
    examples.map(async (example) => {
      // No expected durations: the jobs wait on the emulator's clock, which its answers give.
      const input = example.input as never;
      const workflowId = `${businessKey(example.workflow, input)}@${session}`;
      const handle = await startJob(client, example.workflow, input, { taskQueue, workflowId });
      return { label: example.kind, handle };
    }),
  );
  const view = await progressView({});
  const outcomes = await watch(jobs, view, 500);
  const completed = outcomes.filter((outcome) => outcome.code === ExitCode.ok).length;
  view.end(completed === outcomes.length, `${completed} of ${outcomes.length} examples provisioned`);
  return examples.map((example, index) => ({
    example,
    workflowId: jobs[index]!.handle.workflowId,
    outcome: outcomes[index]!,
  }));
}

/** The summary: one row per example with its status, resources, time and API calls. */
export function summaryTable(runs: readonly ExampleRun[]): string {
  const rows = runs.map(({ example, workflowId, outcome }) => {
    const { report } = outcome;
    // A result carries its resource ids and stats; a failure, its stats and the resources it kept.
    const stats = ((report.status === 'COMPLETED' ? report.result : report.details) ?? {}) as Record<string, unknown>;
    const ids = Object.entries(report.status === 'COMPLETED' ? stats : (stats.resources ?? {}))
      .filter(([name, value]) => /Id$/.test(name) && name !== 'RegionId' && typeof value === 'string')
      .map(([, value]) => String(value));
    return [
      example.kind,
      report.status,
      ids.join(' ') || '-',
      typeof stats.elapsedMs === 'number' ? `${(stats.elapsedMs / 1000).toFixed(1)}s` : '-',
      typeof stats.apiCalls === 'number' ? String(stats.apiCalls) : '-',
      workflowId,
    ];
  });
  const header = ['example', 'status', 'resources', 'time', 'API calls', 'workflow id'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const failures = runs
    .filter((run) => run.outcome.code !== ExitCode.ok)
    .map((run) => `  ${run.example.kind}: ${outcomeLine(run.outcome)}`);
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), ...failures].join('\n');
}
