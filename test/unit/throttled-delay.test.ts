import fc from 'fast-check';
import { throttledDelayMs } from '../../src/activities/failures';
import { ThrottledShare } from '../../src/activities/throttled-share';
import { seededRandom } from '../../src/emulator/faults';
import { RateLimiter } from '../../src/emulator/rate-limit';

const WINDOW_MS = 1_000;
const top = () => 1; // the far end of the spread

describe('throttledDelayMs', () => {
  it('waits out the window, then a spread of share / (1 - share) windows, up to eight', () => {
    expect([0, 0.2, 0.5, 0.75, 0.875, 0.9, 1].map((share) => throttledDelayMs(share, WINDOW_MS, top))).toEqual([
      1_000, 1_250, 2_000, 4_000, 8_000, 9_000, 9_000,
    ]);
  });

  it('never retries before the window has passed nor waits past nine windows, whatever the share and draw', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (share, draw) => {
          const delay = throttledDelayMs(share, WINDOW_MS, () => draw);
          return delay >= 1_000 && delay <= 9_000;
        },
      ),
    );
  });

  it('scales with the window it is given', () => {
    expect(throttledDelayMs(0.5, 20, () => 0.5)).toBe(30);
  });
});

type RetryDelay = (share: number, random: () => number) => number;

/** The policy: a spread that follows the share of calls throttled. */
const spread: RetryDelay = (share, random) => throttledDelayMs(share, WINDOW_MS, random);
/** What it is measured against: every throttled call back one window later, with a window's jitter. */
const oneWindow: RetryDelay = (_share, random) => WINDOW_MS * (1 + random());

/**
 * `callers` calls of one action, all due at once, against the API's token bucket (the emulator's
 * RateLimiter, on a simulated clock); each throttled call retries after `delay` of the share its worker
 * saw. Returns the calls made and when the last one got through.
 */
function crowd(callers: number, perSecond: number, seed: number, delay: RetryDelay) {
  let now = 0;
  const limiter = new RateLimiter(() => ({ 'ens:CreateLoadBalancer': perSecond }));
  const throttling = new ThrottledShare(WINDOW_MS, () => now);
  const random = seededRandom(seed);
  let due = Array.from({ length: callers }, () => 0);
  let calls = 0;
  while (due.length > 0) {
    due.sort((a, b) => a - b);
    now = due.shift()!;
    calls++;
    const throttled = !limiter.take('ens:CreateLoadBalancer', 'key', now);
    throttling.record('ens:CreateLoadBalancer', throttled);
    if (throttled) due = [...due, now + delay(throttling.of('ens:CreateLoadBalancer'), random)];
  }
  return { calls, lastMs: now };
}

describe('a real Throttling.User storm (too many calls for the limit)', () => {
  it('does not become a retry storm: the retries spread until the limit takes them', () => {
    // 200 calls at once against 5/s: the bucket takes 5 at once, then one every 200 ms: 39.8 s at best.
    const spread200 = crowd(200, 5, 7, spread);
    const oneWindow200 = crowd(200, 5, 7, oneWindow);

    expect(oneWindow200.calls).toBeGreaterThan(2_500); // every waiting caller, every window or two
    expect(spread200.calls).toBeLessThan(1_200);
    expect(spread200.lastMs).toBeLessThan(39_800 * 1.05);
  });

  it('makes at most 0.6 of the calls of a one-window retry, for any large crowd, and takes little more than the limit’s own time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(5, 10),
        fc.integer({ min: 20, max: 30 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (perSecond, seconds, seed) => {
          const callers = perSecond * seconds;
          const spreadOut = crowd(callers, perSecond, seed, spread);
          const retried = crowd(callers, perSecond, seed, oneWindow);
          // The bucket takes a second's worth at once, then one call every 1 / perSecond seconds.
          const limitsOwnMs = ((callers - perSecond) / perSecond) * 1_000;
          return spreadOut.calls <= retried.calls * 0.6 && spreadOut.lastMs <= limitsOwnMs * 1.15;
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('ThrottledShare', () => {
  it('is the share of an action’s answers throttled over the last eight windows, per action', () => {
    let now = 0;
    const share = new ThrottledShare(WINDOW_MS, () => now);
    expect(share.of('ecs:StartInstance')).toBe(0);

    for (const throttled of [true, false, false, false]) share.record('ecs:StartInstance', throttled);
    now = 7_999; // the eighth window since the first
    share.record('ecs:StartInstance', true);
    share.record('ecs:RunInstances', false);
    expect([share.of('ecs:StartInstance'), share.of('ecs:RunInstances')]).toEqual([0.4, 0]);

    now = 8_000; // the first window has passed out of sight
    expect(share.of('ecs:StartInstance')).toBe(1);
    now = 16_000;
    expect(share.of('ecs:StartInstance')).toBe(0);
  });

  it('reuses a window’s slot for the window eight later, without its old counts', () => {
    let now = 500;
    const share = new ThrottledShare(WINDOW_MS, () => now);
    share.record('ens:CreateLoadBalancer', true);
    now = 8_500;
    share.record('ens:CreateLoadBalancer', false);
    expect(share.of('ens:CreateLoadBalancer')).toBe(0);
  });
});
