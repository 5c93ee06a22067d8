import { addPeriod, movedByPeriod, parseExpiredTime, type PeriodUnit } from '../../src/policy/periods';

// Every expected date below is written out by hand: none is computed with addPeriod or any date arithmetic,
// so a mistake in addPeriod cannot agree with itself here.

describe('addPeriod: months end on the last day of a shorter month', () => {
  it('Jan 31 2027 + 1 Month is Feb 28 2027 (not a leap year)', () => {
    expect(addPeriod(Date.UTC(2027, 0, 31, 11, 59, 9), 1, 'Month')).toBe(Date.UTC(2027, 1, 28, 11, 59, 9));
  });

  it('Jan 31 2028 + 1 Month is Feb 29 2028 (a leap year)', () => {
    expect(addPeriod(Date.UTC(2028, 0, 31, 11, 59, 9), 1, 'Month')).toBe(Date.UTC(2028, 1, 29, 11, 59, 9));
  });

  it('Mar 31 + 1 Month is Apr 30', () => {
    expect(addPeriod(Date.UTC(2027, 2, 31, 11, 59, 9), 1, 'Month')).toBe(Date.UTC(2027, 3, 30, 11, 59, 9));
  });

  it('Aug 31 2026 + 6 Months is Feb 28 2027', () => {
    expect(addPeriod(Date.UTC(2026, 7, 31, 11, 59, 9), 6, 'Month')).toBe(Date.UTC(2027, 1, 28, 11, 59, 9));
  });

  it('Aug 31 2027 + 6 Months is Feb 29 2028', () => {
    expect(addPeriod(Date.UTC(2027, 7, 31, 11, 59, 9), 6, 'Month')).toBe(Date.UTC(2028, 1, 29, 11, 59, 9));
  });

  it('Dec 31 2027 + 2 Months crosses the year and is Feb 29 2028', () => {
    expect(addPeriod(Date.UTC(2027, 11, 31, 11, 59, 9), 2, 'Month')).toBe(Date.UTC(2028, 1, 29, 11, 59, 9));
  });

  it('a day that every month has (the 15th) stays the 15th', () => {
    expect(addPeriod(Date.UTC(2027, 0, 15, 11, 59, 9), 1, 'Month')).toBe(Date.UTC(2027, 1, 15, 11, 59, 9));
  });
});

describe('addPeriod: every documented renewal Period of Month, from Jan 31 2027 11:59:09', () => {
  // Each month is counted from the start, not from the clamped month before: + 2 Months is Mar 31, not Mar 28.
  it.each([
    [1, '2027-02-28T11:59:09.000Z'],
    [2, '2027-03-31T11:59:09.000Z'],
    [3, '2027-04-30T11:59:09.000Z'],
    [4, '2027-05-31T11:59:09.000Z'],
    [5, '2027-06-30T11:59:09.000Z'],
    [6, '2027-07-31T11:59:09.000Z'],
    [7, '2027-08-31T11:59:09.000Z'],
    [8, '2027-09-30T11:59:09.000Z'],
    [9, '2027-10-31T11:59:09.000Z'],
    [12, '2028-01-31T11:59:09.000Z'],
  ])('+ %i Month(s) ends on %s', (period, expected) => {
    expect(new Date(addPeriod(Date.UTC(2027, 0, 31, 11, 59, 9), period, 'Month')).toISOString()).toBe(expected);
  });
});

describe('addPeriod: every documented renewal Period of Year, from Feb 29 2028 11:59:09 (a leap day)', () => {
  // A year that has no Feb 29 ends on Feb 28; the leap years 2032, 2036 and 2040 keep Feb 29.
  it.each([
    [1, '2029-02-28T11:59:09.000Z'],
    [2, '2030-02-28T11:59:09.000Z'],
    [3, '2031-02-28T11:59:09.000Z'],
    [4, '2032-02-29T11:59:09.000Z'],
    [5, '2033-02-28T11:59:09.000Z'],
    [6, '2034-02-28T11:59:09.000Z'],
    [7, '2035-02-28T11:59:09.000Z'],
    [8, '2036-02-29T11:59:09.000Z'],
    [9, '2037-02-28T11:59:09.000Z'],
    [12, '2040-02-29T11:59:09.000Z'],
  ])('+ %i Year(s) ends on %s', (period, expected) => {
    expect(new Date(addPeriod(Date.UTC(2028, 1, 29, 11, 59, 9), period, 'Year')).toISOString()).toBe(expected);
  });
});

describe('addPeriod: Year periods count every year of Period', () => {
  it('Jan 31 2027 + 2 Years is Jan 31 2029, not Jan 31 2028', () => {
    expect(addPeriod(Date.UTC(2027, 0, 31, 11, 59, 9), 2, 'Year')).toBe(Date.UTC(2029, 0, 31, 11, 59, 9));
  });

  it('May 7 2027 + 3 Years is May 7 2030', () => {
    expect(addPeriod(Date.UTC(2027, 4, 7, 11, 59, 9), 3, 'Year')).toBe(Date.UTC(2030, 4, 7, 11, 59, 9));
  });

  it('May 7 2027 + 12 Years is May 7 2039', () => {
    expect(addPeriod(Date.UTC(2027, 4, 7, 11, 59, 9), 12, 'Year')).toBe(Date.UTC(2039, 4, 7, 11, 59, 9));
  });

  it('Feb 29 2028 + 1 Year is Feb 28 2029, and + 4 Years is Feb 29 2032', () => {
    expect(addPeriod(Date.UTC(2028, 1, 29, 11, 59, 9), 1, 'Year')).toBe(Date.UTC(2029, 1, 28, 11, 59, 9));
    expect(addPeriod(Date.UTC(2028, 1, 29, 11, 59, 9), 4, 'Year')).toBe(Date.UTC(2032, 1, 29, 11, 59, 9));
  });

  it('1 Year is the same as 12 Months', () => {
    expect(addPeriod(Date.UTC(2027, 4, 7, 11, 59, 9), 1, 'Year')).toBe(Date.UTC(2028, 4, 7, 11, 59, 9));
    expect(addPeriod(Date.UTC(2027, 4, 7, 11, 59, 9), 12, 'Month')).toBe(Date.UTC(2028, 4, 7, 11, 59, 9));
  });
});

describe('addPeriod: the time of day is kept to the millisecond', () => {
  it.each<[PeriodUnit, string, string]>([
    ['Month', '2027-01-31T23:59:59.999Z', '2027-02-28T23:59:59.999Z'],
    ['Year', '2028-02-29T23:59:59.999Z', '2029-02-28T23:59:59.999Z'],
    ['Month', '2027-01-31T00:00:00.000Z', '2027-02-28T00:00:00.000Z'],
  ])('+ 1 %s from %s ends at %s', (unit, from, expected) => {
    expect(new Date(addPeriod(Date.parse(from), 1, unit)).toISOString()).toBe(expected);
  });
});

describe('parseExpiredTime reads the formats the APIs write', () => {
  it('ENS `2027-05-07 11:59:09` (no zone) is read as UTC', () => {
    expect(parseExpiredTime('2027-05-07 11:59:09')).toBe(Date.UTC(2027, 4, 7, 11, 59, 9));
  });

  it('ECS `2027-05-07T11:59Z` (minutes, UTC)', () => {
    expect(parseExpiredTime('2027-05-07T11:59Z')).toBe(Date.UTC(2027, 4, 7, 11, 59));
  });

  it('ISO 8601 with milliseconds and with an offset', () => {
    expect(parseExpiredTime('2027-05-07T11:59:09.000Z')).toBe(Date.UTC(2027, 4, 7, 11, 59, 9));
    expect(parseExpiredTime('2027-05-07T19:59:09+08:00')).toBe(Date.UTC(2027, 4, 7, 11, 59, 9));
  });

  it('text that is not a time is undefined', () => {
    expect(parseExpiredTime('not a time')).toBeUndefined();
    expect(parseExpiredTime('')).toBeUndefined();
  });
});

describe('movedByPeriod confirms a renewal only when ExpiredTime moved by exactly the period (within 3 days)', () => {
  it('ENS: 2 Years from 2027-01-31 11:59:09 to 2029-01-31 11:59:09 is the right move', () => {
    expect(movedByPeriod('2027-01-31 11:59:09', '2029-01-31 11:59:09', 2, 'Year')).toBe(true);
  });

  it('ENS: 2 Years that moved only one year (Period ignored) is not', () => {
    expect(movedByPeriod('2027-01-31 11:59:09', '2028-01-31 11:59:09', 2, 'Year')).toBe(false);
  });

  it('ENS: 2 Years that moved three years (one period too many) is not', () => {
    expect(movedByPeriod('2027-01-31 11:59:09', '2030-01-31 11:59:09', 2, 'Year')).toBe(false);
  });

  it('ENS: 1 Month from Jan 31 to Feb 28 is the right move; to Mar 31 (one month too many) is not', () => {
    expect(movedByPeriod('2027-01-31 11:59:09', '2027-02-28 11:59:09', 1, 'Month')).toBe(true);
    expect(movedByPeriod('2027-01-31 11:59:09', '2027-03-31 11:59:09', 1, 'Month')).toBe(false);
  });

  it('ENS: 1 Year from the leap day Feb 29 2028 to Feb 28 2029 is the right move', () => {
    expect(movedByPeriod('2028-02-29 11:59:09', '2029-02-28 11:59:09', 1, 'Year')).toBe(true);
  });

  it('ECS: 1 Month from 2027-01-31T15:59Z to 2027-02-28T15:59Z is the right move; no move at all is not', () => {
    expect(movedByPeriod('2027-01-31T15:59Z', '2027-02-28T15:59Z', 1, 'Month')).toBe(true);
    expect(movedByPeriod('2027-01-31T15:59Z', '2027-01-31T15:59Z', 1, 'Month')).toBe(false);
  });

  it('the tolerance is 3 days either side of Feb 28 2027 11:59:09, inclusive, and not a second more', () => {
    expect(movedByPeriod('2027-01-31 11:59:09', '2027-03-03 11:59:09', 1, 'Month')).toBe(true);
    expect(movedByPeriod('2027-01-31 11:59:09', '2027-03-03 11:59:10', 1, 'Month')).toBe(false);
    expect(movedByPeriod('2027-01-31 11:59:09', '2027-02-25 11:59:09', 1, 'Month')).toBe(true);
    expect(movedByPeriod('2027-01-31 11:59:09', '2027-02-25 11:59:08', 1, 'Month')).toBe(false);
  });

  it('an ExpiredTime that is not a time, before or after, is never a move', () => {
    expect(movedByPeriod('', '2027-02-28 11:59:09', 1, 'Month')).toBe(false);
    expect(movedByPeriod('2027-01-31 11:59:09', 'soon', 1, 'Month')).toBe(false);
  });
});
