/** The schedule commands: fleet renewals on Temporal Schedules. What they do is in schedules.ts. */
import { Argument, type Command } from 'commander';
import type { OutputOptions } from './jobs';
import {
  countOption,
  durationOption,
  integerOption,
  JSON_OPTION,
  listOption,
  periodUnitOption,
  WAIT_OPTION,
} from './options';
import {
  createSchedule,
  deleteSchedule,
  describeSchedule,
  listSchedules,
  SCHEDULE_KINDS,
  setSchedulePaused,
  triggerSchedule,
  type CreateScheduleOptions,
} from './schedules';
import { withClient } from './with-client';

export function addScheduleCommands(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('fleet renewals on Temporal Schedules: create, list, describe, pause, unpause, trigger, delete');

  schedule
    .command('create')
    .description(
      'renew every subscription that expires within --window, every --every (overlap SKIP): ENS ARM servers (renew-arm) or ECS instances (renew-ecs)',
    )
    .addArgument(new Argument('<kind>', 'what to schedule').choices(Object.keys(SCHEDULE_KINDS)))
    .option('--id <scheduleId>', 'the schedule id (default: the kind)')
    .requiredOption('--every <duration>', 'how often it runs, e.g. 1d or 12h', durationOption)
    .option('--window <duration>', 'renew what expires within this, e.g. 7d (shorter than the period)', '7d')
    .option('--period <N>', 'renewal length: 1 to 9 or 12 units', integerOption, 1)
    .addOption(periodUnitOption(SCHEDULE_KINDS))
    .option(
      '--regions <ids>',
      'comma-separated: renew-ecs lists these regions (RegionIds, required); renew-arm renews only servers in these ENS regions (EnsRegionIds)',
      listOption,
    )
    .option('--concurrency <n>', 'renewals in flight at once (default 50)', countOption)
    .option(
      '--catchup-window <duration>',
      'how late a run missed while Temporal was down may still start (default: --every)',
      durationOption,
    )
    .option('--paused', 'create it paused')
    .option(...JSON_OPTION)
    .action((kind: string, options: CreateScheduleOptions) =>
      withClient((client, config) => createSchedule(client, config.taskQueue, kind, options)),
    );

  schedule
    .command('list')
    .description('every schedule, paused or with its next run')
    .option(...JSON_OPTION)
    .action((options: OutputOptions) => withClient((client) => listSchedules(client, options)));

  schedule
    .command('describe')
    .description("a schedule's interval, policies, input, next run and recent runs")
    .argument('<scheduleId>')
    .option(...JSON_OPTION)
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
      .option(...JSON_OPTION)
      .action((scheduleId: string, options: OutputOptions & { note?: string }) =>
        withClient((client) => setSchedulePaused(client, scheduleId, paused, options)),
      );
  }

  schedule
    .command('trigger')
    .description('run it now (skipped if a run is still going); --wait follows the run')
    .argument('<scheduleId>')
    .option(...WAIT_OPTION)
    .option(...JSON_OPTION)
    .action((scheduleId: string, options: OutputOptions) =>
      withClient((client) => triggerSchedule(client, scheduleId, options)),
    );

  schedule
    .command('delete')
    .description('delete a schedule; a run going on finishes')
    .argument('<scheduleId>')
    .option(...JSON_OPTION)
    .action((scheduleId: string, options: OutputOptions) =>
      withClient((client) => deleteSchedule(client, scheduleId, options)),
    );
}
