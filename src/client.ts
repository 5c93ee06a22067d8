/**
 * The command line (`alicloud-provisioner`) and the typed helpers that start workflows.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { msToNumber } from '@temporalio/common/lib/time';
import { Command, InvalidArgumentError } from 'commander';
import type { WorkerDescription } from './activities';
import { ConfigError, loadConfig, type Config } from './config';
import { runLocalStack } from './local/stack';
import { runWorker } from './worker';
import { ping } from './workflows';

/** Exit codes, as documented in the README. */
export const ExitCode = { ok: 0, other: 1, invalidInput: 2, workflowFailed: 3, timedOut: 4 } as const;

export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect(config.temporal.connectionOptions);
  return new Client({ connection, namespace: config.temporal.namespace ?? 'default' });
}

/** Runs the `ping` workflow; fails with a TimeoutFailure when no worker answers within `timeoutMs`. */
export async function runPing(client: Client, taskQueue: string, timeoutMs: number): Promise<WorkerDescription> {
  return await client.workflow.execute(ping, {
    taskQueue,
    workflowId: `ping:${randomUUID()}`,
    workflowExecutionTimeout: timeoutMs,
  });
}

function durationOption(value: string): number {
  try {
    return msToNumber(value as Parameters<typeof msToNumber>[0]);
  } catch {
    throw new InvalidArgumentError('expected a duration such as 30s or 2m');
  }
}

async function pingCommand(options: { timeout: number; json?: boolean }): Promise<number> {
  const config = loadConfig();
  const client = await connectClient(config);
  try {
    const worker = await runPing(client, config.taskQueue, options.timeout);
    console.log(
      options.json
        ? JSON.stringify(worker)
        : `worker ${worker.host} (pid ${worker.pid}) on "${worker.taskQueue}", region ${worker.regionId}, endpoint ${worker.endpoint}`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof WorkflowFailedError) {
      console.error(`No worker answered on task queue "${config.taskQueue}" within ${options.timeout} ms.`);
      return ExitCode.timedOut;
    }
    throw error;
  } finally {
    await client.connection.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('alicloud-provisioner')
    .description('Durable Temporal workflows that provision and renew Alibaba Cloud resources.')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('dev')
    .description('run everything locally: the Temporal dev server (unless TEMPORAL_ADDRESS is set) and the worker')
    .action(async () => {
      await runLocalStack(loadConfig());
    });

  program
    .command('worker')
    .description('run a worker against the configured Temporal server (TEMPORAL_ADDRESS, profile)')
    .action(async () => {
      await runWorker(loadConfig());
    });

  program
    .command('ping')
    .description('check that a worker polls the task queue, and show which cloud endpoint it uses')
    .option('--timeout <duration>', 'how long to wait for a worker', durationOption, 30_000)
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { timeout: number; json?: boolean }) => {
      process.exitCode = await pingCommand(options);
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof ConfigError ? ExitCode.invalidInput : ExitCode.other;
  }
}

if (require.main === module) {
  void main(process.argv);
}
