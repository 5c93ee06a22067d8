import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { progressQuery } from '../../src/workflows/progress';
import { startEmulatedCloud, waitFor, type EmulatedCloud } from '../helpers/emulator';
import { startCli as cli, startCliOnTerminal } from '../helpers/processes';
import { FAST, withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());

function inputFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'job-')), 'input.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('the job commands against a running worker', () => {
  it('`provision` refuses an invalid input with exit 2, naming each parameter, and starts nothing', async () => {
    const input = FAST.loadBalancer('edge-cli-invalid');
    const file = inputFile({ ...input, request: { ...input.request, PayType: 'PrePaid' } });

    const { run, started } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const process = cli(taskQueue, 'provision', 'ens-lb', file);
      await process.exited;
      // The business key the job would have had: no workflow may exist under it.
      const started = await client.workflow
        .getHandle('ens-lb-create:edge-cli-invalid')
        .describe()
        .then(
          () => 'a workflow exists',
          (error: Error) => error.name,
        );
      return { run: process, started };
    });

    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('ens:CreateLoadBalancer PayType: must be one of PostPaid');
    expect(started).toBe('WorkflowNotFoundError');
    expect(env.emulator.state.snapshot().calls['ens:CreateLoadBalancer']).toBeUndefined();
  });

  it('exits 4 when the job’s deadline passes, and prints one line per step in a pipe', async () => {
    const file = inputFile({ ...FAST.loadBalancer('edge-cli-deadline'), expectedActiveMs: 600_000, deadline: '2s' });

    const run = await withCloudWorker(env, async ({ taskQueue }) => {
      const process = cli(taskQueue, 'provision', 'ens-lb', file, '--wait');
      await process.exited;
      return process;
    });

    expect(await run.exited).toBe(4);
    expect(run.output()).toMatch(/wait Active {2}LoadBalancerId=lb-/);
    expect(run.output()).toContain('TIMED_OUT: provisionEnsLoadBalancer failed at wait Active: the deadline passed');
  });

  it('on a terminal, `--wait` keeps one live line (step, elapsed time, ids) and ends it with the outcome', async () => {
    // A load balancer that takes 3 s to become Active, so the live line has something to show.
    const slow = await startEmulatedCloud({ timeScale: 3_000 / 90_000 });
    const file = inputFile({ ...FAST.loadBalancer('edge-cli-tty'), expectedActiveMs: 3_000 });

    const run = await withCloudWorker(slow, async ({ taskQueue }) => {
      const process = startCliOnTerminal(taskQueue, 'provision', 'ens-lb', file, '--wait');
      await process.exited;
      return process;
    }).finally(() => slow.close());

    expect(await run.exited).toBe(0);
    const raw = run.output();
    // The spinner hides the cursor and redraws its line in place (back to column 1, erase the line).
    expect(raw).toContain('\u001b[?25l');
    expect(raw).toContain('\u001b[1G\u001b[0K');
    const frames = raw
      .replaceAll('\u001b[1G', '\n')
      .split(/[\r\n]+/)
      .map((frame) => stripVTControlCharacters(frame))
      .map((line) => line.trim())
      .filter(Boolean);
    expect(frames).toContainEqual(expect.stringMatching(/^\S+ wait Active · \d+s · LoadBalancerId=lb-\w+$/));
    expect(frames.at(-1)).toMatch(/^✔ done: \{"LoadBalancerId":"lb-\w+","LoadBalancerStatus":"Active"/);
  });

  it('`cancel --release` stops a job and gives back what it bought', async () => {
    const input = { ...FAST.loadBalancer('edge-cli-cancel'), expectedActiveMs: 600_000 };

    const { progress } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const started = cli(taskQueue, 'provision', 'ens-lb', inputFile(input), '--json');
      const { workflowId } = JSON.parse((await started.exited, started.output())) as { workflowId: string };
      const handle = client.workflow.getHandle(workflowId);
      await waitFor(
        () => handle.query(progressQuery),
        (value) => value.step === 'wait Active',
      );
      const cancelled = cli(taskQueue, 'cancel', workflowId, '--release');
      await cancelled.exited;
      await handle.result().catch(() => undefined);
      return { progress: await handle.query(progressQuery) };
    });

    expect(progress.step).toBe('cancelled');
    expect(progress.released).toEqual([`load balancer ${progress.resources.LoadBalancerId}`]);
    expect(env.emulator.state.ens.loadBalancers.has(progress.resources.LoadBalancerId!)).toBe(false);
  });
});
