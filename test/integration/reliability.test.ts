/**
 * The reliability suite's smaller version, so that CI guards it: worker processes SIGKILLed in the
 * middle of a mixed load, a seeded fault storm, and a scan for secrets afterwards. The full run, with
 * server restarts, outages, bad input and bad credentials, is `npm run chaos` (test/reliability/).
 */
import { faultStorm, workerCrashes } from '../reliability/scenarios';
import { scanForSecrets } from '../reliability/secrets-scan';
import { startChaosStack, type ChaosStack } from '../reliability/stack';

let stack: ChaosStack;
beforeAll(async () => {
  stack = await startChaosStack(0.002);
}, 120_000);
afterAll(() => stack?.close());

const everyJobOnce = (jobs: number) => ({ jobs, completed: jobs, failed: 0, failedByCode: {}, lost: 0, duplicates: 0 });

describe('reliability (the smaller version of npm run chaos)', () => {
  it('finishes every job once when every worker process is SIGKILLed mid-flight', async () => {
    const report = await workerCrashes(stack, 10, 1);

    expect(report.tally).toEqual(everyJobOnce(10));
    expect(report.faults).toContain('1 × SIGKILL of every worker (2 processes)');
  }, 240_000);

  it('finishes every job once through a seeded storm on every mutating action', async () => {
    const report = await faultStorm(stack, 10, 7);

    expect(report.tally).toEqual(everyJobOnce(10));
    expect(report.faults).toMatch(/^seed 7: \d+ /);
  }, 240_000);

  it('leaves no secret in any history, process output or error message of those runs', async () => {
    const scan = await scanForSecrets(stack, []);

    expect(scan.found).toEqual([]);
    expect(scan.histories).toBeGreaterThanOrEqual(20);
    expect(scan.signatures).toBeGreaterThan(0);
  }, 120_000);
});
