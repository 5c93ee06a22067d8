import { queueRate } from '../../src/policy/rate-limits';

describe('the rate of a rate-limited task queue', () => {
  it('runs one call a second under the API limit by default', () => {
    expect(queueRate(10)).toBe(9);
    expect(queueRate(5)).toBe(4);
  });

  it('keeps at least half of a small limit, and the limit itself without headroom', () => {
    expect(queueRate(1)).toBe(0.5);
    expect(queueRate(10, 8)).toBe(5);
    expect(queueRate(10, 0)).toBe(10);
  });
});
