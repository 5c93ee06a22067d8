import { randomUUID } from 'node:crypto';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { startCli, type StartedProcess } from '../helpers/processes';
import { withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());

/** Runs the command line to its end: its exit code and the JSON it printed last. */
async function run(
  taskQueue: string,
  ...args: string[]
): Promise<{ code: number | string; json: unknown; text: string }> {
  const process: StartedProcess = startCli(taskQueue, ...args);
  const code = await process.exited;
  const text = process.output().trim();
  const last = text.split('\n').at(-1) ?? '';
  return { code, text, json: last.startsWith('{') || last.startsWith('[') ? (JSON.parse(last) as unknown) : undefined };
}

describe('schedule commands over Temporal Schedules', () => {
  it('create, describe, trigger --wait, pause, list and delete a fleet renewal schedule', async () => {
    const DAY = 24 * 3_600_000;
    const servers = env.emulator.seedArmServers({ count: 3, expiresFrom: Date.now() + DAY, expiresWithinMs: DAY });
    const id = `renew-arm-${randomUUID().slice(0, 8)}`;

    const steps = await withCloudWorker(env, async ({ taskQueue }) => {
      const cli = (...args: string[]) => run(taskQueue, 'schedule', ...args);
      const created = await cli('create', 'renew-arm', '--id', id, '--every', '1d', '--window', '7d', '--json');
      const described = await cli('describe', id, '--json');
      const triggered = await cli('trigger', id, '--wait', '--json');
      const paused = await cli('pause', id, '--note', 'change freeze', '--json');
      const afterPause = await cli('describe', id, '--json');
      const listed = await cli('list', '--json');
      const deleted = await cli('delete', id, '--json');
      const gone = await cli('describe', id);
      return { created, described, triggered, paused, afterPause, listed, deleted, gone };
    });

    expect(steps.created.code).toBe(0);
    expect(steps.described.json).toMatchObject({
      scheduleId: id,
      workflowType: 'renewFleet',
      every: ['1d'],
      paused: false,
      overlap: 'SKIP',
      catchupWindow: '1d',
      input: { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' } },
    });
    expect(steps.triggered.code).toBe(0);
    expect(steps.triggered.json).toMatchObject({
      workflowId: expect.stringMatching(new RegExp(`^${id}-`)) as unknown,
      status: 'COMPLETED',
      result: { expiring: 3, renewed: 3, failed: 0 },
    });
    expect(env.emulator.state.snapshot().renewals).toEqual(Object.fromEntries(servers.map((server) => [server, 1])));
    expect(steps.afterPause.json).toMatchObject({ paused: true, note: 'change freeze', actionsTaken: 1 });
    expect(steps.listed.json).toContainEqual(expect.objectContaining({ scheduleId: id, paused: true }));
    expect(steps.deleted.json).toEqual({ scheduleId: id, deleted: true });
    expect(steps.gone.code).toBe(1);
    expect(steps.gone.text).toContain(`no schedule named "${id}"`);
  });

  it('refuses a window as long as the period, naming the setting, and creates nothing', async () => {
    const id = `renew-arm-${randomUUID().slice(0, 8)}`;
    const { created, described } = await withCloudWorker(env, async ({ taskQueue }) => ({
      created: await run(taskQueue, 'schedule', 'create', 'renew-arm', '--id', id, '--every', '1d', '--window', '31d'),
      described: await run(taskQueue, 'schedule', 'describe', id),
    }));

    expect(created.code).toBe(2);
    expect(created.text).toContain('renewFleet window: must be shorter than the period (1 Month)');
    expect(described.code).toBe(1);
  });
});
