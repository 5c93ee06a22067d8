import { DEFAULT_PERIOD_UNIT } from '../policy/periods';
import type { RenewInstanceRequest } from '../schemas/ecs';
import { Job } from './job';
import type { JobOptions } from './progress';
import { renewAndConfirm, type RenewalResult } from './renewal';
import type { RequestToValidate } from '../activities/validate';
import { fieldOf } from './job-input';
import { cloudCall } from './steps';

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
export async function renewEcsInstance(input: RenewEcsInstanceInput): Promise<RenewalResult & { RegionId: string }> {
  const job = new Job('renewEcsInstance', input, '10m');
  return job.run(async () => {
    const [request] = await job.validate<[RenewInstanceRequest]>(renewEcsInstanceRequests(input));
    const ref = { InstanceId: request.InstanceId, RegionId: input.RegionId };
    const renewal = await renewAndConfirm(job, {
      InstanceId: ref.InstanceId,
      Period: request.Period,
      PeriodUnit: request.PeriodUnit ?? DEFAULT_PERIOD_UNIT,
      read: (activities) => activities.describeEcsExpiry(ref),
      renew: {
        name: 'RenewInstance',
        profile: cloudCall,
        call: (activities) => activities.renewEcsInstance({ request, RegionId: ref.RegionId }),
      },
      confirm: (activities, look) => activities.waitEcsExpiryMoved({ ...ref, ...look }),
    });
    // The instance's region, which RenewInstance's own result does not name: the inventory looks there.
    return { ...renewal, RegionId: ref.RegionId };
  });
}
