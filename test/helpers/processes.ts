/**
 * Starts the project's entry points as separate OS processes, the way users and CI run them, with the
 * TypeScript sources loaded through tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { TEST_CODEC_KEYS } from './temporal';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** The command line's entry point in the sources, run through tsx. */
export const CLI_SOURCE = 'src/cli/main.ts';

export interface StartedProcess {
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
  /** Resolves once the output contains `text`; rejects if the process ends first. */
  waitForOutput(text: string): Promise<void>;
}

const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

export function startNodeProcess(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { terminal?: boolean; input?: string } = {},
): StartedProcess {
  // TypeScript runs through tsx; compiled JavaScript (as users run it) runs as is.
  const loader = entry.endsWith('.js') ? [] : ['--require', 'tsx/cjs'];
  const command = [process.execPath, ...loader, resolve(PROJECT_ROOT, entry), ...args];
  // `script` runs the command on a pseudo-terminal, as from a user's shell, 120 columns wide; -e
  // passes its exit code on.
  const [file, ...argv] = options.terminal
    ? ['script', '-qfec', `stty cols 120 rows 40; ${command.map(shellQuote).join(' ')}`, '/dev/null']
    : command;
  const child = spawn(file!, argv, {
    cwd: PROJECT_ROOT,
    // On a terminal, as a user's shell would be, not as a CI runner's (which turns live lines off).
    env: { ...process.env, ...env, ...(options.terminal ? { TERM: 'xterm-256color', CI: undefined } : {}) },
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let text = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString();
    waiters.forEach((check) => check());
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | NodeJS.Signals>((resolveExit) =>
    child.once('exit', (code, signal) => {
      waiters.forEach((check) => check());
      resolveExit(code ?? signal ?? 'SIGKILL');
    }),
  );
  const waitForOutput = (needle: string) =>
    new Promise<void>((resolveWait, reject) => {
      const check = () => {
        if (text.includes(needle)) {
          waiters.delete(check);
          resolveWait();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          reject(new Error(`process ended before printing "${needle}"; output:\n${text}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { child, output: () => text, exited, waitForOutput };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A free TCP port on 127.0.0.1 below the ephemeral range, for a server that stops and starts again on
 * the same port. Outgoing connections take their local ports from the ephemeral range (32768 to 60999
 * on Linux), so a port from the ephemeral range can be taken by some client's socket while the server is down.
 */
export async function restartablePort(): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolveFree) => {
      const server = createServer();
      server.once('error', () => resolveFree(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

/** Whether a server's output says a port it was given is taken (the dev server's own check, or the OS's). */
export function saysPortTaken(output: string): boolean {
  return /is in use|address already in use/i.test(output);
}

/**
 * Runs `start` on `count` distinct ports that were free a moment ago. A port can be taken between that
 * check and `start` binding it, so when `start` fails saying so, it runs again on other ports.
 */
export async function onFreePorts<T>(
  count: number,
  start: (ports: number[]) => Promise<T>,
  pick: () => Promise<number> = freePort,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports = new Set<number>();
    while (ports.size < count) ports.add(await pick());
    try {
      return await start([...ports]);
    } catch (error) {
      if (attempt === 5 || !saysPortTaken((error as Error).message)) throw error;
    }
  }
}

/** The command line from its TypeScript sources, pointed at the test's Temporal server, task queue and payload key. */
export function startCli(taskQueue: string, ...args: string[]): StartedProcess {
  return startNodeProcess(CLI_SOURCE, args, cliEnvironment(taskQueue));
}

/** The command line on a terminal (a pseudo-terminal), where `--wait` shows a live line. */
export function startCliOnTerminal(taskQueue: string, ...args: string[]): StartedProcess {
  return startNodeProcess(CLI_SOURCE, args, cliEnvironment(taskQueue), { terminal: true });
}

/** What the command line needs to reach the test's Temporal server, on `taskQueue`, with the test's payload key. */
export function cliEnvironment(taskQueue: string): NodeJS.ProcessEnv {
  return {
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: process.env.TEST_TEMPORAL_NAMESPACE,
    PROVISIONER_TASK_QUEUE: taskQueue,
    PROVISIONER_CODEC_KEYS: TEST_CODEC_KEYS,
  };
}
