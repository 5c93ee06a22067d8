import { throttledDelayMs } from '../../src/activities/failures';

describe('throttledDelayMs', () => {
  it('doubles from the first delay per attempt, up to the cap', () => {
    const middle = () => 0.5; // jitter factor 1
    expect([1, 2, 3, 4, 5, 6, 10].map((attempt) => throttledDelayMs(attempt, 2_000, middle))).toEqual([
      2_000, 4_000, 8_000, 16_000, 16_000, 16_000, 16_000,
    ]);
  });

  it('spreads retries from half to one and a half times the delay', () => {
    expect(throttledDelayMs(2, 2_000, () => 0)).toBe(2_000);
    expect(throttledDelayMs(2, 2_000, () => 0.999)).toBe(5_996);
  });
});
