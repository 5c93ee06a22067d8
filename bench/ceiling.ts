/**
 * The throughput ceiling: a workflow with as many activities as `provisionEcsInstance` runs, each
 * doing nothing, so the ratio of the two throughputs is the cost of the project's own code (API calls
 * to the emulator, signing, validation, readiness, the codec) over Temporal's.
 */
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '1m' });

export async function ceiling(activities: number): Promise<{ activities: number }> {
  for (let index = 0; index < activities; index++) await noop();
  return { activities };
}
