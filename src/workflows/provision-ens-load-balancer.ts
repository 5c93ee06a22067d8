import { READINESS } from '../policy/readiness';
import type { CreateLoadBalancerRequest } from '../schemas/ens';
import { releaseLabel, releaseOf } from './resources';
import { Job } from './job';
import type { JobOptions, JobStats } from './progress';
import type { RequestToValidate } from '../activities/validate';
import { fieldOf } from './job-input';
import { rateLimitedCall } from './steps';

export interface ProvisionEnsLoadBalancerInput extends JobOptions {
  /** CreateLoadBalancer parameters, in the API's names. Without a ClientToken, one is derived from the run. */
  request: CreateLoadBalancerRequest;
  /** How long a load balancer typically takes to become Active, in ms. @default 90 s */
  expectedActiveMs?: number;
}

export interface ProvisionEnsLoadBalancerResult extends JobStats {
  LoadBalancerId: string;
  LoadBalancerStatus: 'Active';
  ClientToken: string;
}

/** The API request the input holds, read with fieldOf: a job may be started around the client with any input. */
export function provisionEnsLoadBalancerRequests(input: ProvisionEnsLoadBalancerInput): RequestToValidate[] {
  return [{ action: 'ens:CreateLoadBalancer', request: fieldOf(input, 'request') }];
}

/**
 * Creates an ENS edge load balancer: validate, CreateLoadBalancer with a ClientToken, wait until
 * Active. Default deadline: 5 minutes.
 */
export async function provisionEnsLoadBalancer(
  input: ProvisionEnsLoadBalancerInput,
): Promise<ProvisionEnsLoadBalancerResult> {
  const job = new Job('provisionEnsLoadBalancer', input, '5m');
  return job.run(async () => {
    const [request] = await job.validate<[CreateLoadBalancerRequest]>(provisionEnsLoadBalancerRequests(input));
    const created = await job.step('CreateLoadBalancer', rateLimitedCall('ens:CreateLoadBalancer'), (activities) =>
      activities.createLoadBalancer(request),
    );
    job.resource('LoadBalancerId', created.LoadBalancerId);
    const bought = { kind: 'ens-lb' as const, ResourceId: created.LoadBalancerId };
    job.onRelease(releaseLabel(bought), releaseOf(bought));

    const createdAt = Date.now();
    await job.waitUntilReady(
      'wait Active',
      READINESS.loadBalancerCreate,
      input.expectedActiveMs,
      createdAt,
      (activities, look) => activities.waitLoadBalancerActive({ LoadBalancerId: created.LoadBalancerId, ...look }),
    );
    return {
      LoadBalancerId: created.LoadBalancerId,
      LoadBalancerStatus: 'Active' as const,
      ClientToken: created.ClientToken,
    };
  });
}
