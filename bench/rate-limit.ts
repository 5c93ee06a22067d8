/**
 * Benchmark 3: `renewFleet` over M ARM servers under the emulator's limit of RenewARMServerInstance
 * calls per second (the documented 10/s): renewals per second while the fleet ran, as a share of the
 * limit, and the throttling answers it got. The worker holds to the limit through its rate-limited
 * task queue, whose rate the Temporal server enforces.
 */
import { DEFAULT_HEADROOM_PER_SECOND, queueRate } from '../src/policy/rate-limits';
import { startJob } from '../src/starters';
import type { BenchStack } from './stack';

const ACTION = 'ens:RenewARMServerInstance';
const DAY_MS = 24 * 3_600_000;

export interface RateLimitFigures {
  servers: number;
  limitPerSecond: number;
  /** The task queue's rate (maxTaskQueueActivitiesPerSecond). */
  queuePerSecond: number;
  renewed: number;
  failed: number;
  /** Renewals per second from the first renewal to the last, and as a share of the limit. */
  renewalsPerSecond: number;
  shareOfLimit: number;
  throttled: number;
  wallSeconds: number;
}

/** `headroomPerSecond`: how far under the limit the worker runs the queue (default: the worker's own). */
export async function runRateLimit(
  stack: BenchStack,
  servers: number,
  limitPerSecond = 10,
  headroomPerSecond = DEFAULT_HEADROOM_PER_SECOND,
): Promise<RateLimitFigures> {
  await stack.admin.reset();
  await stack.admin.settings({ timeScale: 0, rateLimits: { [ACTION]: limitPerSecond } });
  await stack.admin.seedArmServers({ count: servers, expiresFrom: Date.now() + DAY_MS, expiresWithinMs: 5 * DAY_MS });
  const { worker, taskQueue } = await stack.startWorker('real', {
    PROVISIONER_RATE_LIMITS: `${ACTION}=${limitPerSecond}`,
    PROVISIONER_RATE_LIMIT_HEADROOM: String(headroomPerSecond),
  });
  try {
    const began = Date.now();
    const handle = await startJob(
      stack.client,
      'renewFleet',
      { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' } },
      { taskQueue, workflowId: `fleet-${taskQueue}` },
    );
    const result = await handle.result();
    const wallSeconds = (Date.now() - began) / 1000;
    const state = await stack.admin.state();
    const window = state.okCallWindows[ACTION];
    const spanSeconds = window ? (window.last - window.first) / 1000 : NaN;
    const renewalsPerSecond = (result.renewed - 1) / spanSeconds;
    const throttled = Object.entries(state.calls[ACTION] ?? {})
      .filter(([code]) => code.startsWith('Throttling'))
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      servers,
      limitPerSecond,
      queuePerSecond: queueRate(limitPerSecond, headroomPerSecond),
      renewed: result.renewed,
      failed: result.failed,
      renewalsPerSecond,
      shareOfLimit: renewalsPerSecond / limitPerSecond,
      throttled,
      wallSeconds,
    };
  } finally {
    await worker.stop();
  }
}
