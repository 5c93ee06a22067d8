/**
 * The reliability scenarios. Each runs a load on a ChaosStack, does something bad to it, waits for
 * every job's end, and reports what the emulator's admin state says: completed, failed (by code),
 * lost and duplicated. `npm run chaos` runs them at full size, `npm test` a smaller version of some.
 */
import { ACTIONS } from '../../src/actions';
import type { FaultStorm } from '../../src/emulator/faults';
import type { ChaosStack } from './stack';
import { outcomeOf, prepareWorkload, startWorkload, tally, type JobOutcome, type Tally } from './workload';

export interface ScenarioReport {
  scenario: string;
  /** The load held, in words. */
  load: string;
  /** The faults injected and survived, in words. */
  faults: string;
  tally: Tally;
  wallSeconds: number;
  /** Every job's end, for the secrets scan. */
  outcomes: JobOutcome[];
  /** Crashes: the jobs that had ended at each kill (fewer than all: the kill landed mid-flight). */
  endedAtKills?: number[];
  /** Storm: faults injected, by kind (by code for errors). */
  injected?: Record<string, number>;
}

/** Every mutating action the project calls: what the storm hits. */
export const MUTATING_ACTIONS = Object.entries(ACTIONS)
  .filter(([, spec]) => spec.mutating)
  .map(([name]) => name);

const WORKERS = 2;

/**
 * Runs `jobs` mixed jobs on WORKERS worker processes; `during` runs beside them with a function that
 * resolves, with the count of jobs ended, once a given share of them has ended (so faults land at
 * chosen moments). `prepared` runs once the servers and instances to renew exist, before any job starts.
 */
async function runLoad(
  stack: ChaosStack,
  jobs: number,
  label: string,
  during: (settled: (share: number) => Promise<number>) => Promise<void>,
  prepared: () => Promise<void> = () => Promise.resolve(),
): Promise<{ tally: Tally; outcomes: JobOutcome[]; wallSeconds: number }> {
  const workload = await prepareWorkload(
    { admin: stack.emulator.admin, endpoint: stack.emulator.endpoint, key: stack.key },
    jobs,
    label,
  );
  await prepared();
  await stack.startWorkers(WORKERS);
  const began = Date.now();
  try {
    const ids = await startWorkload(stack.client, stack.taskQueue, workload);
    let ended = 0;
    const waiters: { count: number; resolve: (ended: number) => void; reject: (error: unknown) => void }[] = [];
    const outcomes = Promise.all(
      workload.map(async (job, index) => {
        const outcome = await outcomeOf(stack.client, job, ids[index]!);
        ended++;
        for (const waiter of waiters.filter((each) => ended >= each.count)) waiter.resolve(ended);
        return outcome;
      }),
    );
    // A job whose end cannot be read fails the run, and whatever waits for a share of them.
    outcomes.catch((error: unknown) => waiters.forEach((waiter) => waiter.reject(error)));
    const settled = (share: number) =>
      new Promise<number>((resolve, reject) => {
        const count = Math.ceil(share * jobs);
        if (ended >= count) resolve(ended);
        else waiters.push({ count, resolve, reject });
      });
    const [, all] = await Promise.all([during(settled), outcomes]);
    const wallSeconds = (Date.now() - began) / 1000;
    return { tally: tally(all, await stack.emulator.admin.state()), outcomes: all, wallSeconds };
  } finally {
    await stack.stopWorkers();
  }
}

const mixed = (jobs: number) => `${jobs} jobs, the five kinds in turn, on ${WORKERS} worker processes`;

/** 1. Every worker process SIGKILLed `kills` times, at different shares of the jobs done; new ones started. */
export async function workerCrashes(stack: ChaosStack, jobs: number, kills: number): Promise<ScenarioReport> {
  const moments = Array.from({ length: kills }, (_, index) => 0.1 + (0.6 * index) / Math.max(1, kills - 1));
  let killed = 0;
  const endedAtKills: number[] = [];
  const run = await runLoad(stack, jobs, 'crash', async (settled) => {
    for (const share of moments) {
      await settled(share);
      killed += await stack.killWorkers();
      // Counted after the kill: jobs that ended while it landed were not in flight.
      endedAtKills.push(await settled(0));
      await stack.startWorkers(WORKERS);
    }
  });
  return {
    scenario: '1. Worker crashes',
    load: mixed(jobs),
    faults: `${kills} × SIGKILL of every worker (${killed} processes), with ${endedAtKills.join(', ')} of the ${jobs} jobs ended; new workers started each time`,
    endedAtKills,
    ...run,
  };
}

/** 2. The Temporal server stopped and started again on the same database, with jobs in flight. */
export async function serverRestart(stack: ChaosStack, jobs: number): Promise<ScenarioReport> {
  let downSeconds = 0;
  const run = await runLoad(stack, jobs, 'restart', async (settled) => {
    await settled(0.3);
    const stopped = Date.now();
    await stack.restartTemporal();
    downSeconds = (Date.now() - stopped) / 1000;
  });
  return {
    scenario: '2. Temporal server restart',
    load: mixed(jobs),
    faults: `server stopped at 30% of the jobs ended, started again on the same SQLite file (${downSeconds.toFixed(1)} s down)`,
    ...run,
  };
}

/** The issue's storm: on every mutating action, seeded so that each run sees the same faults. */
export const STORM: Omit<FaultStorm, 'seed'> = {
  actions: MUTATING_ACTIONS,
  rates: { throttling: 0.3, serverError: 0.1, html503: 0.05, reset: 0.05, appliedButLost: 0.05 },
};

/** 3. A seeded fault storm on every mutating action (the issue's, or `storm`). */
export async function faultStorm(
  stack: ChaosStack,
  jobs: number,
  seed: number,
  storm: Omit<FaultStorm, 'seed'> = STORM,
): Promise<ScenarioReport> {
  const before = (await stack.emulator.admin.state()).faults.injected;
  const run = await runLoad(
    stack,
    jobs,
    'storm',
    () => Promise.resolve(),
    () => stack.emulator.admin.storm({ ...storm, seed }),
  ).finally(() => stack.emulator.admin.storm(null));
  const after = (await stack.emulator.admin.state()).faults.injected;
  const injected = Object.entries(after)
    .map(([kind, count]) => [kind, count - (before[kind] ?? 0)] as const)
    .filter(([, count]) => count > 0);
  return {
    injected: Object.fromEntries(injected),
    scenario: '3. Fault storm',
    load: mixed(jobs),
    faults: `seed ${seed}: ${injected.map(([kind, count]) => `${count} ${kind}`).join(', ')} on ${MUTATING_ACTIONS.length} mutating actions`,
    ...run,
  };
}

/** 4. The emulator unreachable for `outageMs` (connections refused), then back with its state. */
export async function cloudOutage(stack: ChaosStack, jobs: number, outageMs: number): Promise<ScenarioReport> {
  const run = await runLoad(stack, jobs, 'outage', async (settled) => {
    await settled(0.2);
    await stack.emulator.admin.outage(outageMs);
  });
  return {
    scenario: '4. Cloud outage',
    load: mixed(jobs),
    faults: `emulator unreachable for ${(outageMs / 1000).toFixed(0)} s at 20% of the jobs ended, then back`,
    ...run,
  };
}
