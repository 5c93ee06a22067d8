/**
 * What both fleet renewals share: list what expires within the window (in the first run only), renew
 * each as a child workflow whose id is the business key, at most `concurrency` at once, continue as
 * new every `renewalsPerRun` renewals, and count how each renewal ended. A kind of fleet says how it
 * lists, what each renewal's child is, and what its settings are.
 */
import {
  ApplicationFailure,
  ChildWorkflowFailure,
  continueAsNew,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { RequestToValidate } from '../activities/validate';
import { FailureType } from '../failure-types';
import type { ValidationIssue } from '../schemas/issue';
import { FLEET_DEFAULTS, windowMs, type FleetSettings } from './fleet-settings';
import { invalidParameter, Job } from './job';
import type { JobOptions, JobStats } from './progress';
import type { RenewalResult } from './renewal';

/** What a fleet renewal renews: a server or an instance, with the ExpiredTime it was listed with. */
export interface FleetMember {
  ExpiredTime: string;
}

export interface FleetInput extends FleetSettings, Pick<JobOptions, 'deadline'> {
  /** What each member gets: the renewal action's Period, PeriodUnit and the like. */
  renewal: object;
  /** Set by continue-as-new: what the earlier runs found and did. */
  carried?: FleetState<FleetMember>;
}

export type FleetFailure<M extends FleetMember> = M & { code: string; message: string };
export type FleetSkip<M extends FleetMember> = M & { reason: string };

export interface FleetResult<M extends FleetMember> extends JobStats {
  /** What the listing returned. */
  listed: number;
  /** Subscriptions among them whose ExpiredTime fell within the window. */
  expiring: number;
  /** When the window ended (UTC, ISO 8601). */
  expiringBy: string;
  renewed: number;
  skipped: number;
  failed: number;
  /** How many renewals failed with each code. */
  failedByCode: Record<string, number>;
  failures: FleetFailure<M>[];
  skips: FleetSkip<M>[];
  /** API calls the renewals made (the listing's are in apiCalls). */
  renewalApiCalls: number;
  /** Runs of the workflow: it continues as new every `renewalsPerRun` renewals. */
  runs: number;
}

interface FleetTally<M extends FleetMember> {
  renewed: number;
  failures: FleetFailure<M>[];
  skips: FleetSkip<M>[];
  renewalApiCalls: number;
}

export interface FleetState<M extends FleetMember> {
  expiringBy: number;
  listed: number;
  expiring: number;
  pending: M[];
  tally: FleetTally<M>;
  runs: number;
}

/** One kind of fleet: how it lists its members and renews each. */
export interface FleetKind<I extends FleetInput, M extends FleetMember> {
  workflow: string;
  requests(input: I): RequestToValidate[];
  settingsIssues(input: I): ValidationIssue[];
  /** Every member that expires by `expiringBy`, read page by page, and how many the listing returned. */
  list(job: Job, input: I, expiringBy: number): Promise<{ listed: number; expiring: M[] }>;
  /** The child that renews `member`: its workflow type, its id (the business key) and its input. */
  renewal(input: I, member: M): { workflowType: string; workflowId: string; input: unknown };
}

/** Renews one member as a child workflow, and records how it ended. */
async function renewOne<I extends FleetInput, M extends FleetMember>(
  fleet: FleetKind<I, M>,
  input: I,
  member: M,
  tally: FleetTally<M>,
): Promise<void> {
  const { workflowType, workflowId, input: childInput } = fleet.renewal(input, member);
  try {
    const child = await startChild<(input: unknown) => Promise<RenewalResult>>(workflowType, {
      workflowId,
      args: [childInput],
      // A renewal that failed may be tried again by a later run; one that completed may not.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    const result = await child.result();
    tally.renewed++;
    tally.renewalApiCalls += result.apiCalls;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      tally.skips.push({ ...member, reason: `renewal ${workflowId} already ran or is running` });
      return;
    }
    const cause = error instanceof ChildWorkflowFailure ? error.cause : error;
    const code = cause instanceof ApplicationFailure && cause.type ? cause.type : FailureType.workflowError;
    const message = cause instanceof Error ? cause.message : String(cause);
    tally.failures.push({ ...member, code, message });
  }
}

/**
 * Renews `members`, at most `concurrency` at once. Stops starting new ones when Temporal suggests
 * continuing as new; returns the members it did not start.
 */
async function renewAll<I extends FleetInput, M extends FleetMember>(
  fleet: FleetKind<I, M>,
  job: Job,
  input: I,
  members: M[],
  tally: FleetTally<M>,
  total: number,
): Promise<M[]> {
  const concurrency = input.concurrency ?? FLEET_DEFAULTS.concurrency;
  const queue = [...members];
  const running = new Set<Promise<void>>();
  const report = () =>
    job.at(`renewing: ${tally.renewed + tally.skips.length + tally.failures.length} of ${total} done`);
  report();
  while (queue.length > 0 && !workflowInfo().continueAsNewSuggested) {
    if (running.size >= concurrency) {
      await Promise.race(running);
      continue;
    }
    const member = queue.shift() as M;
    const renewal: Promise<void> = renewOne(fleet, input, member, tally).then(() => {
      running.delete(renewal);
      report();
    });
    running.add(renewal);
  }
  // Children must end before the run does: continue-as-new would otherwise leave them behind.
  await Promise.all(running);
  return queue;
}

function resultOf<M extends FleetMember>(state: FleetState<M>): Omit<FleetResult<M>, keyof JobStats> {
  const { tally } = state;
  // Counted in a Map: a code is whatever the cloud answered, `__proto__` included.
  const counts = new Map<string, number>();
  for (const failure of tally.failures) counts.set(failure.code, (counts.get(failure.code) ?? 0) + 1);
  return {
    listed: state.listed,
    expiring: state.expiring,
    expiringBy: new Date(state.expiringBy).toISOString(),
    renewed: tally.renewed,
    skipped: tally.skips.length,
    failed: tally.failures.length,
    failedByCode: Object.fromEntries(counts),
    failures: tally.failures,
    skips: tally.skips,
    renewalApiCalls: tally.renewalApiCalls,
    runs: state.runs,
  };
}

/**
 * Runs a fleet renewal: validate the renewal and the settings, list (first run only), renew a batch,
 * and continue as new with what is left, or return the tally. Default deadline: 12 hours per run.
 */
export async function renewFleetOf<I extends FleetInput, M extends FleetMember>(
  fleet: FleetKind<I, M>,
  input: I,
): Promise<FleetResult<M>> {
  const job = new Job(fleet.workflow, input, '12h');
  return job.run(async () => {
    // The input's own options and the requests first: the settings are read only once it is an object.
    await job.validate(fleet.requests(input));
    const issues = fleet.settingsIssues(input);
    if (issues.length > 0) throw invalidParameter(fleet.workflow, 'The fleet settings', issues);

    const carried = input.carried as FleetState<M> | undefined;
    const state = carried ?? (await listExpiring(fleet, job, input, Date.now() + windowMs(input)));
    const batch = state.pending.slice(0, input.renewalsPerRun ?? FLEET_DEFAULTS.renewalsPerRun);
    const notStarted = await renewAll(fleet, job, input, batch, state.tally, state.expiring);
    const pending = [...notStarted, ...state.pending.slice(batch.length)];
    if (pending.length > 0) {
      await continueAsNew<(input: I) => Promise<FleetResult<M>>>({
        ...input,
        carried: { ...state, pending, runs: state.runs + 1 },
      });
    }
    return resultOf(state);
  });
}

async function listExpiring<I extends FleetInput, M extends FleetMember>(
  fleet: FleetKind<I, M>,
  job: Job,
  input: I,
  expiringBy: number,
): Promise<FleetState<M>> {
  const { listed, expiring } = await fleet.list(job, input, expiringBy);
  return {
    expiringBy,
    listed,
    expiring: expiring.length,
    pending: expiring,
    tally: { renewed: 0, failures: [], skips: [], renewalApiCalls: 0 },
    runs: 1,
  };
}
