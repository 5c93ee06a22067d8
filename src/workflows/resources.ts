/**
 * What the jobs that act on one resource share: how a resource is named (its kind, id and region),
 * the check of such a name in a job's input, and how the jobs give back what they bought: the step a
 * provisioning job runs when it fails or is cancelled with `release`, and the one `releaseResource` runs.
 */
import type { Activities } from '../activities';
import type { ResourceKind } from '../activities/inventory';
import type { StepResult } from '../activities/step';
import { READINESS } from '../policy/readiness';
import type { ValidationIssue } from '../schemas/issue';
import { REGION_ID } from '../schemas/region';
import { isRecord } from './job-input';

/** A resource a job may release: what it is, its id, and for ECS and Kafka its region. */
export interface ResourceRef {
  kind: ResourceKind;
  ResourceId: string;
  RegionId?: string;
}

export type Release = (activities: Activities) => Promise<StepResult<unknown>>;

/** The kinds of resource a job buys, and so may give back, with how each is named in a job's progress. */
export const RELEASABLE: Readonly<Partial<Record<ResourceKind, { label: string }>>> = {
  ecs: { label: 'ECS instance' },
  kafka: { label: 'Kafka instance' },
  'ens-lb': { label: 'load balancer' },
};

/** The release step of `ref`: ECS DeleteInstance; Kafka ReleaseInstance then DeleteInstance; ENS ReleaseInstance. */
export function releaseOf(ref: ResourceRef): Release {
  const instance = { InstanceId: ref.ResourceId, RegionId: ref.RegionId ?? '' };
  switch (ref.kind) {
    case 'ecs':
      return (activities) => activities.deleteEcsInstance(instance);
    case 'kafka':
      return async (activities) => {
        const released = await activities.releaseKafkaInstance(instance);
        const deleted = await activities.deleteKafkaInstance({
          ...instance,
          policy: READINESS.kafkaOrderListed,
          startedAt: Date.now(),
        });
        return {
          value: deleted.value,
          calls: released.calls + deleted.calls,
          attempts: released.attempts + deleted.attempts,
        };
      };
    case 'ens-lb':
      return (activities) => activities.releaseLoadBalancer({ LoadBalancerId: ref.ResourceId });
    default:
      throw new Error(`a job does not buy ${ref.kind} resources, so it does not release them`);
  }
}

/** How a job's progress names `ref` among what it released. */
export function releaseLabel(ref: ResourceRef): string {
  return `${RELEASABLE[ref.kind]?.label ?? ref.kind} ${ref.ResourceId}`;
}

/** A resource id as the APIs write them (`i-bp1…`, `alikafka_post-cn-…`, `lb-…`): nothing that could be read as more. */
const RESOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** The issues of a job's `resource`, for a job that acts on resources of `kinds` (read defensively). */
export function resourceRefIssues(ref: unknown, kinds: readonly ResourceKind[]): ValidationIssue[] {
  if (!isRecord(ref)) return [{ path: 'resource', message: 'must be an object { kind, ResourceId, RegionId }' }];
  const issues: ValidationIssue[] = [];
  if (!kinds.includes(ref.kind as ResourceKind))
    issues.push({ path: 'resource.kind', message: `must be one of ${kinds.join(', ')}` });
  if (typeof ref.ResourceId !== 'string' || !RESOURCE_ID.test(ref.ResourceId))
    issues.push({
      path: 'resource.ResourceId',
      message: 'must be a resource id: letters, digits, _ . : - (at most 128)',
    });
  const needsRegion = ref.kind === 'ecs' || ref.kind === 'kafka';
  const regionOk = typeof ref.RegionId === 'string' && ref.RegionId.length <= 64 && REGION_ID.test(ref.RegionId);
  if (needsRegion ? !regionOk : ref.RegionId !== undefined)
    issues.push({
      path: 'resource.RegionId',
      message: needsRegion
        ? 'must be a region id such as cn-hangzhou'
        : 'is not taken: the resource is found by its id',
    });
  return issues;
}
