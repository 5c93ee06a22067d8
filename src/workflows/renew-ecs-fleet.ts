import { ApplicationFailure } from '@temporalio/workflow';
import type { EcsInstanceFilters, ExpiringInstance } from '../activities/ecs';
import type { RequestToValidate } from '../activities/validate';
import { FailureType } from '../failure-types';
import { DEFAULT_PERIOD_UNIT } from '../policy/periods';
import type { RenewInstanceRequest } from '../schemas/ecs';
import { renewFleetOf, type FleetInput, type FleetKind, type FleetResult, type FleetState } from './fleet';
import { ecsFleetIssues, fleetSettingsIssues } from './fleet-settings';
import type { Job } from './job';
import { fieldOf, withStandIns } from './job-input';
import { renewEcsInstance } from './renew-ecs-instance';
import { cloudCall } from './steps';

export interface RenewEcsFleetInput extends FleetInput {
  /** The regions whose instances it lists (RegionId of DescribeInstances), each once. */
  regions: string[];
  /** Which instances to look at besides their region (DescribeInstances filters); every subscription one when left out. */
  filters?: EcsInstanceFilters;
  /** What each instance gets: RenewInstance's Period and PeriodUnit (a ClientToken is derived per renewal). */
  renewal: Omit<RenewInstanceRequest, 'InstanceId' | 'ClientToken'>;
  carried?: FleetState<ExpiringInstance>;
}

export type RenewEcsFleetResult = FleetResult<ExpiringInstance>;

/**
 * The renewal's business key: the instance and the expiry it renews, so a second run that lists the
 * same instance with the same ExpiredTime skips it rather than renew it again.
 */
export function ecsFleetRenewalId(instance: ExpiringInstance): string {
  return `ecs-renew:${instance.InstanceId}:${instance.ExpiredTime}`;
}

/** Reads every page of every region, keeping the instances that expire by `expiringBy`. */
async function listExpiring(job: Job, input: RenewEcsFleetInput, expiringBy: number) {
  let listed = 0;
  const expiring: ExpiringInstance[] = [];
  for (const RegionId of input.regions) {
    let NextToken = '';
    for (let page = 1; ; page++) {
      const sent = NextToken;
      const answer = await job.step(`list instances in ${RegionId} (page ${page})`, cloudCall, (activities) =>
        activities.listExpiringEcsInstances({ RegionId, filters: input.filters ?? {}, NextToken: sent, expiringBy }),
      );
      listed += answer.listed;
      expiring.push(...answer.expiring);
      if (answer.NextToken === '') break;
      // A token that does not move would list the same page for ever.
      if (answer.NextToken === sent) {
        throw ApplicationFailure.create({
          type: FailureType.unexpectedAnswer,
          message: `DescribeInstances in ${RegionId} answered page ${page} with the NextToken it was sent`,
          nonRetryable: true,
        });
      }
      NextToken = answer.NextToken;
    }
  }
  return { listed, expiring };
}

// Every instance gets the same renewal; the instances are found by the listing.
const FLEET_MEMBER_FOR_VALIDATION = 'i-fleet-member';

/** The renewal every instance gets, as the request it becomes, read with fieldOf (any input may come). */
export function renewEcsFleetRequests(input: RenewEcsFleetInput): RequestToValidate[] {
  return [
    {
      action: 'ecs:RenewInstance',
      request: withStandIns(fieldOf(input, 'renewal'), { InstanceId: FLEET_MEMBER_FOR_VALIDATION }),
    },
  ];
}

/** The window, concurrency and batch size, the regions and the listing's filters. */
export function renewEcsFleetSettingsIssues(input: RenewEcsFleetInput) {
  const renewal = input.renewal ?? {};
  return [
    ...fleetSettingsIssues(input, { Period: renewal.Period, PeriodUnit: renewal.PeriodUnit ?? DEFAULT_PERIOD_UNIT }),
    ...ecsFleetIssues(input.regions, input.filters),
  ];
}

const ECS_FLEET: FleetKind<RenewEcsFleetInput, ExpiringInstance> = {
  workflow: 'renewEcsFleet',
  requests: renewEcsFleetRequests,
  settingsIssues: renewEcsFleetSettingsIssues,
  list: listExpiring,
  renewal: (input, instance) => ({
    workflowType: renewEcsInstance.name,
    workflowId: ecsFleetRenewalId(instance),
    input: { RegionId: instance.RegionId, request: { ...input.renewal, InstanceId: instance.InstanceId } },
  }),
};

/**
 * Renews every subscription (PrePaid) ECS instance of the given regions whose ExpiredTime falls within
 * the window, each through `renewEcsInstance` as a child whose id is the instance and its expiry
 * (src/workflows/fleet.ts): every page of every region first, then at most `concurrency` renewals at
 * once, continuing as new every `renewalsPerRun`. Default deadline: 12 hours per run.
 */
export async function renewEcsFleet(input: RenewEcsFleetInput): Promise<RenewEcsFleetResult> {
  return renewFleetOf(ECS_FLEET, input);
}
