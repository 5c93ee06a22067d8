import { livePollers, POLLER_ALIVE_MS, POLLERS_REFRESH_MS, QueuePollers, type Poller } from '../../src/queue-pollers';

const NOW = 1_700_000_000_000;

describe('the processes serving a rate-limited queue', () => {
  it('counts each identity that polled within the last 70 s once, and no other', () => {
    const pollers: Poller[] = [
      { identity: '101@host-a', lastAccessMs: NOW - 10 },
      { identity: '101@host-a', lastAccessMs: NOW - 5_000 },
      { identity: '202@host-b', lastAccessMs: NOW - POLLER_ALIVE_MS },
      { identity: '303@host-c', lastAccessMs: NOW - POLLER_ALIVE_MS - 1 },
    ];
    expect(livePollers(pollers, NOW)).toBe(2);
  });

  it('counts at least this process, before the server has seen it poll', () => {
    expect(livePollers([], NOW)).toBe(1);
    expect(livePollers([{ identity: 'gone@host', lastAccessMs: NOW - 600_000 }], NOW)).toBe(1);
  });

  it('answers from what it last heard, and asks again only after the refresh interval', async () => {
    let now = NOW;
    const answers = [2, 3];
    let asked = 0;
    const pollers = new QueuePollers(
      () => {
        const count = answers[asked++]!;
        return Promise.resolve(Array.from({ length: count }, (_, i) => ({ identity: `p${i}`, lastAccessMs: now })));
      },
      () => now,
    );

    expect(pollers.current()).toBe(1); // the first answer is still on its way
    await Promise.resolve();
    now += POLLERS_REFRESH_MS - 1;
    expect(pollers.current()).toBe(2);
    expect(asked).toBe(1);
    now += 1;
    pollers.current();
    await Promise.resolve();
    expect(pollers.current()).toBe(3);
    expect(asked).toBe(2);
  });

  it('keeps the last answer when the server cannot be asked', async () => {
    let now = NOW;
    let fail = false;
    const pollers = new QueuePollers(
      () =>
        fail
          ? Promise.reject(new Error('unavailable'))
          : Promise.resolve([
              { identity: 'a', lastAccessMs: now },
              { identity: 'b', lastAccessMs: now },
            ]),
      () => now,
    );
    pollers.current();
    await Promise.resolve();
    fail = true;
    now += POLLERS_REFRESH_MS;
    expect(pollers.current()).toBe(2);
    await Promise.resolve();
    expect(pollers.current()).toBe(2);
  });
});
