/**
 * `npm run bench [-- --quick] [-- --sizes in-flight=1000,5000]`: runs each benchmark, prints a table,
 * writes the raw figures to bench/results/<date>.json and the table, with the machine and versions, to
 * bench/RESULTS.md, and draws each curve as an SVG chart into bench/charts/ (bench/results/quick/ for
 * a quick run). Figures are ratios against a baseline measured in the same run, so a noisy machine
 * moves both; the full run repeats each throughput pair (more of them at small sizes) and reports medians.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  curveSizes,
  fleetTable,
  FLEET_NOTES,
  medianPair,
  inFlightTable,
  IN_FLIGHT_NOTES,
  throughputPoint,
  throughputTable,
  THROUGHPUT_NOTES,
  writeCharts,
  type ThroughputPoint,
} from './curves';
import { benchEmulator } from './emulator';
import { runInFlight, type InFlightFigures } from './in-flight';
import { runRateLimit } from './rate-limit';
import { runReadiness } from './readiness';
import { buildBenchEntries, median, startBenchStack, withBenchStack } from './stack';
import { runPair, runStormPair, type LoadFigures } from './throughput';

const quick = process.argv.includes('--quick');

const SIZES = curveSizes(process.argv, quick);

/**
 * The deploy's wait for N jobs in flight: long enough that the last job starts before the first one's
 * instance is ready (starting takes some 40 to 70 ms a job on the benchmark's machine).
 */
const deployWaitMs = (jobs: number) => (quick ? 5_000 : 60_000) + jobs * 80;

/**
 * Throughput pairs at a size: a small size's halves last a few seconds, so the machine's phase and the
 * worker's warm-up weigh more on each, and more of them are cheap; every size gets at least three.
 */
const pairsAt = (workflows: number) => (quick ? 1 : Math.max(3, Math.min(9, Math.round(2_500 / workflows))));

/** The share of benchmark 4's calls answered by a throttling code. */
const STORM_SHARE = 0.2;

/** Sizes: the defaults for the full run, small ones for CI's quick run. */
const SIZE = quick
  ? {
      workflows: 40,
      readinessScale: 0.005,
      provisionings: 2,
      servers: 40,
      loadBalancers: 20,
      emulatorMs: 2_000,
    }
  : {
      workflows: 500,
      readinessScale: 0.1,
      provisionings: 5,
      servers: 300,
      loadBalancers: 200,
      emulatorMs: 10_000,
    };

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const temporal = (() => {
    try {
      return execFileSync(join(__dirname, '..', '.tools', 'temporal', 'bin', 'temporal'), ['--version'])
        .toString()
        .trim();
    } catch {
      return 'temporal CLI not installed under .tools';
    }
  })();
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${temporal}`;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const seconds = (ms: number) => `${fixed(ms / 1000, 2)} s`;

function loadText(figures: LoadFigures): string {
  return (
    `${fixed(figures.workflowsPerSecond, 1)} wf/s; p50 ${seconds(figures.p50Ms)}, p95 ${seconds(figures.p95Ms)}, ` +
    `p99 ${seconds(figures.p99Ms)}; worker peak ${fixed(figures.peakWorkerMiB, 0)} MiB, ` +
    `${fixed(figures.workerCpuMsPerWorkflow, 0)} ms CPU per workflow` +
    (figures.apiCallsPerWorkflow === undefined
      ? ''
      : `; ${fixed(figures.apiCallsPerWorkflow, 1)} API calls per workflow`)
  );
}

async function main(): Promise<void> {
  const rows: [string, string, string][] = [];
  const started = Date.now();
  buildBenchEntries();
  const raw: Record<string, unknown> = {};

  // 1. Throughput against the ceiling at each size (benchmark 1 is its size SIZE.workflows): every
  // measurement on a fresh stack, the order alternating between pairs.
  const throughput: ThroughputPoint[] = [];
  for (const size of [...new Set([...SIZES.throughput, SIZE.workflows])].sort((a, b) => a - b)) {
    const pairs = [];
    for (let run = 0; run < pairsAt(size); run++) pairs.push(await runPair(size, run % 2 === 1));
    throughput.push(throughputPoint(size, pairs));
  }
  raw.throughput = throughput;
  const bench1 = throughput.find((point) => point.workflows === SIZE.workflows)!;
  const { middle } = bench1;
  rows.push([
    `1. Throughput: ${SIZE.workflows} concurrent provisionEcsInstance, instant transitions`,
    loadText(middle.ecs),
    `${fixed(bench1.ratio)} of the ceiling (${fixed(middle.ceiling.workflowsPerSecond, 1)} wf/s, 6 empty activities each; ` +
      `worker ${fixed(middle.ceiling.peakWorkerMiB, 0)} MiB, ${fixed(middle.ceiling.workerCpuMsPerWorkflow, 0)} ms CPU per workflow)` +
      (bench1.pairs.length > 1
        ? `; median of ${bench1.pairs.length} pairs: ${bench1.ratios.map((r) => fixed(r)).join(', ')}`
        : '') +
      `; ${fixed(bench1.cpuRatio)} of the ceiling in worker CPU per workflow`,
  ]);

  const stack = await startBenchStack();
  try {
    // 2. Readiness detection against fixed-interval pollers.
    const readiness = await runReadiness(stack, SIZE.readinessScale, SIZE.provisionings);
    raw.readiness = { timeScale: SIZE.readinessScale, resources: readiness };
    for (const figures of readiness) {
      rows.push([
        `2. Readiness: ${figures.resource}, T = ${seconds(figures.tMs)} (time scale ${SIZE.readinessScale})`,
        `lag ${seconds(figures.lagMs)} = ${fixed(figures.lagShare * 100, 1)}% of T (median of ${figures.provisionings}, ` +
          `worst ${fixed(figures.worstLagShare * 100, 1)}%), ${fixed(figures.statusCalls, 1)} status calls each`,
        `fixed ${seconds(figures.baselineIntervalMs)} poller: lag ${seconds(figures.baselineLagMs)} = ` +
          `${fixed(figures.baselineLagShare * 100, 1)}% of T, ${fixed(figures.baselineStatusCalls, 1)} status calls each`,
      ]);
    }

    // 3. Rate-limit use: each documented limit, two worker processes sharing the queue.
    const rateRuns = [
      await runRateLimit(stack, {
        action: 'ens:RenewARMServerInstance',
        calls: SIZE.servers,
        limitPerSecond: 10,
        workers: 2,
      }),
      await runRateLimit(stack, {
        action: 'ens:CreateLoadBalancer',
        calls: SIZE.loadBalancers,
        limitPerSecond: 5,
        workers: 2,
      }),
    ];
    raw.rateLimit = rateRuns;
    for (const figures of rateRuns) {
      const work =
        figures.action === 'ens:RenewARMServerInstance'
          ? `renewFleet over ${figures.calls} ARM servers`
          : `${figures.calls} provisionEnsLoadBalancer at once`;
      rows.push([
        `3. Rate limit: ${work}, API limit ${figures.limitPerSecond}/s, ${figures.workers} worker processes`,
        `${fixed(figures.callsPerSecond)} ${figures.action.split(':')[1]} calls/s, ${figures.succeeded} done, ` +
          `${figures.failed} failed, ${figures.throttled} Throttling answers`,
        `${fixed(figures.shareOfLimit)} of the limit`,
      ]);
    }
  } finally {
    await stack.close();
  }

  // 4. Benchmark 1 under a throttling storm, in pairs with benchmark 1 itself (each on a fresh stack, as
  // throughput is measured): the storm's cost against the same load on the same phase of the machine.
  const stormPairs = [];
  for (let run = 0; run < (quick ? 1 : 3); run++) {
    stormPairs.push(await runStormPair(SIZE.workflows, STORM_SHARE, run % 2 === 1));
  }
  const time = medianPair(stormPairs, ({ calm, storm }) => storm.wallSeconds / calm.wallSeconds);
  const p99Ratios = stormPairs.map(({ calm, storm }) => storm.p99Ms / calm.p99Ms);
  const { storm } = time.middle;
  raw.storm = stormPairs;
  rows.push([
    `4. Throttling storm: benchmark 1 with ${STORM_SHARE * 100}% of calls answered by a throttling code`,
    `${storm.completed}/${storm.workflows} completed, ${storm.duplicates} duplicates, ${storm.throttled} throttled answers; ` +
      loadText(storm),
    `${fixed(time.ratio)} × the time of benchmark 1 in the same pair, ${fixed(median(p99Ratios))} × its p99` +
      (stormPairs.length > 1
        ? ` (medians of ${stormPairs.length} pairs: time ${time.ratios.map((r) => fixed(r)).join(', ')}; ` +
          `p99 ${p99Ratios.map((r) => fixed(r)).join(', ')})`
        : ''),
  ]);

  // 5. The emulator itself.
  const emulator = await benchEmulator(SIZE.emulatorMs);
  raw.emulator = emulator;
  rows.push([
    '5. Emulator: signed status reads/s (ECS DescribeInstanceStatus, v1 signature, fresh nonce each)',
    `${fixed(emulator.readsPerSecond, 0)}/s wall, ${fixed(emulator.readsPerCpuSecond, 0)}/s per CPU-second`,
    `${fixed(emulator.ratio)} of a bare Node HTTP server (${fixed(emulator.baselinePerSecond, 0)}/s)`,
  ]);

  // 6. Fleet renewal at each size: two worker processes, a fresh stack each.
  const fleet = [];
  for (const servers of SIZES.fleet) {
    fleet.push(
      await withBenchStack((fresh) =>
        runRateLimit(fresh, { action: 'ens:RenewARMServerInstance', calls: servers, limitPerSecond: 10, workers: 2 }),
      ),
    );
  }
  raw.fleet = fleet;

  // 7. Jobs in flight: one fresh stack per size, so each starts from an empty server.
  const inFlight: InFlightFigures[] = [];
  for (const jobs of SIZES['in-flight']) {
    inFlight.push(await withBenchStack((fresh) => runInFlight(fresh, jobs, deployWaitMs(jobs))));
  }
  raw.inFlight = inFlight;

  const table = [
    '| benchmark | figure | against the baseline in the same run |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  const curves =
    `## Throughput\n\n${throughputTable(throughput)}\n\n${THROUGHPUT_NOTES}\n\n` +
    `## Jobs in flight\n\n${inFlightTable(inFlight)}\n\n${IN_FLIGHT_NOTES}\n\n` +
    `## Fleet renewal\n\n${fleetTable(fleet)}\n\n${FLEET_NOTES}`;
  console.log(`${table}\n\n${curves}`);
  console.log(`\n${quick ? 'quick ' : ''}benchmark took ${Math.round((Date.now() - started) / 1000)} s`);

  const date = new Date().toISOString().slice(0, 10);
  const results = join(__dirname, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, `${date}${quick ? '-quick' : ''}.json`),
    JSON.stringify({ date, quick, machine: machine(), size: SIZE, sizes: SIZES, ...raw }, null, 2),
  );
  const chartDir = quick ? join(results, 'quick') : join(__dirname, 'charts');
  mkdirSync(chartDir, { recursive: true });
  const charts = await writeCharts(chartDir, throughput, inFlight, fleet);
  if (!quick) {
    const pictures = charts.map((file) => `![${file}](charts/${file})`).join('\n');
    writeFileSync(
      join(__dirname, 'RESULTS.md'),
      `# Benchmark results\n\n${date}, ${machine()}.\n\n${table}\n\n${NOTES}\n\n${curves}\n\n## Charts\n\n${pictures}\n\n` +
        `Run with \`npm run bench\`; raw figures in \`bench/results/${date}.json\`.\n`,
    );
  }
}

const NOTES = `Everything runs on the one machine at once: the Temporal dev server (in memory), the emulator
in its own process, a worker process per measurement (its peak memory is its VmHWM), and the load
generator. Workers and the emulator run compiled JavaScript, as \`npm run worker\` does; workers
log at WARN. Each throughput measurement runs on a fresh dev server and emulator (one that keeps the
histories of an earlier run is slower), the ceiling first in one pair and second in the next;
benchmark 4 pairs benchmark 1 with itself under the storm in the same way. The dev
server runs with \`history.timerProcessorMaxTimeShift\` at 10 ms: by default its timers may fire up
to a second late, which is nothing at real provisioning times but would swamp scaled ones.
Benchmark 2 provisions each resource several times at once, each beside a baseline poller of its
own; its lag is from the moment the emulator made the resource ready to the workflow's close (the
median, and the worst), and the baseline polls from the moment it called, at its interval times the
time scale. Like every dev server the project starts, it gives each task queue one partition, so
that a rate-limited queue's limit is one bucket (docs/design.md, Rate limits). Benchmark 5 measures the
emulator and the bare server in turn, three rounds of each, and gives the medians.`;

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
