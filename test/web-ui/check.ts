/**
 * `npm run check:web-ui`: what a newcomer sees after `npm start`, in a real browser. Runs `dev` (the
 * dev server, its codec server, the emulator and the worker, which provisions the examples) on free
 * ports, then opens each example's workflow page in Debian's Chromium, headless, and checks that the
 * page shows the job's result decoded (its resource id as JSON), not the sealed payload. Exits 1
 * otherwise. CHROMIUM_PATH names the browser when it is not `chromium` on PATH.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI_SOURCE, onFreePorts, saysPortTaken, startNodeProcess, type StartedProcess } from '../helpers/processes';

const chromium = process.env.CHROMIUM_PATH ?? 'chromium';

/** The page's text once scripts have run for `budgetMs` of virtual time (the UI fetches, then decodes). */
async function pageText(url: string, budgetMs: number): Promise<string> {
  const { stdout } = await promisify(execFile)(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', `--virtual-time-budget=${budgetMs}`, '--dump-dom', url],
    { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
  );
  return stdout
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** The example rows of dev's summary: kind, status, first resource id, workflow id. */
function examples(output: string): { kind: string; id: string; workflowId: string }[] {
  return output
    .split('\n')
    .filter((line) => /^(ecs|ens-lb|kafka) +COMPLETED /.test(line))
    .map((line) => line.trim().split(/ {2,}/))
    .map(([kind, , resources, , , workflowId]) => ({
      kind: kind!,
      id: resources!.split(' ')[0]!,
      workflowId: workflowId!,
    }));
}

async function startDev(): Promise<{ dev: StartedProcess; uiPort: number }> {
  return await onFreePorts(2, async ([port, uiPort]) => {
    const dev = startNodeProcess(CLI_SOURCE, ['dev', '--port', String(port), '--ui-port', String(uiPort)], {
      PROVISIONER_DATA_DIR: mkdtempSync(join(tmpdir(), 'web-ui-')),
      PROVISIONER_CLOUD: 'emulator',
      PROVISIONER_EMULATOR_PORT: '0',
      PROVISIONER_EMULATOR_TIME_SCALE: '0.002',
      PROVISIONER_CODEC_KEYS: '',
      TEMPORAL_ADDRESS: '',
    });
    await dev.waitForOutput('Ctrl-C stops it.').catch((error: Error) => {
      throw saysPortTaken(dev.output()) ? new Error(dev.output()) : error;
    });
    return { dev, uiPort: uiPort! };
  });
}

async function main(): Promise<number> {
  const { dev, uiPort } = await startDev();
  try {
    const jobs = examples(dev.output());
    if (jobs.length !== 3) throw new Error(`expected 3 completed examples; dev printed:\n${dev.output()}`);
    let failures = 0;
    for (const job of jobs) {
      const url = `http://127.0.0.1:${uiPort}/namespaces/default/workflows/${encodeURIComponent(job.workflowId)}`;
      // The decoded result names the resource as a JSON member; sealed, the page shows base64 only.
      const decoded = new RegExp(`"\\w+Id" : "${job.id}"`);
      let text = '';
      for (const budgetMs of [15_000, 30_000, 60_000]) {
        text = await pageText(url, budgetMs);
        if (decoded.test(text)) break;
      }
      const ok = decoded.test(text);
      if (!ok) failures++;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${job.kind}: ${url} ${ok ? `shows ${job.id} decoded` : 'shows no decoded result'}`,
      );
    }
    return failures === 0 ? 0 : 1;
  } finally {
    dev.child.kill('SIGTERM');
    await dev.exited;
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
