/** What both renewal workflows share: the result, and the check that ExpiredTime moved by the period. */
import { ApplicationFailure } from '@temporalio/workflow';
import { movedByPeriod, type PeriodUnit } from '../policy/periods';
import type { JobStats } from './progress';

export interface RenewalResult extends JobStats {
  InstanceId: string;
  Period: number;
  PeriodUnit: PeriodUnit;
  ExpiredTimeBefore: string;
  ExpiredTimeAfter: string;
  /** True when a retry found that an earlier attempt's renewal had gone through (its answer was lost). */
  alreadyRenewed: boolean;
}

/** Fails the workflow when ExpiredTime moved by something other than the period (e.g. renewed twice). */
export function confirmMovedByPeriod(
  instanceId: string,
  before: string,
  after: string,
  period: number,
  unit: PeriodUnit,
): void {
  if (movedByPeriod(before, after, period, unit)) return;
  throw ApplicationFailure.create({
    type: 'RenewalMismatch',
    message: `${instanceId}: ExpiredTime went from ${before} to ${after}, not by ${period} ${unit}`,
    nonRetryable: true,
    details: [{ InstanceId: instanceId, before, after, period, unit }],
  });
}
