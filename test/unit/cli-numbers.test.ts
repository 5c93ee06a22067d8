import { fc, test } from '@fast-check/jest';
import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { buildProgram, main } from '../../src/cli/main';
import { integerOption } from '../../src/cli/options';

interface Parsed {
  error: unknown;
  stderr: string;
  /** The options the command's action was given, when it ran. */
  options: Record<string, unknown> | undefined;
}

/**
 * Parses `args` with the real program; the action of `command` (a path such as `schedule create`) is replaced by one
 * that keeps its options, so that nothing connects to Temporal or starts a server.
 */
function parse(command: string, args: string[]): Parsed {
  const program = buildProgram();
  let stderr = '';
  let options: Record<string, unknown> | undefined;
  const all: Command[] = [program];
  for (const each of all) {
    all.push(...each.commands);
    each.configureOutput({ writeErr: (text) => (stderr += text), writeOut: () => undefined });
  }
  let target = program;
  for (const name of command.split(' ')) target = target.commands.find((sub) => sub.name() === name)!;
  target.action((...received: unknown[]) => {
    options = received.at(-2) as Record<string, unknown>;
  });
  try {
    program.parse(['node', 'alicloud-provisioner', ...command.split(' '), ...args]);
  } catch (error) {
    return { error, stderr, options };
  }
  return { error: undefined, stderr, options };
}

const WHOLE = 'expected a whole number such as 12';
const COUNT = 'expected a whole number of at least 1, such as 20';
const PORT = 'expected a port number from 0 to 65535';
const DECIMAL = 'expected a decimal number such as 0.05';

describe('numeric options', () => {
  it.each([
    ['renew', ['ens-arm', 'i-1', '--period', '0x0C'], '--period <N>', '0x0C', WHOLE],
    ['renew', ['ens-arm', 'i-1', '--period', '1.2e1'], '--period <N>', '1.2e1', WHOLE],
    ['renew', ['ens-arm', 'i-1', '--period', ' 12 '], '--period <N>', ' 12 ', WHOLE],
    ['renew', ['ens-arm', 'i-1', '--period', ''], '--period <N>', '', WHOLE],
    ['renew', ['ens-arm', 'i-1', '--period', '-1'], '--period <N>', '-1', WHOLE],
    ['renew', ['ens-arm', 'i-1', '--period', '12.0'], '--period <N>', '12.0', WHOLE],
    ['schedule create', ['renew-arm', '--every', '1d', '--period', '+1'], '--period <N>', '+1', WHOLE],
    ['schedule create', ['renew-arm', '--every', '1d', '--concurrency', '0'], '--concurrency <n>', '0', COUNT],
    ['list', ['--limit', '0'], '--limit <n>', '0', COUNT],
    ['list', ['--limit', '1e3'], '--limit <n>', '1e3', COUNT],
    ['dev', ['--port', '65536'], '--port <port>', '65536', PORT],
    ['dev', ['--ui-port', '0x1F90'], '--ui-port <port>', '0x1F90', PORT],
    ['emulator', ['--port', '8765 '], '--port <port>', '8765 ', PORT],
    ['emulator', ['--time-scale', 'abc'], '--time-scale <factor>', 'abc', DECIMAL],
    ['emulator', ['--time-scale', '5e-2'], '--time-scale <factor>', '5e-2', DECIMAL],
    ['emulator', ['--time-scale', '-0.5'], '--time-scale <factor>', '-0.5', DECIMAL],
    ['emulator', ['--time-scale', '.5'], '--time-scale <factor>', '.5', DECIMAL],
    ['emulator', ['--time-scale', 'Infinity'], '--time-scale <factor>', 'Infinity', DECIMAL],
  ])('%s %j is a usage error that names the option', (command, args, flags, value, expected) => {
    const { error, stderr, options } = parse(command, args);
    const message = `error: option '${flags}' argument '${value}' is invalid. ${expected}`;

    expect(error).toBeInstanceOf(CommanderError);
    expect(error).toMatchObject({ code: 'commander.invalidArgument', exitCode: 1, message });
    expect(stderr.split('\n')[0]).toBe(message);
    expect(options).toBeUndefined();
  });

  it.each([
    ['renew', ['ens-arm', 'i-1', '--period', '12'], { period: 12, periodUnit: 'Month' }],
    ['schedule create', ['renew-arm', '--every', '1d', '--concurrency', '1'], { period: 1, concurrency: 1 }],
    ['list', ['--limit', '1'], { limit: 1 }],
    ['list', [], { limit: 20 }],
    ['dev', ['--port', '0', '--ui-port', '65535'], { port: 0, uiPort: 65535 }],
    ['emulator', ['--port', '8765', '--time-scale', '0.05'], { port: 8765, timeScale: 0.05 }],
    ['emulator', ['--time-scale', '2'], { timeScale: 2 }],
    ['emulator', ['--time-scale', '0'], { timeScale: 0 }],
  ])('%s %j reaches the action with the numbers', (command, args, expected) => {
    const { error, stderr, options } = parse(command, args);

    expect([error, stderr]).toEqual([undefined, '']);
    expect(options).toMatchObject(expected);
  });

  it('exits with code 2 on a usage error', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await main(['node', 'alicloud-provisioner', 'renew', 'ens-arm', 'i-1', '--period', '0x0C']);

      expect(process.exitCode).toBe(2);
      expect(stderr.mock.calls[0]?.[0]).toMatch(/^error: option '--period <N>' argument '0x0C' is invalid\. /);
    } finally {
      process.exitCode = undefined;
      stderr.mockRestore();
    }
  });
});

const NOT_DECIMAL = fc.oneof(
  fc.string().filter((text) => !/^\d+$/.test(text)),
  fc.string({ unit: 'binary' }).filter((text) => !/^\d+$/.test(text)),
  fc
    .maxSafeNat()
    .chain((n) =>
      fc.constantFrom(
        `0x${n.toString(16)}`,
        `0o${n.toString(8)}`,
        `0b${n.toString(2)}`,
        `${n}e0`,
        `${n}.0`,
        `${n}n`,
        `+${n}`,
        `-${n}`,
        ` ${n}`,
        `${n}\n`,
        `${n}_0`,
      ),
    ),
);

describe('integerOption', () => {
  test.prop([NOT_DECIMAL])('refuses any text that is not decimal digits alone', (text) => {
    expect(() => integerOption(text)).toThrow(new InvalidArgumentError(WHOLE));
    expect(() => integerOption(text)).toThrow(InvalidArgumentError);
  });

  test.prop([fc.maxSafeNat()])('reads any whole number from 0 up to Number.MAX_SAFE_INTEGER', (n) => {
    expect(integerOption(String(n))).toBe(n);
    expect(integerOption(`00${n}`)).toBe(n);
  });

  test.prop([fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n })])(
    'refuses digits beyond Number.MAX_SAFE_INTEGER',
    (n) => {
      expect(() => integerOption(n.toString())).toThrow(new InvalidArgumentError(WHOLE));
    },
  );
});
