/**
 * The command line (`alicloud-provisioner`) and the typed helpers that start workflows.
 */
import { randomUUID } from 'node:crypto';
import { type Client, ScheduleAlreadyRunning, ScheduleNotFoundError, WorkflowFailedError } from '@temporalio/client';
import { msToNumber } from '@temporalio/common/lib/time';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { WorkerDescription } from './activities';
import { describeErrorCode, errorCatalog, formatCatalog, formatDescription } from './cli/errors';
import { InputError, readInput } from './cli/input';
import {
  cancel,
  ExitCode,
  list,
  provision,
  PROVISION_KINDS,
  renew,
  result,
  status,
  type OutputOptions,
  type RenewOptions,
} from './cli/jobs';
import {
  createSchedule,
  deleteSchedule,
  describeSchedule,
  listSchedules,
  SCHEDULE_KINDS,
  setSchedulePaused,
  triggerSchedule,
  type CreateScheduleOptions,
} from './cli/schedules';
import { ConfigError, loadConfig, type Config } from './config';
import { connectClient } from './connect';
import { startEmulator } from './emulator/server';
import { startCodecServer } from './secrets/codec-server';
import { loadConfiguredKeys } from './secrets/keys';
import { isValidatedAction, validateAction, VALIDATED_ACTIONS } from './schemas';
import { formatIssues } from './schemas/common';
import { InvalidRequestError } from './starters';
import { runLocalStack } from './local/stack';
import { serveWorker } from './worker';
import { ping } from './workflows';

export { ExitCode };

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
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('dev')
    .description(
      'run everything locally: the Temporal dev server (unless TEMPORAL_ADDRESS is set), the emulator and the worker; ' +
        'provision each example, print a summary, then serve until Ctrl-C',
    )
    .option('--once', 'stop after the summary (exit 3 if an example failed)')
    .option('--no-examples', 'only serve jobs')
    .option('--port <port>', "the dev server's gRPC port", portOption, 7233)
    .option('--ui-port <port>', "the dev server's Web UI port", portOption, 8233)
    .action(async (options: { once?: boolean; examples: boolean; port: number; uiPort: number }) => {
      // The examples' progress is the story here; set PROVISIONER_LOG_LEVEL=INFO to see every API call too.
      const env = { ...process.env, PROVISIONER_LOG_LEVEL: process.env.PROVISIONER_LOG_LEVEL ?? 'WARN' };
      process.exitCode = await runLocalStack(loadConfig(env), options);
    });

  program
    .command('worker')
    .description('run a worker against the configured Temporal server (TEMPORAL_ADDRESS, profile)')
    .action(() => serveWorker(loadConfig()));

  program
    .command('ping')
    .description('check that a worker polls the task queue, and show which cloud endpoint it uses')
    .option('--timeout <duration>', 'how long to wait for a worker', durationOption, 30_000)
    .option('--json', 'print machine-readable JSON')
    .action(async (options: { timeout: number; json?: boolean }) => {
      process.exitCode = await pingCommand(options);
    });

  program
    .command('errors')
    .description('the Alibaba Cloud error catalog, or what one code means and what the workflows do about it')
    .argument('[code]', 'an error code, e.g. Throttling.User or OrderLatestOrderIsHandling')
    .addOption(
      new Option('--class <class>', 'list only the codes of one class').choices([
        'throttled',
        'transient',
        'terminal',
        'ambiguous',
      ]),
    )
    .option('--json', 'print machine-readable JSON')
    .action((code: string | undefined, options: { class?: string; json?: boolean }) => {
      if (code) {
        const description = describeErrorCode(code);
        console.log(options.json ? JSON.stringify(description) : formatDescription(description));
        return;
      }
      const entries = errorCatalog().filter((entry) => !options.class || entry.retryClass === options.class);
      console.log(options.json ? JSON.stringify(entries) : formatCatalog(entries));
    });

  const json = ['--json', 'print machine-readable JSON'] as const;
  const wait = ['--wait', 'follow the job to its end; the exit code says how it ended'] as const;

  program
    .command('provision')
    .description('start a provisioning job from a JSON input file (see examples/), or attach to the one running')
    .addArgument(new Argument('<kind>', 'what to provision').choices(Object.keys(PROVISION_KINDS)))
    .argument('<file>', 'the workflow input as JSON, or - for standard input')
    .option('--id <workflowId>', 'the business key (default: derived from the request)')
    .option(...wait)
    .option(...json)
    .action((kind: string, file: string, options: OutputOptions & { id?: string }) =>
      withClient((client, config) => provision(client, config.taskQueue, kind, file, options)),
    );

  program
    .command('renew')
    .description('renew an ENS ARM server or a subscription ECS instance once')
    .addArgument(new Argument('<kind>', 'what to renew').choices(['ens-arm', 'ecs']))
    .argument('<InstanceId>', 'the instance or server to renew')
    .requiredOption('--period <N>', 'how many units: 1 to 9 or 12', integerOption)
    .addOption(new Option('--period-unit <unit>', 'Month or Year').choices(['Month', 'Year']).default('Month'))
    .option('--region <RegionId>', "the ECS instance's region (ecs only)")
    .option('--id <workflowId>', 'the business key (default: derived from the instance and period)')
    .option(...wait)
    .option(...json)
    .action((kind: string, instanceId: string, options: RenewOptions, command: Command) => {
      // Commander cannot make an option required for one kind only; this is its usage error all the same.
      if (kind === 'ecs' && !options.region) command.error("error: renew ecs needs --region (the instance's RegionId)");
      return withClient((client, config) => renew(client, config.taskQueue, kind, instanceId, options));
    });

  program
    .command('status')
    .description('where a job is: its step, resources, attempts and last error (the progress query)')
    .argument('<workflowId>')
    .option(...json)
    .action((workflowId: string, options: OutputOptions) =>
      withClient((client) => status(client, workflowId, options)),
    );

  program
    .command('result')
    .description('wait for a job to end and print its result or failure')
    .argument('<workflowId>')
    .option(...json)
    .action((workflowId: string, options: OutputOptions) =>
      withClient((client) => result(client, workflowId, options)),
    );

  program
    .command('cancel')
    .description('cancel a job; with --release, it gives back what it bought (last created first)')
    .argument('<workflowId>')
    .option('--release', 'release the resources the job created')
    .option(...json)
    .action((workflowId: string, options: OutputOptions & { release?: boolean }) =>
      withClient((client) => cancel(client, workflowId, options)),
    );

  program
    .command('list')
    .description('recent and running jobs')
    .option('--limit <n>', 'how many', countOption, 20)
    .option(...json)
    .action((options: OutputOptions & { limit: number }) => withClient((client) => list(client, options)));

  const schedule = program
    .command('schedule')
    .description('fleet renewals on Temporal Schedules: create, list, describe, pause, unpause, trigger, delete');

  schedule
    .command('create')
    .description('renew every subscription ENS ARM server that expires within --window, every --every (overlap SKIP)')
    .addArgument(new Argument('<kind>', 'what to schedule').choices(Object.keys(SCHEDULE_KINDS)))
    .option('--id <scheduleId>', 'the schedule id (default: the kind)')
    .requiredOption('--every <duration>', 'how often it runs, e.g. 1d or 12h', durationOption)
    .option('--window <duration>', 'renew servers that expire within this, e.g. 7d (shorter than the period)', '7d')
    .option('--period <N>', 'renewal length: 1 to 9 or 12 units', integerOption, 1)
    .addOption(new Option('--period-unit <unit>', 'Month or Year').choices(['Month', 'Year']).default('Month'))
    .option('--region-ids <ids>', 'only servers in these ENS regions (comma-separated EnsRegionIds)', listOption)
    .option('--concurrency <n>', 'renewals in flight at once (default 50)', countOption)
    .option(
      '--catchup-window <duration>',
      'how late a run missed while Temporal was down may still start (default: --every)',
      durationOption,
    )
    .option('--paused', 'create it paused')
    .option(...json)
    .action((kind: string, options: CreateScheduleOptions) =>
      withClient((client, config) => createSchedule(client, config.taskQueue, kind, options)),
    );

  schedule
    .command('list')
    .description('every schedule, paused or with its next run')
    .option(...json)
    .action((options: OutputOptions) => withClient((client) => listSchedules(client, options)));

  schedule
    .command('describe')
    .description("a schedule's interval, policies, input, next run and recent runs")
    .argument('<scheduleId>')
    .option(...json)
    .action((scheduleId: string, options: OutputOptions) =>
      withClient((client) => describeSchedule(client, scheduleId, options)),
    );

  for (const [name, paused] of [
    ['pause', true],
    ['unpause', false],
  ] as const) {
    schedule
      .command(name)
      .description(paused ? 'stop starting runs (a run going on finishes)' : 'start runs again')
      .argument('<scheduleId>')
      .option('--note <text>', 'why, shown by describe')
      .option(...json)
      .action((scheduleId: string, options: OutputOptions & { note?: string }) =>
        withClient((client) => setSchedulePaused(client, scheduleId, paused, options)),
      );
  }

  schedule
    .command('trigger')
    .description('run it now (skipped if a run is still going); --wait follows the run')
    .argument('<scheduleId>')
    .option(...wait)
    .option(...json)
    .action((scheduleId: string, options: OutputOptions) =>
      withClient((client) => triggerSchedule(client, scheduleId, options)),
    );

  schedule
    .command('delete')
    .description('delete a schedule; a run going on finishes')
    .argument('<scheduleId>')
    .option(...json)
    .action((scheduleId: string, options: OutputOptions) =>
      withClient((client) => deleteSchedule(client, scheduleId, options)),
    );

  program
    .command('validate')
    .description('check a request against every documented rule of its action, without calling anything')
    .argument('<action>', `one of ${VALIDATED_ACTIONS.join(', ')}`)
    .argument('<file>', "a JSON file of the request in the API's parameter names, or - for standard input")
    .option('--json', 'print {"valid": boolean, "issues": [{"path", "message"}]}')
    .action((action: string, file: string, options: { json?: boolean }) => {
      if (!isValidatedAction(action)) {
        throw new InputError(`unknown action "${action}": expected one of ${VALIDATED_ACTIONS.join(', ')}`);
      }
      const result = validateAction(action, readInput(file));
      const issues = result.ok ? [] : result.issues;
      if (options.json) console.log(JSON.stringify({ valid: result.ok, issues }));
      else if (result.ok) console.log(`${action}: valid`);
      else console.log(formatIssues(issues));
      process.exitCode = result.ok ? ExitCode.ok : ExitCode.invalidInput;
    });

  program
    .command('codec-server')
    .description('decode encrypted payloads for the Temporal Web UI (Settings → Codec Server) with the payload keys')
    .option('--port <port>', 'port to listen on', portOption, 8888)
    .option('--cors-origin <url>', 'the Web UI origin allowed to call it', 'http://localhost:8233')
    .action(async (options: { port: number; corsOrigin: string }) => {
      const config = loadConfig();
      const keys = loadConfiguredKeys(config, console.error);
      // The token comes from the environment only: a command-line flag would show in `ps`.
      const token = config.codecServerToken;
      const server = await startCodecServer(keys, { port: options.port, corsOrigin: options.corsOrigin, token });
      const access = token ? 'a bearer token (PROVISIONER_CODEC_SERVER_TOKEN) is required' : 'no token is required';
      console.log(`Codec server on ${server.url} (for ${options.corsOrigin}); ${access}; Ctrl-C stops it.`);
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await server.close();
    });

  program
    .command('emulator')
    .description('run the local Alibaba Cloud emulator alone (the OpenAPI on localhost, for any Alibaba Cloud client)')
    .option('--port <port>', 'port to listen on (default: PROVISIONER_EMULATOR_PORT, 8765)', portOption)
    .option('--host <host>', 'address to listen on (0.0.0.0 in a container)', '127.0.0.1')
    .option(
      '--time-scale <factor>',
      'multiplies the realistic durations (default: PROVISIONER_EMULATOR_TIME_SCALE)',
      decimalOption,
    )
    .action(async (options: { port?: number; host: string; timeScale?: number }) => {
      const config = loadConfig();
      const emulator = await startEmulator({
        port: options.port ?? config.emulatorPort,
        host: options.host,
        timeScale: options.timeScale ?? config.emulatorTimeScale,
        accessKeys: config.emulatorAccessKey && [config.emulatorAccessKey],
      });
      console.log(`Alibaba Cloud emulator on ${emulator.endpoint} (AccessKeyId ${emulator.accessKey.accessKeyId})`);
      console.log(
        `  ALIBABA_CLOUD_ENDPOINT_OVERRIDE=${emulator.endpoint}; admin state: ${emulator.endpoint}/__admin/state`,
      );
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await emulator.close();
    });

  return program;
}

/** Runs a command with a connected client, and sets the exit code it returns. */
async function withClient(command: (client: Client, config: Config) => Promise<number>): Promise<void> {
  const config = loadConfig();
  const client = await connectClient(config);
  try {
    process.exitCode = await command(client, config);
  } finally {
    await client.connection.close();
  }
}

function listOption(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A whole number in decimal digits only: no sign, fraction, exponent, hex or white space (so `''` is not 0). */
export function integerOption(value: string): number {
  return wholeNumber(value, 0, Number.MAX_SAFE_INTEGER, 'expected a whole number such as 12');
}

function portOption(value: string): number {
  return wholeNumber(value, 0, 65_535, 'expected a port number from 0 to 65535');
}

/** How many of something: at least 1. */
function countOption(value: string): number {
  return wholeNumber(value, 1, Number.MAX_SAFE_INTEGER, 'expected a whole number of at least 1, such as 20');
}

function wholeNumber(value: string, min: number, max: number, expected: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(expected);
  return number;
}

/** A decimal number of 0 or more (`0.05`; 0 makes every transition instant): no sign, exponent or hex. */
function decimalOption(value: string): number {
  if (!/^\d{1,9}(?:\.\d{1,9})?$/.test(value)) throw new InvalidArgumentError('expected a decimal number such as 0.05');
  return Number(value);
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the problem (or the help) already.
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.invalidInput;
      return;
    }
    if (error instanceof ScheduleNotFoundError) {
      console.error(`no schedule named "${error.scheduleId}" (see: alicloud-provisioner schedule list)`);
    } else if (error instanceof ScheduleAlreadyRunning) {
      console.error(`a schedule named "${error.scheduleId}" exists already: pick another --id, or delete it first`);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exitCode =
      error instanceof ConfigError || error instanceof InvalidRequestError ? ExitCode.invalidInput : ExitCode.other;
  }
}

if (require.main === module) {
  void main(process.argv);
}
