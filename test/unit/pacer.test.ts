import { Pacer, type Clock } from '../../src/pacer';

/** A clock that moves only when a caller sleeps or the test advances it. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
    advance: (ms) => void (now += ms),
  };
}

describe('pacing the calls of one process', () => {
  it('spaces calls that come at once 1/rate apart', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(() => 10, clock);
    const given: number[] = [];
    for (let call = 0; call < 4; call++) {
      await pacer.turn();
      given.push(clock.now() - 1_000_000);
    }
    expect(given).toEqual([0, 100, 200, 300]);
  });

  it('lets a call go at once when the previous one is far enough behind', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(() => 4, clock);
    await pacer.turn();
    clock.advance(400);
    const before = clock.now();
    await pacer.turn();
    expect(clock.now()).toBe(before);
  });

  it('makes a call that comes early wait only for the rest of the interval', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(() => 4, clock);
    await pacer.turn();
    clock.advance(100);
    const before = clock.now();
    await pacer.turn();
    expect(clock.now() - before).toBe(150);
  });
});
