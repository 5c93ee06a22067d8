import { READINESS } from '../policy/readiness';
import type { RenewARMServerInstanceRequest } from '../schemas/ens';
import { Job } from './job';
import type { JobOptions } from './progress';
import { confirmMovedByPeriod, type RenewalResult } from './renewal';
import type { RequestToValidate } from '../activities/validate';
import { fieldOf } from './job-input';
import { cloudCall, polling, rateLimitedCall } from './steps';

export interface RenewArmServerInstanceInput extends Pick<JobOptions, 'deadline'> {
  /** RenewARMServerInstance parameters, in the API's names. */
  request: RenewARMServerInstanceRequest;
}

/** The API request the input holds, read with fieldOf: a job may be started around the client with any input. */
export function renewArmServerInstanceRequests(input: RenewArmServerInstanceInput): RequestToValidate[] {
  return [{ action: 'ens:RenewARMServerInstance', request: fieldOf(input, 'request') }];
}

/**
 * Renews an ENS ARM server once: validate, read ExpiredTime, RenewARMServerInstance, confirm that
 * ExpiredTime moved by the period. The API takes no ClientToken: after a lost answer, the retry
 * re-reads ExpiredTime and renews only if it has not moved. Default deadline: 10 minutes.
 */
export async function renewArmServerInstance(input: RenewArmServerInstanceInput): Promise<RenewalResult> {
  const job = new Job('renewArmServerInstance', input, '10m');
  return job.run(async () => {
    const [request] = await job.validate<[RenewARMServerInstanceRequest]>(renewArmServerInstanceRequests(input));
    const { InstanceId } = request;
    const Period = request.Period ?? 1;
    const PeriodUnit = request.PeriodUnit ?? 'Month';
    job.resource('InstanceId', InstanceId);

    const before = await job.step('read ExpiredTime', cloudCall, (activities) =>
      activities.describeArmServerExpiry({ InstanceId }),
    );
    const renewed = await job.step(
      'RenewARMServerInstance',
      rateLimitedCall('ens:RenewARMServerInstance'),
      (activities) => activities.renewArmServerInstance({ request, expiredTimeBefore: before.ExpiredTime }),
    );
    const renewedAt = Date.now();
    const after = await job.step('confirm ExpiredTime', polling, (activities) =>
      activities.waitArmServerExpiryMoved({
        InstanceId,
        before: before.ExpiredTime,
        policy: READINESS.renewalVisible,
        startedAt: renewedAt,
      }),
    );
    confirmMovedByPeriod(InstanceId, before.ExpiredTime, after.ExpiredTime, Period, PeriodUnit);
    return {
      InstanceId,
      Period,
      PeriodUnit,
      ExpiredTimeBefore: before.ExpiredTime,
      ExpiredTimeAfter: after.ExpiredTime,
      alreadyRenewed: renewed.alreadyRenewed,
    };
  });
}
