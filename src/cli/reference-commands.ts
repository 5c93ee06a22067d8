/** The commands that call nothing: the error catalog, and checking a request against its rules. */
import { type Command, Option } from 'commander';
import { isValidatedAction, VALIDATED_ACTIONS } from '../actions';
import { validateAction } from '../actions';
import { formatIssues } from '../schemas/common';
import { describeErrorCode, errorCatalog, formatCatalog, formatDescription } from './errors';
import { InputError, readInput } from './input';
import { ExitCode } from './jobs';
import { JSON_OPTION } from './options';

export function addReferenceCommands(program: Command): void {
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
    .option(...JSON_OPTION)
    .action((code: string | undefined, options: { class?: string; json?: boolean }) => {
      if (code) {
        const description = describeErrorCode(code);
        console.log(options.json ? JSON.stringify(description) : formatDescription(description));
        return;
      }
      const entries = errorCatalog().filter((entry) => !options.class || entry.retryClass === options.class);
      console.log(options.json ? JSON.stringify(entries) : formatCatalog(entries));
    });

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
}
