/** What both renewal workflows share: the steps, the result, and the check that ExpiredTime moved by the period. */
import { ApplicationFailure, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { StepResult } from '../activities/step';
import { movedByPeriod, type PeriodUnit } from '../policy/periods';
import { READINESS, type ReadinessPolicy } from '../policy/readiness';
import type { Job } from './job';
import { FailureType } from '../failure-types';
import type { JobStats } from './progress';
import { cloudCall, polling } from './steps';

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
    type: FailureType.renewalMismatch,
    message: `${instanceId}: ExpiredTime went from ${before} to ${after}, not by ${period} ${unit}`,
    nonRetryable: true,
    details: [{ InstanceId: instanceId, before, after, period, unit }],
  });
}

/** How one kind of renewal reads, renews and confirms; the order and the check are the routine's. */
export interface RenewalSteps {
  InstanceId: string;
  Period: number;
  PeriodUnit: PeriodUnit;
  read: (activities: Activities) => Promise<StepResult<{ ExpiredTime: string }>>;
  renew: {
    name: string;
    profile: ActivityOptions;
    call: (
      activities: Activities,
      expiredTimeBefore: string,
    ) => Promise<StepResult<{ alreadyRenewed?: boolean; OrderId?: string }>>;
  };
  confirm: (
    activities: Activities,
    look: { before: string; policy: ReadinessPolicy; startedAt: number },
  ) => Promise<StepResult<{ ExpiredTime: string }>>;
}

/**
 * Reads ExpiredTime, renews, then waits until ExpiredTime shows the renewal and checks that it moved
 * by exactly the period (a renewal made twice, or lost, fails the job rather than pass unnoticed).
 */
export async function renewAndConfirm(job: Job, renewal: RenewalSteps): Promise<Omit<RenewalResult, keyof JobStats>> {
  const { InstanceId, Period, PeriodUnit } = renewal;
  job.resource('InstanceId', InstanceId);
  const before = await job.step('read ExpiredTime', cloudCall, renewal.read);
  const renewed = await job.step(renewal.renew.name, renewal.renew.profile, (activities) =>
    renewal.renew.call(activities, before.ExpiredTime),
  );
  if (renewed.OrderId) job.resource('OrderId', renewed.OrderId);
  const startedAt = Date.now();
  const after = await job.step('confirm ExpiredTime', polling, (activities) =>
    renewal.confirm(activities, { before: before.ExpiredTime, policy: READINESS.renewalVisible, startedAt }),
  );
  confirmMovedByPeriod(InstanceId, before.ExpiredTime, after.ExpiredTime, Period, PeriodUnit);
  return {
    InstanceId,
    Period,
    PeriodUnit,
    ExpiredTimeBefore: before.ExpiredTime,
    ExpiredTimeAfter: after.ExpiredTime,
    alreadyRenewed: renewed.alreadyRenewed ?? false,
  };
}
