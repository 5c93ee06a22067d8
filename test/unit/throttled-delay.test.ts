import fc from 'fast-check';
import { throttledDelayMs } from '../../src/activities/failures';

describe('throttledDelayMs', () => {
  it('waits out the window, then a spread that doubles per attempt up to eight windows', () => {
    const top = () => 1; // the far end of the spread
    expect([1, 2, 3, 4, 5, 6, 10].map((attempt) => throttledDelayMs(attempt, 1_000, top))).toEqual([
      2_000, 3_000, 5_000, 9_000, 9_000, 9_000, 9_000,
    ]);
  });

  it('never retries before the window has passed, whatever the draw', () => {
    expect([1, 2, 5].map((attempt) => throttledDelayMs(attempt, 1_000, () => 0))).toEqual([1_000, 1_000, 1_000]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, draw) => {
          const delay = throttledDelayMs(attempt, 1_000, () => draw);
          return delay >= 1_000 && delay <= 9_000;
        },
      ),
    );
  });

  it('scales with the window it is given', () => {
    expect(throttledDelayMs(3, 20, () => 0.5)).toBe(60);
  });
});
