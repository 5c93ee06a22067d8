import { READINESS } from '../policy/readiness';
import type { RenewInstanceRequest } from '../schemas/ecs';
import { Job } from './job';
import type { JobOptions } from './progress';
import { confirmMovedByPeriod, type RenewalResult } from './renewal';
import type { RequestToValidate } from '../activities/validate';
import { fieldOf } from './job-input';
import { cloudCall, polling } from './steps';

export interface RenewEcsInstanceInput extends Pick<JobOptions, 'deadline'> {
  /** The instance's region (RenewInstance itself names none). */
  RegionId: string;
  /** RenewInstance parameters, in the API's names. Without a ClientToken, one is derived from the run. */
  request: RenewInstanceRequest;
}

/** The API request the input holds, read with fieldOf: a job may be started around the client with any input. */
export function renewEcsInstanceRequests(input: RenewEcsInstanceInput): RequestToValidate[] {
  return [{ action: 'ecs:RenewInstance', request: fieldOf(input, 'request') }];
}

/**
 * Renews a subscription ECS instance once: validate, read ExpiredTime, RenewInstance with a
 * ClientToken (so a retry after a lost answer is the same renewal), confirm ExpiredTime moved by
 * the period. Default deadline: 10 minutes.
 */
export async function renewEcsInstance(input: RenewEcsInstanceInput): Promise<RenewalResult> {
  const job = new Job('renewEcsInstance', input, '10m');
  return job.run(async () => {
    const [request] = await job.validate<[RenewInstanceRequest]>(renewEcsInstanceRequests(input));
    const ref = { InstanceId: request.InstanceId, RegionId: input.RegionId };
    const Period = request.Period;
    const PeriodUnit = request.PeriodUnit ?? 'Month';
    job.resource('InstanceId', ref.InstanceId);

    const before = await job.step('read ExpiredTime', cloudCall, (activities) => activities.describeEcsExpiry(ref));
    const renewed = await job.step('RenewInstance', cloudCall, (activities) =>
      activities.renewEcsInstance({ request, RegionId: ref.RegionId }),
    );
    if (renewed.OrderId) job.resource('OrderId', renewed.OrderId);
    const renewedAt = Date.now();
    const after = await job.step('confirm ExpiredTime', polling, (activities) =>
      activities.waitEcsExpiryMoved({
        ...ref,
        before: before.ExpiredTime,
        policy: READINESS.renewalVisible,
        startedAt: renewedAt,
      }),
    );
    confirmMovedByPeriod(ref.InstanceId, before.ExpiredTime, after.ExpiredTime, Period, PeriodUnit);
    return {
      InstanceId: ref.InstanceId,
      Period,
      PeriodUnit,
      ExpiredTimeBefore: before.ExpiredTime,
      ExpiredTimeAfter: after.ExpiredTime,
      alreadyRenewed: false,
    };
  });
}
