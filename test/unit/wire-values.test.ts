import { given, numberOf } from '../../src/schemas/common';

// The readers of values that may still be the wire's strings: what they take and what they refuse.
describe('numberOf', () => {
  it.each([
    [12, 12],
    ['12', 12],
    ['-3', -3],
    ['1.5', 1.5],
    ['1.25', 1.25],
    ['-0.75', -0.75],
  ])('reads %j as %d', (value, number) => {
    expect(numberOf(value)).toBe(number);
  });

  it.each([
    '',
    'abc',
    'abc12',
    '12abc',
    '1.',
    '.5',
    '1.2.3',
    '-',
    '1.x',
    '+1',
    ' 12',
    '1e3',
    true,
    null,
    undefined,
    {},
  ])('refuses %j', (value) => {
    expect(numberOf(value)).toBeUndefined();
  });
});

describe('given', () => {
  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    [0, true],
    [false, true],
    ['x', true],
  ])('%j is given: %s', (value, expected) => {
    expect(given(value)).toBe(expected);
  });
});
