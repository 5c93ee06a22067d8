import type { ResourceKind } from '../activities/inventory';
import { invalidParameter, Job } from './job';
import type { JobOptions, JobStats } from './progress';
import { RELEASABLE, releaseLabel, releaseOf, resourceRefIssues, type ResourceRef } from './resources';
import { cleanUp } from './steps';

export interface ReleaseResourceInput extends Pick<JobOptions, 'deadline'> {
  /** What to give back: an ECS instance, a Kafka instance or a load balancer, with its region for ECS and Kafka. */
  resource: ResourceRef;
}

export interface ReleaseResourceResult extends ResourceRef, JobStats {
  released: true;
}

export const RELEASABLE_KINDS = Object.keys(RELEASABLE) as ResourceKind[];

/**
 * Gives back one resource through the release step the provisioning jobs use on failure (ECS
 * DeleteInstance; Kafka ReleaseInstance then DeleteInstance; ENS ReleaseInstance), each of which looks
 * first, so a resource already gone counts as released. `alicloud-provisioner release` starts it for
 * what the inventory shows. Default deadline: 30 minutes (a Kafka release waits for ServiceStatus 15).
 */
export async function releaseResource(input: ReleaseResourceInput): Promise<ReleaseResourceResult> {
  const job = new Job('releaseResource', input, '30m');
  return job.run(async () => {
    await job.validate([]);
    const issues = resourceRefIssues(input.resource, RELEASABLE_KINDS);
    if (issues.length > 0) throw invalidParameter('releaseResource', 'The resource', issues);
    const { kind, ResourceId, RegionId } = input.resource;
    job.resource(kind === 'ens-lb' ? 'LoadBalancerId' : 'InstanceId', ResourceId);
    await job.step(`release ${releaseLabel(input.resource)}`, cleanUp, releaseOf(input.resource));
    return { kind, ResourceId, RegionId, released: true as const };
  });
}
