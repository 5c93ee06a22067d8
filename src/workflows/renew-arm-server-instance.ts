import type { RenewARMServerInstanceRequest } from '../schemas/ens';
import { Job } from './job';
import type { JobOptions } from './progress';
import { renewAndConfirm, type RenewalResult } from './renewal';
import type { RequestToValidate } from '../activities/validate';
import { fieldOf } from './job-input';
import { rateLimitedCall } from './steps';

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
    return renewAndConfirm(job, {
      InstanceId,
      Period: request.Period,
      PeriodUnit: request.PeriodUnit,
      read: (activities) => activities.describeArmServerExpiry({ InstanceId }),
      renew: {
        name: 'RenewARMServerInstance',
        profile: rateLimitedCall('ens:RenewARMServerInstance'),
        call: (activities, expiredTimeBefore) => activities.renewArmServerInstance({ request, expiredTimeBefore }),
      },
      confirm: (activities, look) => activities.waitArmServerExpiryMoved({ InstanceId, ...look }),
    });
  });
}
