/**
 * `npm run chaos [-- --quick | --size quick|standard|large]`: every reliability scenario on one stack,
 * printed as it ends. The standard run's report is written to test/reliability/RESULTS.md (keeping the
 * sections other runs write there); the large run (`--size large`: scenarios 1 to 4 at ten times the
 * size, under a storm in which half of all mutating calls fail) writes its own section of that file.
 * Exits 1 when anything was lost, duplicated, failed where it must not, leaked, or bought for a hostile
 * input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badCredentials, type BadCredentialsResult } from './bad-credentials';
import { badInput, type BadInputResult } from './bad-input';
import {
  hostileInput,
  hostileInputKept,
  hostileOutcome,
  refusedNamingTheParameter,
  type HostileInputReport,
} from './hostile-input';
import { FUZZ, LARGE_CHAOS, sectionOf, withSection } from './report-sections';
import { cloudOutage, faultStorm, serverRestart, STORM, workerCrashes, type ScenarioReport } from './scenarios';
import { scanForSecrets, type SecretsScan } from './secrets-scan';
import { startChaosStack } from './stack';

/** Sizes. Time scale 0.002: a 20-minute Kafka deploy takes 2.4 s. */
const SIZES = {
  quick: { jobs: 10, kills: 1, outageMs: 3_000, timeScale: 0.002, hostile: { jobs: 10, copies: 2 }, storm: STORM },
  standard: { jobs: 100, kills: 3, outageMs: 20_000, timeScale: 0.002, hostile: { jobs: 20, copies: 4 }, storm: STORM },
  large: {
    jobs: 1_000,
    kills: 10,
    outageMs: 20_000,
    timeScale: 0.002,
    hostile: { jobs: 20, copies: 4 },
    // Half of all mutating calls fail, every kind of fault mixed.
    storm: {
      ...STORM,
      rates: { throttling: 0.25, serverError: 0.1, html503: 0.05, reset: 0.05, appliedButLost: 0.05 },
    },
  },
};
type Size = keyof typeof SIZES;

function sizeOption(argv: readonly string[]): Size {
  if (argv.includes('--quick')) return 'quick';
  const index = argv.indexOf('--size');
  if (index < 0) return 'standard';
  const size = argv[index + 1] ?? '';
  if (!Object.hasOwn(SIZES, size)) throw new Error(`--size takes ${Object.keys(SIZES).join(', ')}; got "${size}"`);
  return size as Size;
}
const SIZE_NAME = sizeOption(process.argv);
const SIZE = SIZES[SIZE_NAME];
const quick = SIZE_NAME === 'quick';
const SEED = 20261130;

const codes = (byCode: Record<string, number>) =>
  Object.entries(byCode)
    .map(([code, count]) => `${count} ${code}`)
    .join(', ') || 'none';

function scenarioRow(report: ScenarioReport): string {
  const { tally } = report;
  const outcome = `${tally.completed}/${tally.jobs} completed in ${report.wallSeconds.toFixed(0)} s; failed: ${codes(tally.failedByCode)}`;
  return `| ${report.scenario} | ${report.load} | ${report.faults} | ${outcome} | ${tally.lost} | ${tally.duplicates} |`;
}

/** Whether a bad input was refused both ways, naming its parameter. */
const namesTheParameter = (result: BadInputResult) =>
  result.refusedBeforeStart.includes(result.case.parameter) &&
  result.workflowFailure.type === 'InvalidParameter' &&
  result.workflowFailure.message.includes(result.case.parameter);

/** The code each bad-credentials case must fail with, in the order badCredentials() runs them. */
const CREDENTIAL_CODES = ['SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound'];

/** A failure message in a table cell: one line, no column break, long ones cut. */
const cell = (text: string, max = 240) => {
  const line = text.replace(/\s+/g, ' ').replaceAll('|', '\\|');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
};

function hostileRow(report: HostileInputReport): string {
  const { lost, duplicates } = report.normal;
  return `| ${report.scenario} | ${report.load} | ${report.inputs} | ${hostileOutcome(report)} | ${lost} | ${duplicates} |`;
}

/** Scenario 8's section: each hostile case, the parameter its refusal names, and the failure message. */
function hostileSection(report: HostileInputReport): string[] {
  const rows = report.cases.map((each) => {
    const results = report.hostile.filter((result) => result.case === each);
    const named = results.filter(refusedNamingTheParameter);
    // The message of a job that did not fail as it must, if any: that is the one to read.
    const shown = results.find((result) => !refusedNamingTheParameter(result)) ?? results[0];
    const failure = shown ? `${shown.type}: \`${cell(shown.message).replaceAll('`', "'")}\`` : 'not run';
    return `| ${each.workflow} | ${each.title} | \`${cell(each.parameter, 80)}\` | ${named.length}/${results.length} | ${failure} |`;
  });
  const exits = report.exits.map(
    (exit) =>
      `- a worker exited with ${exit.code}; its last output: \`${cell(exit.output, 400).replaceAll('`', "'")}\``,
  );
  return [
    '## Hostile input',
    '',
    'Each started directly on Temporal (around `startJob`, which refuses them first), on the worker processes that',
    'served the normal jobs; each must fail at its first step with InvalidParameter naming the parameter, before any',
    'API call. The failure of one job of each case:',
    '',
    '| workflow | hostile input | parameter the refusal names | failed with InvalidParameter naming it | failure (one job’s) |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(report.bought.unasked.length
      ? ['', ...report.bought.unasked.map((what) => `- bought for no normal job: ${what}`)]
      : []),
    ...(exits.length ? ['', ...exits] : []),
  ];
}

/** Whether a scenario kept the promise: every job completed, nothing lost or bought twice. */
const kept = (report: ScenarioReport) =>
  report.tally.completed === report.tally.jobs && report.tally.lost === 0 && report.tally.duplicates === 0;

function report(
  scenarios: ScenarioReport[],
  inputs: { results: BadInputResult[]; apiCalls: number },
  credentials: BadCredentialsResult[],
  secrets: SecretsScan,
  hostile: HostileInputReport,
  seconds: number,
): string {
  const named = inputs.results.filter(namesTheParameter).length;
  return [
    '# Reliability results',
    '',
    `\`npm run chaos${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}, ${seconds.toFixed(0)} s in all.`,
    'Every scenario ran against the Temporal dev server on a SQLite file, the emulator and worker processes',
    'of their own, and ends with a check of the emulator’s admin state.',
    '',
    '| scenario | load held | faults injected, or inputs tried | outcome | lost | duplicated |',
    '| --- | --- | --- | --- | --- | --- |',
    ...scenarios.map(scenarioRow),
    `| 5. Bad input | one worker | ${inputs.results.length} invalid requests over the six workflows (below), each through startJob and started directly | ${named}/${inputs.results.length} refused naming the parameter both ways; ${inputs.apiCalls} API calls reached the emulator | 0 | 0 |`,
    ...credentials.map(
      (result) =>
        `| 6. Bad credentials | 1 ECS provisioning on one worker | ${result.credentials} | failed with ${result.code} after ${result.refusedCalls} refused call, saying what to fix (below) | 0 | 0 |`,
    ),
    `| 7. Secrets | the histories, output and errors of 1 to 6: ${secrets.histories} histories (${(secrets.historyBytes / 1024).toFixed(0)} KiB), ${(secrets.logBytes / 1024).toFixed(0)} KiB of process output, ${secrets.errorMessages} error messages | ${secrets.secrets} values looked for: passwords, AccessKey secret, STS token and payload key (raw, percent-encoded once and twice, base64 at each alignment), and ${secrets.signatures} request signatures (raw, percent-encoded once and twice) | ${secrets.found.length} found | 0 | 0 |`,
    hostileRow(hostile),
    '',
    '## Bad input',
    '',
    '| workflow | invalid request | refused before start | workflow failure |',
    '| --- | --- | --- | --- |',
    ...inputs.results.map(
      (result) =>
        `| ${result.case.workflow} | ${result.case.title} | ${result.refusedBeforeStart
          .split('\n')
          .slice(1)
          .map((line) => line.trim())
          .join('; ')} | ${result.workflowFailure.type} |`,
    ),
    '',
    '## Bad credentials',
    '',
    ...credentials.map((result) => `- ${result.credentials}: \`${result.code}\`: ${result.message}`),
    ...(secrets.found.length ? ['', '## Secrets found', '', ...secrets.found.map((where) => `- ${where}`)] : []),
    '',
    ...hostileSection(hostile),
    '',
  ].join('\n');
}

const RESULTS = join(__dirname, 'RESULTS.md');

function readResults(): string {
  try {
    return readFileSync(RESULTS, 'utf8');
  } catch {
    return '';
  }
}

/** The standard run's report, with the sections the fuzzing campaign and the large run wrote kept after it. */
function withKeptSections(text: string): string {
  const old = readResults();
  const kept = [FUZZ, LARGE_CHAOS].flatMap((markers) => sectionOf(old, markers) ?? []);
  return `${[text.trimEnd(), ...kept].join('\n\n')}\n`;
}

/** The large run's section: its scenarios, and how it was run. */
function largeSection(scenarios: ScenarioReport[], seconds: number): string {
  return [
    LARGE_CHAOS.start,
    '## At ten times the size',
    '',
    `\`npm run chaos -- --size large\` on ${new Date().toISOString().slice(0, 10)}, ${seconds.toFixed(0)} s in all: scenarios 1 to 4`,
    `with ${SIZES.large.jobs} jobs each, ${SIZES.large.kills} kills, and a storm in which half of all mutating calls fail.`,
    '',
    '| scenario | load held | faults injected | outcome | lost | duplicated |',
    '| --- | --- | --- | --- | --- | --- |',
    ...scenarios.map(scenarioRow),
    LARGE_CHAOS.end,
  ].join('\n');
}

/** Scenarios 1 to 4 at SIZE. */
async function runScenarios(stack: Awaited<ReturnType<typeof startChaosStack>>): Promise<ScenarioReport[]> {
  const scenarios: ScenarioReport[] = [];
  for (const run of [
    () => workerCrashes(stack, SIZE.jobs, SIZE.kills),
    () => serverRestart(stack, SIZE.jobs),
    () => faultStorm(stack, SIZE.jobs, SEED, SIZE.storm),
    () => cloudOutage(stack, SIZE.jobs, SIZE.outageMs),
  ]) {
    const result = await run();
    console.log(scenarioRow(result));
    scenarios.push(result);
  }
  return scenarios;
}

/** The large run: scenarios 1 to 4 only, into their own section of RESULTS.md. */
async function large(): Promise<number> {
  const began = Date.now();
  const stack = await startChaosStack(SIZE.timeScale);
  try {
    const scenarios = await runScenarios(stack);
    const section = largeSection(scenarios, (Date.now() - began) / 1000);
    writeFileSync(RESULTS, withSection(readResults(), LARGE_CHAOS, section));
    console.log(`\n${section}`);
    return scenarios.every(kept) ? 0 : 1;
  } finally {
    await stack.close();
  }
}

async function main(): Promise<number> {
  const began = Date.now();
  const stack = await startChaosStack(SIZE.timeScale);
  try {
    const inputs = await badInput(stack);
    console.log(`5. bad input: ${inputs.results.length} cases, ${inputs.apiCalls} API calls`);
    const credentials = await badCredentials(stack);
    console.log(
      `6. bad credentials: ${credentials.map((result) => `${result.code} (${result.refusedCalls} call)`).join(', ')}`,
    );
    const scenarios = await runScenarios(stack);
    const messages = [
      ...scenarios.flatMap((each) =>
        each.outcomes.flatMap((outcome) =>
          outcome.failure ? [outcome.failure.message, String(outcome.failure.cause?.message)] : [],
        ),
      ),
      ...inputs.results.flatMap((result) => [result.refusedBeforeStart, result.workflowFailure.message]),
      ...credentials.map((result) => result.message),
    ];
    const secrets = await scanForSecrets(stack, messages);
    console.log(
      `7. secrets: ${secrets.found.length} found in ${secrets.histories} histories and ${secrets.logBytes} bytes of output`,
    );
    const hostile = await hostileInput(stack, SIZE.hostile);
    console.log(`8. hostile input: ${hostileOutcome(hostile)}`);
    const text = report(scenarios, inputs, credentials, secrets, hostile, (Date.now() - began) / 1000);
    // The report of record is the full run's; a quick run only prints its own.
    if (!quick) writeFileSync(RESULTS, withKeptSections(text));
    console.log(`\n${text}`);
    const ok =
      scenarios.every(kept) &&
      inputs.results.every(namesTheParameter) &&
      inputs.apiCalls === 0 &&
      credentials.every(
        (result, index) =>
          result.code === CREDENTIAL_CODES[index] && result.refusedCalls === 1 && result.message.includes('To fix:'),
      ) &&
      secrets.histories > 0 &&
      secrets.signatures > 0 &&
      secrets.found.length === 0 &&
      hostileInputKept(hostile);
    return ok ? 0 : 1;
  } finally {
    await stack.close();
  }
}

(SIZE_NAME === 'large' ? large() : main()).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
