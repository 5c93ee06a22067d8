/**
 * The job commands: ping, provision, renew, status, result, cancel, list, inventory, adopt, release. What they do is in jobs.ts;
 * here, their arguments and options.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { Argument, type Command } from 'commander';
import { runPing } from '../client';
import { loadConfig } from '../config';
import { connectClient } from '../connect';
import {
  cancelJob,
  ExitCode,
  list,
  printResult,
  provision,
  PROVISION_KINDS,
  RENEW_KINDS,
  renew,
  status,
  type OutputOptions,
  type RenewOptions,
} from './jobs';
import {
  countOption,
  durationOption,
  integerOption,
  JSON_OPTION,
  listOption,
  periodUnitMismatch,
  periodUnitOption,
  WAIT_OPTION,
} from './options';
import { act, inventory, type ActOptions, type InventoryOptions } from './inventory';
import { withClient } from './with-client';

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

export function addJobCommands(program: Command): void {
  program
    .command('ping')
    .description('check that a worker polls the task queue, and show which cloud endpoint it uses')
    .option('--timeout <duration>', 'how long to wait for a worker', durationOption, 30_000)
    .option(...JSON_OPTION)
    .action(async (options: { timeout: number; json?: boolean }) => {
      process.exitCode = await pingCommand(options);
    });

  program
    .command('provision')
    .description('start a provisioning job from a JSON input file (see examples/), or attach to the one running')
    .addArgument(new Argument('<kind>', 'what to provision').choices(Object.keys(PROVISION_KINDS)))
    .argument('<file>', 'the workflow input as JSON, or - for standard input')
    .option('--id <workflowId>', 'the business key (default: derived from the request)')
    .option(...WAIT_OPTION)
    .option(...JSON_OPTION)
    .action((kind: string, file: string, options: OutputOptions & { id?: string }) =>
      withClient((client, config) => provision(client, config.taskQueue, kind, file, options)),
    );

  program
    .command('renew')
    .description('renew an ENS ARM server or a subscription ECS instance once')
    .addArgument(new Argument('<kind>', 'what to renew').choices(Object.keys(RENEW_KINDS)))
    .argument('<InstanceId>', 'the instance or server to renew')
    .requiredOption('--period <N>', 'how many units: 1 to 9 or 12', integerOption)
    .addOption(periodUnitOption(RENEW_KINDS))
    .option('--region <RegionId>', "the ECS instance's region (ecs only)")
    .option('--id <workflowId>', 'the business key (default: derived from the instance and period)')
    .option(...WAIT_OPTION)
    .option(...JSON_OPTION)
    .action((kind: string, instanceId: string, options: RenewOptions, command: Command) => {
      // Commander cannot make an option required for one kind only; this is its usage error all the same.
      if (kind === 'ecs' && !options.region) command.error("error: renew ecs needs --region (the instance's RegionId)");
      const mismatch = periodUnitMismatch(RENEW_KINDS, kind, options.periodUnit);
      if (mismatch) command.error(`error: renew ${mismatch}`);
      return withClient((client, config) => renew(client, config.taskQueue, kind, instanceId, options));
    });

  program
    .command('status')
    .description('where a job is: its step, resources, attempts and last error (the progress query)')
    .argument('<workflowId>')
    .option(...JSON_OPTION)
    .action((workflowId: string, options: OutputOptions) =>
      withClient((client) => status(client, workflowId, options)),
    );

  program
    .command('result')
    .description('wait for a job to end and print its result or failure')
    .argument('<workflowId>')
    .option(...JSON_OPTION)
    .action((workflowId: string, options: OutputOptions) =>
      withClient((client) => printResult(client, workflowId, options)),
    );

  program
    .command('cancel')
    .description('cancel a job; with --release, it gives back what it bought (last created first)')
    .argument('<workflowId>')
    .option('--release', 'release the resources the job created')
    .option(...JSON_OPTION)
    .action((workflowId: string, options: OutputOptions & { release?: boolean }) =>
      withClient((client) => cancelJob(client, workflowId, options)),
    );

  program
    .command('list')
    .description('recent and running jobs')
    .option('--limit <n>', 'how many', countOption, 20)
    .option(...JSON_OPTION)
    .action((options: OutputOptions & { limit: number }) => withClient((client) => list(client, options)));

  program
    .command('inventory')
    .description(
      'every resource the jobs bought or renewed, from the cloud and from Temporal, with what does not add up flagged: orphan, missing, expiring (exit 5 when anything is)',
    )
    .option(
      '--region <ids>',
      "only these regions' ECS and Kafka instances, comma-separated (default: the worker's region and those the jobs name)",
      listOption,
    )
    .option(
      '--window <duration>',
      'flag a subscription that expires within this and that no schedule renews',
      durationOption,
      7 * 86_400_000,
    )
    .option(...JSON_OPTION)
    .action((options: InventoryOptions) =>
      withClient((client, config) => inventory(client, config.taskQueue, options)),
    );

  const acting = [
    ['adopt', 'take over an orphan from where it stands: wait for it to be ready, start it if it is stopped'],
    ['release', 'give back a resource through the release step the jobs use on failure'],
  ] as const;
  for (const [name, description] of acting) {
    const command = program
      .command(name)
      .description(`${description}; refuses what the provisioner did not buy, and a subscription, unless --force`)
      .argument('<resource-id>', 'an id the inventory lists (i-..., alikafka_..., lb-...)')
      .option('--force', 'act on it all the same')
      .option(
        '--region <ids>',
        'where to look for ECS and Kafka instances, comma-separated (as inventory)',
        listOption,
      );
    if (name === 'adopt')
      command.option(
        '--deploy <file>',
        "Kafka: StartInstance's parameters (JSON), for an instance that waits for its deploy",
      );
    command
      .option('--id <workflowId>', `the business key (default: ${name}:<kind>:<resource-id>)`)
      .option(...WAIT_OPTION)
      .option(...JSON_OPTION)
      .action((resourceId: string, options: ActOptions) =>
        withClient((client, config) => act(client, config.taskQueue, name, resourceId, options)),
      );
  }
}
