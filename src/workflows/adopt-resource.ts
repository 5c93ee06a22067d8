import type { Activities } from '../activities';
import type { ResourceKind } from '../activities/inventory';
import type { RequestToValidate } from '../activities/validate';
import { ServiceStatus } from '../policy/kafka-status';
import { READINESS, type ReadinessPolicy } from '../policy/readiness';
import type { KafkaStartInstanceRequest } from '../schemas/kafka';
import { invalidParameter, Job } from './job';
import { fieldOf, withStandIns } from './job-input';
import type { JobOptions, JobStats } from './progress';
import { resourceRefIssues, type ResourceRef } from './resources';
import { cloudCall } from './steps';

export interface AdoptResourceInput extends Pick<JobOptions, 'deadline'> {
  /** The resource to take over: an ECS instance, a Kafka instance or a load balancer. */
  resource: ResourceRef;
  /** Kafka only, for an instance still waiting for its deploy (ServiceStatus 0): StartInstance's parameters. */
  deploy?: Omit<KafkaStartInstanceRequest, 'InstanceId' | 'RegionId'>;
}

export interface AdoptResourceResult extends ResourceRef, JobStats {
  /** Where it stands now: Running, ServiceStatus 5, Active. */
  Status: string;
  /** What the job did to get it there: nothing, waited, started it, deployed it. */
  did: 'nothing' | 'waited' | 'started' | 'deployed';
}

export const ADOPTABLE_KINDS: readonly ResourceKind[] = ['ecs', 'kafka', 'ens-lb'];

/** The deploy request as it will be sent, for validation (only when the input gives one). */
export function adoptResourceRequests(input: AdoptResourceInput): RequestToValidate[] {
  const deploy = fieldOf(input, 'deploy');
  if (deploy === undefined) return [];
  const resource = fieldOf(input, 'resource');
  return [
    {
      action: 'alikafka:StartInstance',
      request: withStandIns(deploy, {
        InstanceId: fieldOf(resource, 'ResourceId'),
        RegionId: fieldOf(resource, 'RegionId'),
      }),
    },
  ];
}

/** A look at once (the resource's work started before this job did), then the readiness policy's pace. */
const fromNow = (policy: ReadinessPolicy): ReadinessPolicy => ({ ...policy, expectedMs: 0 });

async function adoptEcs(job: Job, ref: { InstanceId: string; RegionId: string }, status: string | undefined) {
  const waitFor = (Status: string, policy: ReadinessPolicy) =>
    job.waitUntilReady(`wait ${Status}`, fromNow(policy), 0, Date.now(), (activities: Activities, look) =>
      activities.waitEcsStatus({ ...ref, Status, ...look }),
    );
  if (status === 'Running') return 'nothing' as const;
  if (status === 'Starting') {
    await waitFor('Running', READINESS.ecsStart);
    return 'waited' as const;
  }
  if (status !== 'Stopped') await waitFor('Stopped', READINESS.ecsCreate);
  await job.step('StartInstance', cloudCall, (activities) => activities.startEcsInstance(ref));
  await waitFor('Running', READINESS.ecsStart);
  return 'started' as const;
}

async function adoptKafka(
  job: Job,
  ref: { InstanceId: string; RegionId: string },
  serviceStatus: number | undefined,
  deploy: KafkaStartInstanceRequest | undefined,
) {
  if (serviceStatus === ServiceStatus.running) return 'nothing' as const;
  let did: 'waited' | 'deployed' = 'waited';
  if (serviceStatus === ServiceStatus.waitingForDeploy) {
    if (!deploy) {
      throw invalidParameter('adoptResource', 'The input', [
        {
          path: 'deploy',
          message: `is required: Kafka instance ${ref.InstanceId} waits for its deploy (ServiceStatus 0)`,
        },
      ]);
    }
    await job.step('StartInstance', cloudCall, (activities) => activities.startKafkaInstance({ ...deploy, ...ref }));
    did = 'deployed';
  }
  await job.waitUntilReady('wait ServiceStatus 5', fromNow(READINESS.kafkaDeploy), 0, Date.now(), (activities, look) =>
    activities.waitKafkaDeployed({ ...ref, ...look }),
  );
  return did;
}

/**
 * Takes over a resource from where it stands, as the job that bought it would have gone on: an ECS
 * instance is waited for and started if it is stopped; a Kafka instance is deployed if it waits for
 * it (with `deploy`), then waited for until ServiceStatus 5; a load balancer is waited for until
 * Active. `alicloud-provisioner adopt` starts it for an orphan the inventory shows; once it completes,
 * the inventory counts this job as the owner. Default deadline: 60 minutes (a Kafka deploy).
 */
export async function adoptResource(input: AdoptResourceInput): Promise<AdoptResourceResult> {
  const job = new Job('adoptResource', input, '60m');
  return job.run(async () => {
    const [deploy] = await job.validate<[KafkaStartInstanceRequest | undefined]>(adoptResourceRequests(input));
    const issues = resourceRefIssues(input.resource, ADOPTABLE_KINDS);
    if (issues.length > 0) throw invalidParameter('adoptResource', 'The resource', issues);
    const { kind, ResourceId, RegionId } = input.resource;
    job.resource(kind === 'ens-lb' ? 'LoadBalancerId' : 'InstanceId', ResourceId);

    const now = await job.step('read status', cloudCall, (activities) => activities.resourceStatus(input.resource));
    if (now.Status === undefined && now.ServiceStatus === undefined) {
      throw invalidParameter('adoptResource', 'The resource', [
        { path: 'resource.ResourceId', message: `${ResourceId} does not exist` },
      ]);
    }
    const instance = { InstanceId: ResourceId, RegionId: RegionId ?? '' };
    let did: AdoptResourceResult['did'];
    let Status: string;
    if (kind === 'ecs') {
      did = await adoptEcs(job, instance, now.Status);
      Status = 'Running';
    } else if (kind === 'kafka') {
      did = await adoptKafka(job, instance, now.ServiceStatus, deploy);
      Status = `ServiceStatus ${ServiceStatus.running}`;
    } else {
      did = now.Status === 'Active' ? 'nothing' : 'waited';
      if (did === 'waited') {
        await job.waitUntilReady(
          'wait Active',
          fromNow(READINESS.loadBalancerCreate),
          0,
          Date.now(),
          (activities, look) => activities.waitLoadBalancerActive({ LoadBalancerId: ResourceId, ...look }),
        );
      }
      Status = 'Active';
    }
    return { kind, ResourceId, RegionId, Status, did };
  });
}
