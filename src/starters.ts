/**
 * Typed helpers that start the workflows. A workflow's id is its business key, and starting a job
 * that is already running attaches to it (WorkflowIdConflictPolicy USE_EXISTING): a second start
 * from CI or a portal never buys twice.
 */
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { RequestIssue } from './activities/validate';
import { businessKey, JOBS, type InputOf, type JobKind, type WorkflowName } from './job-kinds';
import { validateJobRequest } from './actions';
import { isRecord, jobInputIssues } from './workflows/job-input';

export { MissingBusinessKeyError, type WorkflowName } from './job-kinds';

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

/** Every issue of a job's input: its options, its API requests and its own settings (none: it may be started). */
export function validateJobInput<W extends WorkflowName>(name: W, input: InputOf<W>): RequestIssue[] {
  const issues: RequestIssue[] = jobInputIssues(name, input).map((issue) => ({ action: name, ...issue }));
  // An input that is not an object has nothing more to check.
  if (!isRecord(input)) return issues;
  const job = JOBS[name] as JobKind<(input: InputOf<W>) => Promise<unknown>>;
  for (const { action, request } of job.requests(input)) {
    const result = validateJobRequest(action, request);
    if (!result.ok) issues.push(...result.issues.map((issue) => ({ action, ...issue })));
  }
  issues.push(...(job.settingsIssues?.(input) ?? []).map((issue) => ({ action: name, ...issue })));
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
): Promise<WorkflowHandleWithFirstExecutionRunId<(typeof JOBS)[W]['workflow']>> {
  if (!Object.hasOwn(JOBS, name)) throw new Error(`no workflow named "${String(name).slice(0, 64)}"`);
  const issues = validateJobInput(name, input);
  if (issues.length > 0) throw new InvalidRequestError(issues);
  const workflowId = options.workflowId ?? businessKey(name, input);
  const workflow: (typeof JOBS)[W]['workflow'] = JOBS[name].workflow;
  return client.workflow.start(workflow, {
    taskQueue: options.taskQueue,
    workflowId,
    args: [input] as Parameters<(typeof JOBS)[W]['workflow']>,
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
