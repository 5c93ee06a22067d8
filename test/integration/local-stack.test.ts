import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_SOURCE, onFreePorts, saysPortTaken, startNodeProcess } from '../helpers/processes';

/** `alicloud-provisioner dev --once` on free ports, with a data folder of its own. */
function devOnce(env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-stack-'));
  return onFreePorts(2, async ([port, uiPort]) => {
    const run = startNodeProcess(CLI_SOURCE, ['dev', '--once', '--port', String(port), '--ui-port', String(uiPort)], {
      PROVISIONER_DATA_DIR: dataDir,
      PROVISIONER_EMULATOR_PORT: '0',
      PROVISIONER_EMULATOR_TIME_SCALE: '0.002',
      PROVISIONER_CODEC_KEYS: '',
      TEMPORAL_ADDRESS: '',
      ...env,
    });
    const code = await run.exited;
    if (code !== 0 && saysPortTaken(run.output())) throw new Error(run.output());
    return { code, output: run.output(), uiPort, dataDir };
  });
}

describe('the embedded default (`dev`, what `npm start` runs)', () => {
  it('provisions every example against the emulator, prints the Web UI and a summary, and exits with --once', async () => {
    const { code, output, uiPort, dataDir } = await devOnce({ PROVISIONER_CLOUD: 'emulator' });

    expect(code).toBe(0);
    expect(output).toContain(`Web UI http://127.0.0.1:${uiPort}`);
    expect(output).toContain(`Generated a payload encryption key in ${join(dataDir, 'codec-keys')}`);
    expect(output).toContain('3 of 3 examples provisioned');
    const rows = output
      .split('\n')
      .filter((line) => /^(ecs|ens-lb|kafka) +[A-Z_]+ /.test(line))
      .map((line) => line.split(/ {2,}/));
    expect(rows.map(([example, status, resources]) => [example, status, resources?.split(' ')[0]])).toEqual([
      ['ecs', 'COMPLETED', expect.stringMatching(/^i-\w+$/)],
      ['ens-lb', 'COMPLETED', expect.stringMatching(/^lb-\w+$/)],
      ['kafka', 'COMPLETED', expect.stringMatching(/^alikafka_post-cn-\w+$/)],
    ]);
    expect(output.trimEnd().split('\n')).toContain('Done (--once).');
  });

  it('with Alibaba Cloud credentials configured, serves real jobs and never runs the examples', async () => {
    const { code, output } = await devOnce({
      PROVISIONER_CLOUD: 'auto',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tNotARealKeyForTests',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-a-real-secret-for-tests',
    });

    expect(code).toBe(0);
    expect(output).toContain(
      'Alibaba Cloud credentials are configured: serving real jobs. The examples are not run (they would buy resources).',
    );
    expect(output).not.toContain('examples provisioned');
    expect(output).not.toContain('not-a-real-secret-for-tests');
  });
});
