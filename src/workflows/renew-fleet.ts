import {
  ApplicationFailure,
  ChildWorkflowFailure,
  continueAsNew,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ExpiringServer } from '../activities/ens';
import { FailureType } from '../failure-types';
import type { RenewARMServerInstanceRequest } from '../schemas/ens';
import { FLEET_DEFAULTS, fleetSettingsIssues, windowMs, type FleetSettings } from './fleet-settings';
import type { RequestToValidate } from '../activities/validate';
import { invalidParameter, Job } from './job';
import { fieldOf, withStandIns } from './job-input';
import type { JobOptions, JobStats } from './progress';
import { renewArmServerInstance } from './renew-arm-server-instance';
import { cloudCall } from './steps';

/** DescribeARMServerInstances pages are read 100 servers at a time, the most it returns. */
const PAGE_SIZE = 100;

export interface RenewFleetInput extends FleetSettings, Pick<JobOptions, 'deadline'> {
  /** What each server gets: RenewARMServerInstance's Period, PeriodUnit and AutoRenew. */
  renewal: Omit<RenewARMServerInstanceRequest, 'InstanceId'>;
  /** Set by continue-as-new: what the earlier runs found and did. */
  carried?: FleetState;
}

export interface FleetFailure extends ExpiringServer {
  code: string;
  message: string;
}

export interface FleetSkip extends ExpiringServer {
  reason: string;
}

export interface RenewFleetResult extends JobStats {
  /** Servers the listing returned. */
  listed: number;
  /** Subscription servers among them whose ExpiredTime fell within the window. */
  expiring: number;
  /** When the window ended (UTC, ISO 8601). */
  expiringBy: string;
  renewed: number;
  skipped: number;
  failed: number;
  /** How many renewals failed with each code. */
  failedByCode: Record<string, number>;
  failures: FleetFailure[];
  skips: FleetSkip[];
  /** API calls the renewals made (the listing's are in apiCalls). */
  renewalApiCalls: number;
  /** Runs of the workflow: it continues as new every `renewalsPerRun` renewals. */
  runs: number;
}

type FleetTally = Pick<RenewFleetResult, 'renewed' | 'failures' | 'skips' | 'renewalApiCalls'>;

interface FleetState {
  expiringBy: number;
  listed: number;
  expiring: number;
  pending: ExpiringServer[];
  tally: FleetTally;
  runs: number;
}

/**
 * The renewal's business key: the server and the expiry it renews. A second fleet run that finds the
 * same server with the same ExpiredTime (the same run retried, a listing that lags) finds this id
 * taken and skips the server instead of renewing it again.
 */
export function fleetRenewalId(server: ExpiringServer): string {
  return `ens-arm-renew:${server.ServerId}:${server.ExpiredTime.replace(' ', 'T')}`;
}

function invalidSettings(input: RenewFleetInput): ApplicationFailure | undefined {
  const issues = fleetSettingsIssues(input, input.renewal ?? {});
  return issues.length === 0 ? undefined : invalidParameter('renewFleet', 'The fleet settings', issues);
}

/** Reads every page of the listing, keeping the servers that expire by `expiringBy`. */
async function listExpiring(job: Job, input: RenewFleetInput, expiringBy: number): Promise<FleetState> {
  const state: FleetState = {
    expiringBy,
    listed: 0,
    expiring: 0,
    pending: [],
    tally: { renewed: 0, failures: [], skips: [], renewalApiCalls: 0 },
    runs: 1,
  };
  for (let PageNumber = 1; ; PageNumber++) {
    const page = await job.step(`list servers (page ${PageNumber})`, cloudCall, (activities) =>
      activities.listExpiringArmServers({ filters: input.filters ?? {}, PageNumber, PageSize: PAGE_SIZE, expiringBy }),
    );
    state.listed += page.listed;
    state.pending.push(...page.expiring);
    if (page.listed < PAGE_SIZE || PageNumber * PAGE_SIZE >= page.TotalCount) break;
  }
  state.expiring = state.pending.length;
  return state;
}

/** Renews one server as a child workflow, and records how it ended. */
async function renewOne(input: RenewFleetInput, server: ExpiringServer, tally: FleetTally): Promise<void> {
  const workflowId = fleetRenewalId(server);
  try {
    const child = await startChild(renewArmServerInstance, {
      workflowId,
      args: [{ request: { ...input.renewal, InstanceId: server.ServerId } }],
      // A renewal that failed may be tried again by a later run; one that completed may not.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    const result = await child.result();
    tally.renewed++;
    tally.renewalApiCalls += result.apiCalls;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      tally.skips.push({ ...server, reason: `renewal ${workflowId} already ran or is running` });
      return;
    }
    const cause = error instanceof ChildWorkflowFailure ? error.cause : error;
    const code = cause instanceof ApplicationFailure && cause.type ? cause.type : FailureType.workflowError;
    const message = cause instanceof Error ? cause.message : String(cause);
    tally.failures.push({ ...server, code, message });
  }
}

/**
 * Renews `servers`, at most `concurrency` at once. Stops starting new ones when Temporal suggests
 * continuing as new; returns the servers it did not start.
 */
async function renewAll(
  job: Job,
  input: RenewFleetInput,
  servers: ExpiringServer[],
  tally: FleetTally,
  total: number,
): Promise<ExpiringServer[]> {
  const concurrency = input.concurrency ?? FLEET_DEFAULTS.concurrency;
  const queue = [...servers];
  const running = new Set<Promise<void>>();
  const report = () =>
    job.at(`renewing: ${tally.renewed + tally.skips.length + tally.failures.length} of ${total} done`);
  report();
  while (queue.length > 0 && !workflowInfo().continueAsNewSuggested) {
    if (running.size >= concurrency) {
      await Promise.race(running);
      continue;
    }
    const server = queue.shift() as ExpiringServer;
    const renewal: Promise<void> = renewOne(input, server, tally).then(() => {
      running.delete(renewal);
      report();
    });
    running.add(renewal);
  }
  // Children must end before the run does: continue-as-new would otherwise leave them behind.
  await Promise.all(running);
  return queue;
}

// A fleet renewal gives every server the same renewal; its servers are found by the listing.
const FLEET_MEMBER_FOR_VALIDATION = 'cas-fleet-member';

/** The renewal every server gets, as the request it becomes, read with fieldOf (any input may come). */
export function renewFleetRequests(input: RenewFleetInput): RequestToValidate[] {
  return [
    {
      action: 'ens:RenewARMServerInstance',
      request: withStandIns(fieldOf(input, 'renewal'), { InstanceId: FLEET_MEMBER_FOR_VALIDATION }),
    },
  ];
}

/**
 * Renews every subscription ENS ARM server whose ExpiredTime falls within the window, each through
 * `renewArmServerInstance` as a child whose id is the business key. It lists every page first (in
 * the first run only), then renews at most `concurrency` at once, and continues as new every
 * `renewalsPerRun` renewals (or sooner, when Temporal suggests it) so no history grows large.
 * RenewARMServerInstance runs on its rate-limited task queue, so the whole fleet stays within the
 * API's limit. Default deadline: 12 hours per run.
 */
export async function renewFleet(input: RenewFleetInput): Promise<RenewFleetResult> {
  const job = new Job('renewFleet', input, '12h');
  return job.run(async () => {
    // The input's own options and the renewal first: the settings are read only once it is an object.
    await job.validate(renewFleetRequests(input));
    const invalid = invalidSettings(input);
    if (invalid) throw invalid;

    const state = input.carried ?? (await listExpiring(job, input, Date.now() + windowMs(input)));
    const batch = state.pending.slice(0, input.renewalsPerRun ?? FLEET_DEFAULTS.renewalsPerRun);
    const notStarted = await renewAll(job, input, batch, state.tally, state.expiring);
    const pending = [...notStarted, ...state.pending.slice(batch.length)];
    if (pending.length > 0) {
      await continueAsNew<typeof renewFleet>({ ...input, carried: { ...state, pending, runs: state.runs + 1 } });
    }

    const { tally } = state;
    // Counted in a Map: a code is whatever the cloud answered, `__proto__` included.
    const counts = new Map<string, number>();
    for (const failure of tally.failures) counts.set(failure.code, (counts.get(failure.code) ?? 0) + 1);
    const failedByCode: Record<string, number> = Object.fromEntries(counts);
    return {
      listed: state.listed,
      expiring: state.expiring,
      expiringBy: new Date(state.expiringBy).toISOString(),
      renewed: tally.renewed,
      skipped: tally.skips.length,
      failed: tally.failures.length,
      failedByCode,
      failures: tally.failures,
      skips: tally.skips,
      renewalApiCalls: tally.renewalApiCalls,
      runs: state.runs,
    };
  });
}
