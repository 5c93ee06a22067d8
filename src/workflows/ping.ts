import { describeWorker } from './steps';
import type { WorkerDescription } from '../activities';

/**
 * Proves the path client → Temporal → worker → activity works end to end, and tells which worker
 * answered and which cloud endpoint it uses. `alicloud-provisioner ping` runs it.
 */
export async function ping(): Promise<WorkerDescription> {
  return await describeWorker();
}
