/**
 * The reliability suite's smaller version, so that CI guards it: worker processes SIGKILLed in the
 * middle of a mixed load, a seeded fault storm, a scan for secrets afterwards, and hostile inputs
 * started directly on Temporal beside a mixed load. The full run, with server restarts, outages, bad
 * input and bad credentials, is `npm run chaos` (test/reliability/).
 */
import { hostileInput, hostileInputKept } from '../reliability/hostile-input';
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
    // The kill landed with jobs in flight.
    expect(report.endedAtKills).toHaveLength(1);
    expect(report.endedAtKills![0]).toBeLessThan(10);
  }, 400_000);

  it('finishes every job once through a seeded storm on every mutating action', async () => {
    const report = await faultStorm(stack, 10, 7);

    expect(report.tally).toEqual(everyJobOnce(10));
    // Calls applied but never answered (or cut before): what would buy twice without reconciling.
    expect((report.injected?.appliedButLost ?? 0) + (report.injected?.drop ?? 0)).toBeGreaterThan(0);
  }, 400_000);

  // After the two runs above: their histories, output and errors are what it scans.
  it('leaves no secret in any history, process output or error message of those runs', async () => {
    const scan = await scanForSecrets(stack, []);

    expect(scan.found).toEqual([]);
    expect(scan.histories).toBeGreaterThanOrEqual(20);
    expect(scan.signatures).toBeGreaterThan(0);
  }, 120_000);

  // After the scan: its megabyte inputs are none of the scan's business.
  it('fails every hostile input with InvalidParameter naming the parameter, and serves the jobs beside them', async () => {
    const report = await hostileInput(stack, { jobs: 10, copies: 2 });

    // Each case twice (alone, then among the normal jobs): refused at the first step, without a call.
    const refusals = report.hostile.map((result) => ({
      input: result.case.title,
      type: result.type,
      namesTheParameter: result.message.includes(result.case.parameter),
      apiCalls: result.apiCalls,
    }));
    const expected = report.cases.map((each) => ({
      input: each.title,
      type: 'InvalidParameter',
      namesTheParameter: true,
      apiCalls: 0,
    }));
    expect(refusals).toEqual([...expected, ...expected]);
    expect(report.cases.length).toBeGreaterThanOrEqual(14);
    // No worker died, every normal job completed once, and nothing was bought for a hostile job.
    expect(report.exits).toEqual([]);
    expect(report.normal).toEqual(everyJobOnce(10));
    expect(report.bought).toEqual({
      ecs: { PostPaid: 2 },
      subscriptions: 2,
      kafka: 2,
      loadBalancers: 2,
      renewals: 4,
      unasked: [],
    });
    expect(report.callsAlone).toBe(0);
    expect(report.callsMixed).toBe(report.callsReported);
    expect(hostileInputKept(report)).toBe(true);
  }, 400_000);
});
