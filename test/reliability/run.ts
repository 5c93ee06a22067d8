/**
 * `npm run chaos [-- --quick]`: every reliability scenario on one stack, at full size (or a small
 * one), printed as it ends; the full run's report is written to test/reliability/RESULTS.md. Exits 1
 * when anything was lost, duplicated, failed where it must not, or leaked.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badCredentials, type BadCredentialsResult } from './bad-credentials';
import { badInput, type BadInputResult } from './bad-input';
import { cloudOutage, faultStorm, serverRestart, workerCrashes, type ScenarioReport } from './scenarios';
import { scanForSecrets, type SecretsScan } from './secrets-scan';
import { startChaosStack } from './stack';

const quick = process.argv.includes('--quick');

/** Sizes: the issue's for the full run. Time scale 0.002: a 20-minute Kafka deploy takes 2.4 s. */
const SIZE = quick
  ? { jobs: 10, kills: 1, outageMs: 3_000, timeScale: 0.002 }
  : { jobs: 100, kills: 3, outageMs: 20_000, timeScale: 0.002 };
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

/** Whether a scenario kept the promise: every job completed, nothing lost or bought twice. */
const kept = (report: ScenarioReport) =>
  report.tally.completed === report.tally.jobs && report.tally.lost === 0 && report.tally.duplicates === 0;

function report(
  scenarios: ScenarioReport[],
  inputs: { results: BadInputResult[]; apiCalls: number },
  credentials: BadCredentialsResult[],
  secrets: SecretsScan,
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
  ].join('\n');
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
    const scenarios: ScenarioReport[] = [];
    for (const run of [
      () => workerCrashes(stack, SIZE.jobs, SIZE.kills),
      () => serverRestart(stack, SIZE.jobs),
      () => faultStorm(stack, SIZE.jobs, SEED),
      () => cloudOutage(stack, SIZE.jobs, SIZE.outageMs),
    ]) {
      const result = await run();
      console.log(scenarioRow(result));
      scenarios.push(result);
    }
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
    const text = report(scenarios, inputs, credentials, secrets, (Date.now() - began) / 1000);
    // The report of record is the full run's; a quick run only prints its own.
    if (!quick) writeFileSync(join(__dirname, 'RESULTS.md'), text);
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
      secrets.found.length === 0;
    return ok ? 0 : 1;
  } finally {
    await stack.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
