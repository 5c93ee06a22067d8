/**
 * Activity proxies, each with a named timeout and retry profile. Workflows call steps from here,
 * never `proxyActivities` with bare numbers.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** A read that touches nothing outside the worker: short, retried a few times. */
export const quickRead = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', maximumAttempts: 3 },
} as const;

export const { describeWorker } = proxyActivities<Activities>(quickRead);
