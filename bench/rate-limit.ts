/**
 * Benchmark 3: how much of a documented rate limit the worker fleet uses, and whether the API ever
 * throttles it. Two actions, one per documented limit: `renewFleet` over M ARM servers
 * (RenewARMServerInstance, 10/s) and N `provisionEnsLoadBalancer` jobs started at once
 * (CreateLoadBalancer, 5/s), each on one or more worker processes sharing the rate-limited task queue.
 */
import { temporal } from '@temporalio/proto';
import { startJob } from '../src/starters';
import { FAST } from '../test/helpers/provisioning';
import type { BenchStack, BenchWorker } from './stack';

const DAY_MS = 24 * 3_600_000;

export interface RateLimitFigures {
  action: 'ens:RenewARMServerInstance' | 'ens:CreateLoadBalancer';
  /** Servers renewed or load balancers created. */
  calls: number;
  workers: number;
  limitPerSecond: number;
  succeeded: number;
  failed: number;
  /** Accepted calls per second from the first accepted call to the last, and as a share of the limit. */
  callsPerSecond: number;
  shareOfLimit: number;
  throttled: number;
  /** Renewals or load balancers beyond one per server or job, against the emulator's state (must be 0). */
  twice: number;
  /** Servers the fleet renewal did not renew (must be 0). */
  missed: number;
  /** The fleet renewal's runs (it continues as new past a batch) and the largest history of one. */
  historyPerRun?: { runs: number; maxEvents: number; maxKiB: number };
  wallSeconds: number;
}

type Scenario = Pick<RateLimitFigures, 'action' | 'calls' | 'workers' | 'limitPerSecond'>;

export async function runRateLimit(stack: BenchStack, scenario: Scenario): Promise<RateLimitFigures> {
  const { action, calls, workers: count, limitPerSecond } = scenario;
  await stack.admin.reset();
  await stack.admin.settings({ timeScale: 0, rateLimits: { [action]: limitPerSecond } });
  if (action === 'ens:RenewARMServerInstance') {
    await stack.admin.seedArmServers({ count: calls, expiresFrom: Date.now() + DAY_MS, expiresWithinMs: 5 * DAY_MS });
  }
  const env = { PROVISIONER_RATE_LIMITS: `${action}=${limitPerSecond}` };
  const workers: BenchWorker[] = [];
  try {
    const first = await stack.startWorker('real', env);
    workers.push(first.worker);
    const { taskQueue } = first;
    while (workers.length < count) workers.push((await stack.startWorker('real', env, taskQueue)).worker);

    const began = Date.now();
    const { succeeded, failed } =
      action === 'ens:RenewARMServerInstance'
        ? await renewFleet(stack, taskQueue)
        : await createLoadBalancers(stack, taskQueue, calls);
    const wallSeconds = (Date.now() - began) / 1000;

    const state = await stack.admin.state();
    const window = state.okCallWindows[action];
    const spanSeconds = window ? (window.last - window.first) / 1000 : NaN;
    const callsPerSecond = ((state.calls[action]?.OK ?? 0) - 1) / spanSeconds;
    const throttled = Object.entries(state.calls[action] ?? {})
      .filter(([code]) => code.startsWith('Throttling'))
      .reduce((sum, [, n]) => sum + n, 0);
    const renewals = Object.values(state.renewals);
    const fleet = action === 'ens:RenewARMServerInstance';
    return {
      ...scenario,
      succeeded,
      failed,
      callsPerSecond,
      shareOfLimit: callsPerSecond / limitPerSecond,
      throttled,
      twice: fleet
        ? renewals.reduce((sum, n) => sum + Math.max(0, n - 1), 0)
        : Math.max(0, state.loadBalancers.length - calls),
      missed: fleet ? calls - renewals.filter((n) => n > 0).length : 0,
      ...(fleet ? { historyPerRun: await fleetHistories(stack, taskQueue) } : {}),
      wallSeconds,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Each run of the fleet renewal's chain, as Temporal stores it: how many, and the largest. */
async function fleetHistories(stack: BenchStack, taskQueue: string): Promise<RateLimitFigures['historyPerRun']> {
  const workflowId = `fleet-${taskQueue}`;
  const sizes: { events: number; bytes: number }[] = [];
  for await (const run of stack.client.workflow.list({ query: `WorkflowId="${workflowId}"` })) {
    const history = await stack.client.workflow.getHandle(workflowId, run.runId).fetchHistory();
    sizes.push({
      events: history.events?.length ?? 0,
      bytes: temporal.api.history.v1.History.encode(history).finish().length,
    });
  }
  return {
    runs: sizes.length,
    maxEvents: Math.max(...sizes.map((size) => size.events)),
    maxKiB: Math.max(...sizes.map((size) => size.bytes)) / 1024,
  };
}

async function renewFleet(stack: BenchStack, taskQueue: string): Promise<{ succeeded: number; failed: number }> {
  const handle = await startJob(
    stack.client,
    'renewFleet',
    { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' } },
    { taskQueue, workflowId: `fleet-${taskQueue}` },
  );
  const result = await handle.result();
  return { succeeded: result.renewed, failed: result.failed };
}

async function createLoadBalancers(
  stack: BenchStack,
  taskQueue: string,
  count: number,
): Promise<{ succeeded: number; failed: number }> {
  const handles = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      startJob(stack.client, 'provisionEnsLoadBalancer', FAST.loadBalancer(`lb-${index}`), {
        taskQueue,
        workflowId: `lb-${taskQueue}-${index}`,
      }),
    ),
  );
  const outcomes = await Promise.allSettled(handles.map((handle) => handle.result()));
  const failed = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  return { succeeded: count - failed, failed };
}
