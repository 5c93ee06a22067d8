/**
 * The command line, `alicloud-provisioner`: one module per group of commands. Exit codes are those of
 * ExitCode (src/cli/jobs.ts), as the README documents them.
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError } from '@temporalio/client';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config';
import { InvalidRequestError } from '../starters';
import { addJobCommands } from './job-commands';
import { ExitCode } from './jobs';
import { addReferenceCommands } from './reference-commands';
import { addScheduleCommands } from './schedule-commands';
import { addServeCommands } from './serve-commands';

export function buildProgram(): Command {
  const program = new Command('alicloud-provisioner')
    .description('Durable Temporal workflows that provision and renew Alibaba Cloud resources.')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  addServeCommands(program);
  addJobCommands(program);
  addScheduleCommands(program);
  addReferenceCommands(program);
  return program;
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
