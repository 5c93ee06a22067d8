/**
 * `npm run fuzz`: the properties of test/fuzz/properties.ts on many more inputs than `npm test` gives
 * them, with a random seed (printed, so that a failure can be replayed). Each input's call is timed;
 * the report names, per property, the inputs tried, the failure if any (counterexample, seed and path)
 * and the slowest input. It is printed and written into test/reliability/RESULTS.md between the
 * fuzz markers, leaving the rest of the file as it is. Exits 1 when any property failed.
 */
import { FUZZ, withSection } from '../reliability/report-sections';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { FUZZ_PROPERTIES, type FuzzProperty, type TimedInput } from './properties';

const USAGE = `Usage: npm run fuzz [-- options]

Runs every fuzz property (test/fuzz/properties.ts) and writes the figures into
test/reliability/RESULTS.md, between <!-- fuzz:start --> and <!-- fuzz:end -->.

  --quick        a short run (well under a minute)
  --seed N       the seed (default: a random one, printed so that a failure can be replayed)
  --runs N       inputs per validator property (default 20000; the others in proportion)
  --only TEXT    only the properties whose name contains TEXT (the figures are then not written)
  --path P       with --seed and --only: replay one counterexample (the path a failure prints)
  --help         this text`;

const RESULTS = join(__dirname, '..', 'reliability', 'RESULTS.md');
/** The campaign size of a validator property: `--runs` scales every property by it. */
const FULL_RUNS = 20_000;
/**
 * The slowest inputs kept, each timed again after the run (best of RETIMES): on a shared machine one
 * timing may be a pause of the garbage collector or of the machine, not the input.
 */
const CANDIDATES = 20;
const RETIMES = 3;

interface Outcome {
  property: FuzzProperty;
  inputs: number;
  seconds: number;
  meanMs: number;
  slowest: { ms: number; input: string };
  failure?: { counterexample: string; error: string; path: string };
}

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      seed: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      path: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const whole = (name: string, text: string | undefined, min: number) => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < min)
      throw new Error(`--${name} must be a whole number of at least ${min}`);
    return Number(text);
  };
  return {
    help: values.help,
    quick: values.quick,
    seed: whole('seed', values.seed, 0) ?? Math.floor(Math.random() * 2 ** 31),
    runs: whole('runs', values.runs, 1),
    only: values.only,
    path: values.path,
  };
}

/** Inputs for `property` in this run. */
function runsOf(property: FuzzProperty, quick: boolean, runs: number | undefined): number {
  if (runs !== undefined) return Math.max(1, Math.round((property.runs.campaign * runs) / FULL_RUNS));
  return quick ? property.runs.quick : property.runs.campaign;
}

async function run(property: FuzzProperty, seed: number, numRuns: number, path?: string): Promise<Outcome> {
  const candidates: { ms: number; input: TimedInput }[] = [];
  let total = 0;
  let timed = 0;
  const started = performance.now();
  const opened = await property.open((ms, input) => {
    total += ms;
    timed += 1;
    if (candidates.length === CANDIDATES && ms <= candidates[CANDIDATES - 1]!.ms) return;
    candidates.push({ ms, input });
    candidates.sort((a, b) => b.ms - a.ms);
    candidates.length = Math.min(candidates.length, CANDIDATES);
  });
  let details: fc.RunDetails<[unknown]>;
  try {
    details = await fc.check(opened.property, { seed, numRuns, ...(path ? { path } : {}) });
  } finally {
    await opened.close();
  }
  const outcome: Outcome = {
    property,
    inputs: details.numRuns,
    seconds: (performance.now() - started) / 1000,
    meanMs: timed > 0 ? total / timed : 0,
    slowest: slowestOf(candidates),
  };
  if (details.failed)
    outcome.failure = {
      counterexample: details.counterexample
        ? fc.stringify(details.counterexample[0])
        : '(none: the run was interrupted)',
      error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
      path: details.counterexamplePath ?? '',
    };
  return outcome;
}

/** The slowest of the candidates by their best time, each timed again (a failing input keeps its first time). */
function slowestOf(candidates: { ms: number; input: TimedInput }[]): Outcome['slowest'] {
  let slowest = { ms: -1, input: '' };
  for (const { ms, input } of candidates) {
    let best = ms;
    try {
      for (let time = 0; time < RETIMES && input.again; time++) best = Math.min(best, input.again());
    } catch {
      // it fails: the failure is reported, and its first time stands
    }
    if (best > slowest.ms) slowest = { ms: best, input: input.describe() };
  }
  return slowest;
}

/** An error's first line, and where in src/ it was thrown when its stack says. */
function briefly(error: string): string {
  const [first, ...stack] = error.split('\n');
  const frame = stack.find((line) => line.includes('/src/'))?.match(/\/(src\/[^)\s]+)/)?.[1];
  return frame ? `${first} (at ${frame})` : first!;
}

/** Text for one cell of a Markdown table: one line, no pipes. */
const cell = (text: string, max = 160) => {
  const line = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/`/g, "'");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function report(outcomes: Outcome[], seed: number, quick: boolean, seconds: number): string {
  const failed = outcomes.filter((outcome) => outcome.failure);
  const command = `npm run fuzz${quick ? ' -- --quick' : ''}`;
  return [
    FUZZ.start,
    '## Fuzzing',
    '',
    `\`${command}\` on ${new Date().toISOString().slice(0, 10)}, seed ${seed}, ${seconds.toFixed(0)} s in all.`,
    'The properties of `test/fuzz/properties.ts` on generated hostile input; `npm test` runs the same ones on a',
    'fixed seed and fewer inputs. An input’s time is that of the call under test alone: the best of its calls, and',
    `the ${CANDIDATES} slowest timed ${RETIMES} times more (over HTTP: per request, once). ${failed.length === 0 ? 'No property failed.' : `${failed.length} failed (below): replay with \`npm run fuzz -- --seed ${seed}\`.`}`,
    '',
    '| property | inputs | failures | mean | slowest input |',
    '| --- | ---: | ---: | ---: | --- |',
    ...outcomes.map(({ property, inputs, failure, meanMs, slowest }) => {
      const slowestInput = `${slowest.ms.toFixed(1)} ms: ${cell(slowest.input)}`;
      return `| ${property.id} | ${inputs} | ${failure ? 1 : 0} | ${meanMs.toFixed(2)} ms | ${slowestInput} |`;
    }),
    ...(failed.length === 0
      ? []
      : [
          '',
          '### Failures',
          '',
          ...failed.map(({ property, failure }) => {
            const { path, error, counterexample } = failure!;
            const replay = `seed ${seed}, path ${path}`;
            return `- ${property.id} (${replay}): ${cell(briefly(error), 400)}. Counterexample: ${cell(counterexample, 600)}`;
          }),
        ]),
    FUZZ.end,
  ].join('\n');
}

async function main(): Promise<number> {
  const { help, quick, seed, runs, only, path } = options();
  if (help) {
    console.log(USAGE);
    return 0;
  }
  const properties = FUZZ_PROPERTIES.filter((property) => !only || property.id.includes(only));
  if (properties.length === 0) throw new Error(`no property's name contains "${only}"`);
  console.log(`Fuzzing ${properties.length} properties, seed ${seed}${quick ? ' (quick)' : ''}`);
  const started = performance.now();
  const outcomes: Outcome[] = [];
  for (const property of properties) {
    const outcome = await run(property, seed, runsOf(property, quick, runs), path);
    outcomes.push(outcome);
    const { failure, inputs, seconds } = outcome;
    const slowest = `slowest ${outcome.slowest.ms.toFixed(1)} ms: ${cell(outcome.slowest.input, 100)}`;
    console.log(`${failure ? 'FAIL' : 'ok  '} ${property.id}: ${inputs} inputs, ${seconds.toFixed(1)} s, ${slowest}`);
    if (outcome.failure) {
      console.log(`     ${outcome.failure.error}`);
      console.log(`     counterexample: ${outcome.failure.counterexample}`);
      console.log(`     replay: npm run fuzz -- --seed ${seed} --only '${property.id}' --path ${outcome.failure.path}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const failures = outcomes.filter((outcome) => outcome.failure).length;
  console.log(`${failures === 0 ? 'No property failed' : `${failures} failed`} (${seconds.toFixed(0)} s)`);
  if (only === undefined && path === undefined) {
    // Read just before writing: `npm run chaos` rewrites the rest of the file and keeps this section.
    writeFileSync(RESULTS, withSection(readFileSync(RESULTS, 'utf8'), FUZZ, report(outcomes, seed, quick, seconds)));
    console.log(`Figures written to ${RESULTS}`);
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
