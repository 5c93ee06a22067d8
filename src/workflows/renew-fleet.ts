import type { ArmServerFilters, ExpiringServer } from '../activities/ens';
import type { RenewARMServerInstanceRequest } from '../schemas/ens';
import type { RequestToValidate } from '../activities/validate';
import { armFilterIssues, fleetSettingsIssues } from './fleet-settings';
import { renewFleetOf, type FleetInput, type FleetKind, type FleetResult, type FleetState } from './fleet';
import type { Job } from './job';
import { fieldOf, withStandIns } from './job-input';
import { renewArmServerInstance } from './renew-arm-server-instance';
import { cloudCall } from './steps';

/** DescribeARMServerInstances pages are read 100 servers at a time, the most it returns. */
const PAGE_SIZE = 100;

export interface RenewFleetInput extends FleetInput {
  /** Which servers to look at (DescribeARMServerInstances filters); all of them when left out. */
  filters?: ArmServerFilters;
  /** What each server gets: RenewARMServerInstance's Period, PeriodUnit and AutoRenew. */
  renewal: Omit<RenewARMServerInstanceRequest, 'InstanceId'>;
  carried?: FleetState<ExpiringServer>;
}

export type RenewFleetResult = FleetResult<ExpiringServer>;

/**
 * The renewal's business key: the server and the expiry it renews. A second fleet run that finds the
 * same server with the same ExpiredTime (the same run retried, a listing that lags) finds this id
 * taken and skips the server instead of renewing it again.
 */
export function fleetRenewalId(server: ExpiringServer): string {
  return `ens-arm-renew:${server.ServerId}:${server.ExpiredTime.replace(' ', 'T')}`;
}

/** Reads every page of the listing, keeping the servers that expire by `expiringBy`. */
async function listExpiring(job: Job, input: RenewFleetInput, expiringBy: number) {
  let listed = 0;
  const expiring: ExpiringServer[] = [];
  for (let PageNumber = 1; ; PageNumber++) {
    const page = await job.step(`list servers (page ${PageNumber})`, cloudCall, (activities) =>
      activities.listExpiringArmServers({ filters: input.filters ?? {}, PageNumber, PageSize: PAGE_SIZE, expiringBy }),
    );
    listed += page.listed;
    expiring.push(...page.expiring);
    if (page.listed < PAGE_SIZE || PageNumber * PAGE_SIZE >= page.TotalCount) break;
  }
  return { listed, expiring };
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

/** The window, concurrency and batch size, and the listing's filters. */
export function renewFleetSettingsIssues(input: RenewFleetInput) {
  return [...fleetSettingsIssues(input, input.renewal ?? {}), ...armFilterIssues(input.filters)];
}

const ARM_FLEET: FleetKind<RenewFleetInput, ExpiringServer> = {
  workflow: 'renewFleet',
  requests: renewFleetRequests,
  settingsIssues: renewFleetSettingsIssues,
  list: listExpiring,
  renewal: (input, server) => ({
    workflowType: renewArmServerInstance.name,
    workflowId: fleetRenewalId(server),
    input: { request: { ...input.renewal, InstanceId: server.ServerId } },
  }),
};

/**
 * Renews every subscription ENS ARM server whose ExpiredTime falls within the window, each through
 * `renewArmServerInstance` as a child whose id is the business key (src/workflows/fleet.ts). It lists
 * every page first (in the first run only), then renews at most `concurrency` at once, and continues
 * as new every `renewalsPerRun` renewals (or sooner, when Temporal suggests it) so no history grows
 * large. RenewARMServerInstance runs on its rate-limited task queue, so the whole fleet stays within
 * the API's limit. Default deadline: 12 hours per run.
 */
export async function renewFleet(input: RenewFleetInput): Promise<RenewFleetResult> {
  return renewFleetOf(ARM_FLEET, input);
}
