/**
 * `npm run bench [-- --quick]`: runs each benchmark, prints a table, writes the raw figures to
 * bench/results/<date>.json and the table, with the machine and versions, to bench/RESULTS.md.
 * Figures are ratios against a baseline measured in the same run, so a noisy machine moves both.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchEmulator } from './emulator';

const quick = process.argv.includes('--quick');

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

async function main(): Promise<void> {
  const rows: [string, string, string][] = [];
  const emulator = await benchEmulator(quick ? 2_000 : 10_000);
  rows.push([
    'Emulator: signed status reads/s (ECS DescribeInstanceStatus, v1 signature, fresh nonce each)',
    `${emulator.readsPerSecond.toFixed(0)}/s wall, ${emulator.readsPerCpuSecond.toFixed(0)}/s per CPU-second`,
    `${emulator.ratio.toFixed(2)} of a bare Node HTTP server (${emulator.baselinePerSecond.toFixed(0)}/s)`,
  ]);

  const table = [
    '| benchmark | figure | ratio to the baseline in the same run |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  console.log(table);

  const date = new Date().toISOString().slice(0, 10);
  const results = join(__dirname, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, `${date}${quick ? '-quick' : ''}.json`),
    JSON.stringify({ date, quick, machine: machine(), emulator }, null, 2),
  );
  if (!quick) {
    writeFileSync(
      join(__dirname, 'RESULTS.md'),
      `# Benchmark results\n\n${date}, ${machine()}.\n\n${table}\n\nRun with \`npm run bench\`; raw figures in \`bench/results/${date}.json\`.\n`,
    );
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
