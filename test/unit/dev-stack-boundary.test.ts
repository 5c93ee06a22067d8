import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../helpers/processes';

/** The modules of src/local and src/emulator that a fresh Node process has loaded once it required `entries`. */
async function devStackLoadedBy(entries: string[]): Promise<string[]> {
  const script = [
    ...entries.map((entry) => `require(${JSON.stringify(resolve(PROJECT_ROOT, entry))});`),
    'console.log(JSON.stringify(Object.keys(require.cache)));',
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: PROJECT_ROOT,
  });
  const loaded = JSON.parse(stdout.trim().split('\n').at(-1)!) as string[];
  return loaded.map((path) => relative(PROJECT_ROOT, path)).filter((path) => /^src\/(local|emulator)\//.test(path));
}

describe('production never loads the dev stack', () => {
  it('the worker, the client library and every module of the command line (dev and emulator included) load nothing of src/local or src/emulator', async () => {
    const commands = readdirSync(resolve(PROJECT_ROOT, 'src/cli')).map((name) => `src/cli/${name}`);
    expect(commands).toContain('src/cli/serve-commands.ts');

    expect(await devStackLoadedBy(['src/worker.ts', 'src/client.ts', ...commands])).toEqual([]);
  });

  it('the local stack does load it (the check sees a load where there is one)', async () => {
    expect(await devStackLoadedBy(['src/local/stack.ts'])).toEqual(
      expect.arrayContaining(['src/local/cloud.ts', 'src/emulator/server.ts']),
    );
  });
});
