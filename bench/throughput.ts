/**
 * Benchmarks 1 and 4: N concurrent `provisionEcsInstance` workflows against the emulator with instant
 * transitions, beside the ceiling (the same number of activities, each doing nothing) in the same
 * run; and the same load with a share of the calls answered by throttling codes.
 */
import { startJob } from '../src/starters';
import type { ProvisionEcsInstanceInput } from '../src/workflows/provision-ecs-instance';
import { FAST } from '../test/helpers/provisioning';
import { ceiling } from './ceiling';
import { percentile, withBenchStack, type BenchStack, type BenchWorker } from './stack';

/**
 * Activities one `provisionEcsInstance` runs with instant transitions: validate, DryRun, create, wait
 * Stopped, start, wait Running.
 */
export const ECS_ACTIVITIES = 6;

const ECS_ACTIONS = ['ecs:CreateInstance', 'ecs:DescribeInstanceStatus', 'ecs:StartInstance', 'ecs:DescribeInstances'];

export interface LoadFigures {
  workflows: number;
  completed: number;
  wallSeconds: number;
  workflowsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  peakWorkerMiB: number;
  /** CPU time the worker process used per workflow, in ms. */
  workerCpuMsPerWorkflow: number;
  /** Alibaba Cloud API calls per workflow, as the emulator counted them. */
  apiCallsPerWorkflow?: number;
  /** Instances beyond one per workflow (must be 0). */
  duplicates?: number;
  /** Calls answered with a throttling code. */
  throttled?: number;
}

/** The tests' valid ECS request, with a password for the codec to seal, and instant waits. */
function ecsInput(name: string): ProvisionEcsInstanceInput {
  const input = FAST.ecs(name);
  return { request: { ...input.request, Password: 'Bench-Passw0rd!' }, expectedCreateMs: 0, expectedStartMs: 0 };
}

/** Starts `count` workflows at once (start calls a few dozen at a time) and waits for every result. */
async function drive(
  count: number,
  start: (index: number) => Promise<{ result(): Promise<unknown> }>,
): Promise<{ latencies: number[]; failed: number; wallMs: number }> {
  const began = Date.now();
  const latencies: number[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const STARTS_IN_FLIGHT = 32;
  for (let index = 0; index < count; index += STARTS_IN_FLIGHT) {
    const batch = Array.from({ length: Math.min(STARTS_IN_FLIGHT, count - index) }, async (_, offset) => {
      const startedAt = Date.now();
      const handle = await start(index + offset);
      pending.push(
        handle.result().then(
          () => void latencies.push(Date.now() - startedAt),
          () => void failed++,
        ),
      );
    });
    await Promise.all(batch);
  }
  await Promise.all(pending);
  return { latencies, failed, wallMs: Date.now() - began };
}

function figures(
  count: number,
  run: { latencies: number[]; failed: number; wallMs: number },
  worker: BenchWorker,
  cpuBefore: number,
): LoadFigures {
  return {
    workflows: count,
    completed: run.latencies.length,
    wallSeconds: run.wallMs / 1000,
    workflowsPerSecond: run.latencies.length / (run.wallMs / 1000),
    p50Ms: percentile(run.latencies, 50),
    p95Ms: percentile(run.latencies, 95),
    p99Ms: percentile(run.latencies, 99),
    peakWorkerMiB: worker.peakMemoryMiB(),
    workerCpuMsPerWorkflow: ((worker.cpuSeconds() - cpuBefore) * 1000) / count,
  };
}

/** The ceiling: `count` workflows of ECS_ACTIVITIES empty activities each, on a worker of their own. */
export async function runCeiling(stack: BenchStack, count: number): Promise<LoadFigures> {
  const { worker, taskQueue } = await stack.startWorker('ceiling');
  const cpuBefore = worker.cpuSeconds();
  try {
    const run = await drive(count, (index) =>
      stack.client.workflow.start(ceiling, {
        taskQueue,
        workflowId: `ceiling-${taskQueue}-${index}`,
        args: [ECS_ACTIVITIES],
      }),
    );
    return figures(count, run, worker, cpuBefore);
  } finally {
    await worker.stop();
  }
}

/**
 * Two measurements as a pair, each on a fresh stack (a dev server slows down as it keeps histories: a
 * second run of 500 on the same one measured 9 to 15% slower). Alternate `secondFirst` between pairs,
 * so that a drift of the machine weighs on both sides alike.
 */
async function pair<T>(first: () => Promise<T>, second: () => Promise<T>, secondFirst: boolean): Promise<[T, T]> {
  if (secondFirst) {
    const secondFigures = await second();
    return [await first(), secondFigures];
  }
  const firstFigures = await first();
  return [firstFigures, await second()];
}

/** Benchmark 1 against its ceiling, as a pair. */
export async function runPair(count: number, realFirst: boolean): Promise<{ ceiling: LoadFigures; ecs: LoadFigures }> {
  const [ceilingFigures, ecs] = await pair(
    () => withBenchStack((stack) => runCeiling(stack, count)),
    () => withBenchStack((stack) => runEcsLoad(stack, count)),
    realFirst,
  );
  return { ceiling: ceilingFigures, ecs };
}

/** Benchmark 1 against itself under a storm of throttling answers to `throttlingShare` of the calls, as a pair. */
export async function runStormPair(
  count: number,
  throttlingShare: number,
  stormFirst: boolean,
): Promise<{ calm: LoadFigures; storm: LoadFigures }> {
  const [calm, storm] = await pair(
    () => withBenchStack((stack) => runEcsLoad(stack, count)),
    () => withBenchStack((stack) => runEcsLoad(stack, count, throttlingShare)),
    stormFirst,
  );
  return { calm, storm };
}

function throttledCalls(calls: Record<string, Record<string, number>>): number {
  return Object.values(calls)
    .flatMap((codes) => Object.entries(codes))
    .filter(([code]) => code.startsWith('Throttling'))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * `count` provisionEcsInstance workflows on the real worker; with `throttlingShare`, that share of
 * every ECS call is answered by a throttling code (seeded, so each run sees the same storm).
 */
export async function runEcsLoad(stack: BenchStack, count: number, throttlingShare = 0): Promise<LoadFigures> {
  await stack.admin.reset();
  await stack.admin.settings({ timeScale: 0 });
  if (throttlingShare > 0) {
    await stack.admin.storm({ seed: 7, actions: ECS_ACTIONS, rates: { throttling: throttlingShare } });
  }
  const { worker, taskQueue } = await stack.startWorker('real');
  const cpuBefore = worker.cpuSeconds();
  try {
    const run = await drive(count, (index) =>
      startJob(stack.client, 'provisionEcsInstance', ecsInput(`bench-${index}`), {
        taskQueue,
        workflowId: `ecs-${taskQueue}-${index}`,
      }),
    );
    const state = await stack.admin.state();
    const okCalls = Object.values(state.calls).reduce((sum, codes) => sum + (codes.OK ?? 0), 0);
    return {
      ...figures(count, run, worker, cpuBefore),
      apiCallsPerWorkflow: okCalls / count,
      duplicates: state.ecs.length - count,
      throttled: throttledCalls(state.calls),
    };
  } finally {
    await stack.admin.storm(null);
    await worker.stop();
  }
}
