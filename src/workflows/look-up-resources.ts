import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CloudResource, LookUpRequest } from '../activities/inventory';
import { cloudCall } from './steps';

// A listing of many pages takes longer than one call; an unreachable cloud fails the look, not hangs it.
const { lookUpResources: lookUp } = proxyActivities<Activities>({
  ...cloudCall,
  startToCloseTimeout: '10m',
  scheduleToCloseTimeout: '15m',
});

/**
 * The cloud's side of `alicloud-provisioner inventory`, run on the worker (which holds the
 * credentials): what the cloud holds of what the jobs bought or renewed. Read only.
 */
export async function lookUpResources(request: LookUpRequest): Promise<CloudResource[]> {
  return (await lookUp(request)).value;
}
