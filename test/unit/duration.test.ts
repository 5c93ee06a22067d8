import { fc, test } from '@fast-check/jest';
// The SDK's parser, which parseDuration replaced: the oracle for "reads every duration the same".
import { msToNumber } from '@temporalio/common/lib/time';
import { parseDuration } from '../../src/duration';

const outcome = (parse: () => number) => {
  try {
    return parse();
  } catch {
    return 'refused';
  }
};

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    ['1.5 hours', 5_400_000],
    ['250', 250],
    ['250ms', 250],
    ['.5s', 500],
    ['1 Day', 86_400_000],
    ['1y', 31_557_600_000],
    ['-1d', -86_400_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '1 fortnight', 'constructor', '1constructor', '30 s ago', '1e3s', ' 30s', 'x'.repeat(101)])(
    'refuses %j, saying how to write one',
    (text) => {
      expect(() => parseDuration(text)).toThrow(
        new RangeError(`not a duration: "${text.slice(0, 100)}" (write it as 30s, 2m, 12h or 7d)`),
      );
    },
  );

  const unit = fc.constantFrom(
    '',
    ' ',
    'ms',
    's',
    'sec',
    'secs',
    'm',
    'min',
    'h',
    'hr',
    'hours',
    'd',
    'Days',
    'w',
    'y',
    'yrs',
    'x',
    'toString',
  );
  test.prop(
    [
      fc.oneof(
        fc.string(),
        fc.tuple(fc.double({ noNaN: true }).map(String), unit).map(([n, u]) => n + u),
      ),
    ],
    {
      numRuns: 2_000,
    },
  )('reads every text as the SDK read it (the same ms, or refused by both)', (text) => {
    expect(outcome(() => parseDuration(text))).toEqual(
      outcome(() => msToNumber(text as Parameters<typeof msToNumber>[0])),
    );
  });
});
