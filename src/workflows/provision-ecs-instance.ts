import { READINESS } from '../policy/readiness';
import type { CreateInstanceRequest } from '../schemas/ecs';
import { releaseLabel, releaseOf } from './resources';
import { Job } from './job';
import type { JobOptions, JobStats } from './progress';
import type { RequestToValidate } from '../activities/validate';
import { fieldOf } from './job-input';
import { cloudCall } from './steps';

export interface ProvisionEcsInstanceInput extends JobOptions {
  /** CreateInstance parameters, in the API's names. Without a ClientToken, one is derived from the run. */
  request: CreateInstanceRequest;
  /** Start the instance once it is created. @default true */
  start?: boolean;
  /** How long CreateInstance typically takes to reach Stopped, in ms. @default 45 s */
  expectedCreateMs?: number;
  /** How long StartInstance typically takes to reach Running, in ms. @default 20 s */
  expectedStartMs?: number;
}

export interface ProvisionEcsInstanceResult extends JobStats {
  InstanceId: string;
  RegionId: string;
  Status: 'Running' | 'Stopped';
  OrderId: string | undefined;
  ClientToken: string;
}

/** The API request the input holds, read with fieldOf: a job may be started around the client with any input. */
export function provisionEcsInstanceRequests(input: ProvisionEcsInstanceInput): RequestToValidate[] {
  return [{ action: 'ecs:CreateInstance', request: fieldOf(input, 'request') }];
}

/**
 * Creates an ECS instance and starts it: validate (the documented rules, then the API's DryRun
 * pre-check), CreateInstance with a ClientToken, wait for Stopped, StartInstance, wait for Running.
 * Default deadline: 10 minutes.
 */
export async function provisionEcsInstance(input: ProvisionEcsInstanceInput): Promise<ProvisionEcsInstanceResult> {
  const job = new Job('provisionEcsInstance', input, '10m');
  return job.run(async () => {
    const [request] = await job.validate<[CreateInstanceRequest]>(provisionEcsInstanceRequests(input));
    await job.step('DryRun', cloudCall, (activities) => activities.dryRunCreateInstance(request));

    const created = await job.step('CreateInstance', cloudCall, (activities) => activities.createEcsInstance(request));
    const ref = { InstanceId: created.InstanceId, RegionId: request.RegionId };
    job.resource('InstanceId', ref.InstanceId);
    if (created.OrderId) job.resource('OrderId', created.OrderId);
    const bought = { kind: 'ecs' as const, ResourceId: ref.InstanceId, RegionId: ref.RegionId };
    job.onRelease(releaseLabel(bought), releaseOf(bought));

    const createdAt = Date.now();
    await job.waitUntilReady(
      'wait Stopped',
      READINESS.ecsCreate,
      input.expectedCreateMs,
      createdAt,
      (activities, look) => activities.waitEcsStatus({ ...ref, Status: 'Stopped', ...look }),
    );
    const result = { ...ref, OrderId: created.OrderId, ClientToken: created.ClientToken };
    if (input.start === false) return { ...result, Status: 'Stopped' as const };

    await job.step('StartInstance', cloudCall, (activities) => activities.startEcsInstance(ref));
    const startedAt = Date.now();
    await job.waitUntilReady('wait Running', READINESS.ecsStart, input.expectedStartMs, startedAt, (activities, look) =>
      activities.waitEcsStatus({ ...ref, Status: 'Running', ...look }),
    );
    return { ...result, Status: 'Running' as const };
  });
}
