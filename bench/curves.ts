/**
 * The benchmark's curves: the sizes each is measured at (`--sizes`), and each curve as a table for
 * bench/RESULTS.md and as SVG charts beside it.
 */
import { writeChart, type Chart } from './charts';
import type { InFlightFigures } from './in-flight';
import type { RateLimitFigures } from './rate-limit';
import { median } from './stack';
import type { LoadFigures } from './throughput';

/** The curves and their sizes: the full run's, or the quick run's, which only checks that they run. */
export function defaultSizes(quick: boolean) {
  return {
    /** Concurrent provisionEcsInstance jobs, each against the ceiling at the same size. */
    throughput: quick ? [40] : [100, 500, 2_000],
    /** Kafka provisionings in flight at once on one worker. */
    'in-flight': quick ? [20, 60] : [1_000, 5_000, 20_000],
    /** ARM servers one renewFleet renews, on two worker processes, at the documented 10/s. */
    fleet: quick ? [40] : [1_000, 10_000],
  };
}
export type Curves = ReturnType<typeof defaultSizes>;

/** `--sizes curve=n,n,...` (repeatable): a curve's sizes instead of its defaults. */
export function curveSizes(argv: readonly string[], quick: boolean): Curves {
  const sizes = defaultSizes(quick);
  argv.forEach((arg, index) => {
    if (arg !== '--sizes') return;
    const [curve, list] = (argv[index + 1] ?? '').split('=');
    const numbers = (list ?? '').split(',').map(Number);
    if (!Object.hasOwn(sizes, curve!) || numbers.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new Error(
        `--sizes takes curve=n,n,... with a curve of ${Object.keys(sizes).join(', ')}; got "${argv[index + 1]}"`,
      );
    }
    sizes[curve as keyof Curves] = numbers;
  });
  return sizes;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const seconds = (ms: number) => `${fixed(ms / 1000, 2)} s`;

/** One size of the throughput curve: its pairs, and their ratios to the ceiling. */
export interface ThroughputPoint {
  workflows: number;
  pairs: { ceiling: LoadFigures; ecs: LoadFigures }[];
  /** Throughput over the ceiling's, per pair: wall time. */
  ratios: number[];
  /** The ceiling's worker CPU per workflow over the real worker's, per pair: the machine's speed cancels out. */
  cpuRatios: number[];
  ratio: number;
  cpuRatio: number;
  /** The pair whose ratio is the median. */
  middle: { ceiling: LoadFigures; ecs: LoadFigures };
}

/** Each pair's ratio, their median, and the pair it comes from. */
export function medianPair<P>(pairs: readonly P[], ratioOf: (pair: P) => number) {
  const ratios = pairs.map(ratioOf);
  const ratio = median(ratios);
  return { ratios, ratio, middle: pairs[ratios.indexOf(ratio)]! };
}

export function throughputPoint(workflows: number, pairs: ThroughputPoint['pairs']): ThroughputPoint {
  const cpuRatios = pairs.map((pair) => pair.ceiling.workerCpuMsPerWorkflow / pair.ecs.workerCpuMsPerWorkflow);
  return {
    workflows,
    pairs,
    ...medianPair(pairs, (pair) => pair.ecs.workflowsPerSecond / pair.ceiling.workflowsPerSecond),
    cpuRatios,
    cpuRatio: median(cpuRatios),
  };
}

const spread = (values: readonly number[]) =>
  values.length > 1 ? ` (${fixed(Math.min(...values))} to ${fixed(Math.max(...values))})` : '';

export function throughputTable(points: readonly ThroughputPoint[]): string {
  return [
    '| concurrent jobs | jobs/s | ceiling | of the ceiling: wall time, median (spread) | of the ceiling: worker CPU per job | p99 |',
    '| --- | --- | --- | --- | --- | --- |',
    ...points.map(
      (p) =>
        `| ${p.workflows} | ${fixed(p.middle.ecs.workflowsPerSecond, 1)} | ${fixed(p.middle.ceiling.workflowsPerSecond, 1)} | ` +
        `${fixed(p.ratio)}${spread(p.ratios)} of ${p.pairs.length} pairs | ${fixed(p.cpuRatio)}${spread(p.cpuRatios)} | ` +
        `${seconds(p.middle.ecs.p99Ms)} |`,
    ),
  ].join('\n');
}

export function inFlightTable(figures: readonly InFlightFigures[]): string {
  return [
    '| jobs in flight | asleep at once | started in | worker memory: peak, all asleep | CPU per job: worker, Temporal server | history per job | readiness to close: p50, p99 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.jobs} | ${f.asleepAtOnce} | ${fixed(f.rampSeconds, 0)} s | ${fixed(f.peakWorkerMiB, 0)} MiB, ` +
        `${fixed(f.asleepWorkerMiB, 0)} MiB | ${fixed(f.workerCpuMsPerJob, 0)} ms, ${fixed(f.serverCpuMsPerJob, 0)} ms | ` +
        `${f.historyEventsPerJob} events, ${fixed(f.historyBytesPerJob / 1024, 1)} KiB | ` +
        `${seconds(f.closeLagP50Ms)}, ${seconds(f.closeLagP99Ms)} |`,
    ),
  ].join('\n');
}

export function fleetTable(figures: readonly RateLimitFigures[]): string {
  return [
    '| servers | renewals/s | of the limit | Throttling answers | renewed twice, not renewed | runs, largest history of one |',
    '| --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.calls} | ${fixed(f.callsPerSecond)} | ${fixed(f.shareOfLimit)} of ${f.limitPerSecond}/s | ${f.throttled} | ` +
        `${f.twice}, ${f.missed} | ${f.historyPerRun?.runs ?? 0}, ${f.historyPerRun?.maxEvents ?? 0} events ` +
        `(${fixed(f.historyPerRun?.maxKiB ?? 0, 0)} KiB) |`,
    ),
  ].join('\n');
}

/** A chart's series: `y` of each measured size. */
function series<T>(name: string, points: readonly T[], x: (point: T) => number, y: (point: T) => number) {
  return { name, points: points.map((point) => ({ x: x(point), y: Math.round(y(point) * 100) / 100 })) };
}

/** Every curve's charts, into `dir`; returns their files' names. */
export function writeCharts(
  dir: string,
  throughput: readonly ThroughputPoint[],
  inFlight: readonly InFlightFigures[],
  fleet: readonly RateLimitFigures[],
): Promise<string[]> {
  const servers = (f: RateLimitFigures) => f.calls;
  const jobs = (p: ThroughputPoint) => p.workflows;
  const inFlightX = 'Kafka provisionings in flight on one worker';
  const flying = (f: InFlightFigures) => f.jobs;
  const charts: Chart[] = [
    {
      file: 'throughput',
      title: 'Throughput against the ceiling',
      xTitle: 'concurrent provisionEcsInstance jobs',
      yTitle: 'jobs/s',
      series: [
        series('provisionEcsInstance', throughput, jobs, (p) => p.middle.ecs.workflowsPerSecond),
        series('ceiling', throughput, jobs, (p) => p.middle.ceiling.workflowsPerSecond),
      ],
    },
    {
      file: 'throughput-ratio',
      title: 'Share of the ceiling',
      xTitle: 'concurrent provisionEcsInstance jobs',
      yTitle: 'ratio',
      series: [
        series('wall time (median of pairs)', throughput, jobs, (p) => p.ratio),
        series('worker CPU per job', throughput, jobs, (p) => p.cpuRatio),
      ],
    },
    {
      file: 'in-flight-memory',
      title: 'Worker memory',
      xTitle: inFlightX,
      yTitle: 'MiB',
      series: [
        series('peak', inFlight, flying, (f) => f.peakWorkerMiB),
        series('all jobs asleep', inFlight, flying, (f) => f.asleepWorkerMiB),
      ],
    },
    {
      file: 'in-flight-cpu',
      title: 'CPU time per job',
      xTitle: inFlightX,
      yTitle: 'ms',
      series: [
        series('worker', inFlight, flying, (f) => f.workerCpuMsPerJob),
        series('Temporal server', inFlight, flying, (f) => f.serverCpuMsPerJob),
      ],
    },
    {
      file: 'in-flight-latency',
      title: "From the instance's readiness to its job's close",
      xTitle: inFlightX,
      yTitle: 's',
      series: [
        series('p50', inFlight, flying, (f) => f.closeLagP50Ms / 1000),
        series('p99', inFlight, flying, (f) => f.closeLagP99Ms / 1000),
      ],
    },
    {
      file: 'fleet',
      title: 'Fleet renewal on two worker processes',
      xTitle: 'ARM servers renewed',
      yTitle: 'renewals/s',
      series: [
        series('renewals/s', fleet, servers, (f) => f.callsPerSecond),
        series('the API limit', fleet, servers, (f) => f.limitPerSecond),
      ],
    },
    {
      file: 'fleet-history',
      title: 'Largest history of one fleet run (continue-as-new)',
      xTitle: 'ARM servers renewed',
      yTitle: 'KiB',
      series: [series('largest run', fleet, servers, (f) => f.historyPerRun?.maxKiB ?? 0)],
    },
  ];
  return Promise.all(charts.map((chart) => writeChart(dir, chart)));
}

export const IN_FLIGHT_NOTES = `Each size runs on a fresh dev server and emulator, with one worker process. The emulator's time
scale stretches the 20-minute deploy so that the last job starts before the first instance is ready
(60 s plus 80 ms a job); "asleep at once" counts the jobs whose instances were not yet ready when the
last one started deploying, and the worker's memory "all asleep" is its resident memory then. CPU
per job is the worker's and the dev server's CPU time over the run, divided by the jobs; history is
the median over 20 jobs, as Temporal stores it; readiness to close is from the moment the emulator
made each instance ready to its job's close, as visibility records it.`;

export const THROUGHPUT_NOTES = `Each size is measured in pairs, the ceiling and the real worker each on a fresh dev server
and emulator, the order alternating between pairs, and gives the median pair with the spread of all.
The spread is the machine's: it is shared, and its speed moves between the two halves of a pair (the
same ceiling has measured 7 to 32 jobs/s on different days); a half of 100 jobs lasts a few seconds,
so its start (the first workflow tasks, the worker's compilation of hot code) and any short slow phase
weigh most there, and small sizes get more pairs (the table gives how many). The
CPU-time ratio (the ceiling's worker CPU per job over the real worker's) leaves out the time the
worker waits for the server and the emulator, but not the machine's speed entirely: a worker's pollers
and timers cost CPU for every second it runs, so a slow half costs more CPU per job too. The processes
are not pinned to cores: with two cores, a worker alone on one leaves the server, the emulator and the
load generator to share the other, and both halves would then measure the server, not the worker.`;

export const FLEET_NOTES = `One renewFleet over every server, each on a fresh dev server and emulator, two worker processes
sharing the rate-limited queue under the emulator's documented limit of 10 RenewARMServerInstance
calls a second. Renewals per second are from the first accepted renewal to the last; renewed twice
and not renewed are counted from the emulator's own record of each server's renewals; a fleet run
continues as new past a batch, so the largest history of one run stays bounded as the fleet grows.`;
