/**
 * Which API requests each workflow's input holds, for validation: by the workflow's first step, and
 * by the client before it starts one (fail fast, nothing recorded).
 */
import type { RequestToValidate } from '../activities/validate';
import { fieldOf, isRecord } from './job-input';
import type { ProvisionEcsInstanceInput } from './provision-ecs-instance';
import type { ProvisionEnsLoadBalancerInput } from './provision-ens-load-balancer';
import type { ProvisionKafkaInstanceInput } from './provision-kafka-instance';
import type { RenewArmServerInstanceInput } from './renew-arm-server-instance';
import type { RenewEcsInstanceInput } from './renew-ecs-instance';
import type { RenewFleetInput } from './renew-fleet';

// The order is placed before the instance id exists; validation of the deploy request uses a stand-in.
const INSTANCE_ID_FOR_VALIDATION = 'alikafka_post-pending';
// A fleet renewal gives every server the same renewal; its servers are found by the listing.
const FLEET_MEMBER_FOR_VALIDATION = 'cas-fleet-member';

/**
 * A request completed with a stand-in for what the job fills in itself. Anything but an object is
 * left as it is, for its schema to refuse ("must be a JSON object of parameters").
 */
function completed(request: unknown, standIns: Record<string, unknown>): unknown {
  return isRecord(request) ? { ...request, ...standIns } : request;
}

// The input is read with fieldOf: a job may be started around the client with any input at all.
export const requestsToValidate = {
  provisionKafkaInstance: (input: ProvisionKafkaInstanceInput): RequestToValidate[] => [
    { action: 'alikafka:CreatePostPayOrder', request: fieldOf(input, 'order') },
    {
      action: 'alikafka:StartInstance',
      request: completed(fieldOf(input, 'deploy'), {
        InstanceId: INSTANCE_ID_FOR_VALIDATION,
        RegionId: fieldOf(fieldOf(input, 'order'), 'RegionId'),
      }),
    },
  ],
  provisionEcsInstance: (input: ProvisionEcsInstanceInput): RequestToValidate[] => [
    { action: 'ecs:CreateInstance', request: fieldOf(input, 'request') },
  ],
  provisionEnsLoadBalancer: (input: ProvisionEnsLoadBalancerInput): RequestToValidate[] => [
    { action: 'ens:CreateLoadBalancer', request: fieldOf(input, 'request') },
  ],
  renewArmServerInstance: (input: RenewArmServerInstanceInput): RequestToValidate[] => [
    { action: 'ens:RenewARMServerInstance', request: fieldOf(input, 'request') },
  ],
  renewEcsInstance: (input: RenewEcsInstanceInput): RequestToValidate[] => [
    { action: 'ecs:RenewInstance', request: fieldOf(input, 'request') },
  ],
  renewFleet: (input: RenewFleetInput): RequestToValidate[] => [
    {
      action: 'ens:RenewARMServerInstance',
      request: completed(fieldOf(input, 'renewal'), { InstanceId: FLEET_MEMBER_FOR_VALIDATION }),
    },
  ],
};
