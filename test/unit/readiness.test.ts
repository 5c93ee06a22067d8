import {
  READINESS,
  firstLookDelayMs,
  nextLookDelayMs,
  withExpected,
  type ReadinessPolicy,
} from '../../src/policy/readiness';

/** The looks a wait makes at a resource that becomes ready `readyMs` after its work started. */
function looks(policy: ReadinessPolicy, readyMs: number): { calls: number; seenMs: number } {
  let at = firstLookDelayMs(policy);
  let calls = 1;
  while (at < readyMs) {
    at += nextLookDelayMs(policy, at);
    calls++;
  }
  return { calls, seenMs: at };
}

const PROVISIONING = {
  kafkaDeploy: READINESS.kafkaDeploy,
  ecsCreate: READINESS.ecsCreate,
  ecsStart: READINESS.ecsStart,
  loadBalancerCreate: READINESS.loadBalancerCreate,
};

describe('when a wait looks at a resource', () => {
  it.each(Object.entries(PROVISIONING))(
    '%s: one that takes exactly the expected duration costs two looks, the second just after it',
    (_, policy) => {
      const first = Math.round(policy.expectedMs * 0.95);
      const seen = looks(policy, policy.expectedMs);
      expect(seen).toEqual({ calls: 2, seenMs: first + Math.min(policy.maxIntervalMs, Math.round(first * 0.07)) });
      // At 1.0165 of it, or sooner where the ceiling is shorter (Kafka's 60 s is 5% of 20 minutes).
      expect(seen.seenMs / policy.expectedMs).toBeGreaterThanOrEqual(1);
      expect(seen.seenMs / policy.expectedMs).toBeLessThanOrEqual(1.017);
    },
  );

  it.each(Object.entries(PROVISIONING))(
    '%s: one ready at any time past the first look is seen at most 7% of that time late',
    (_, policy) => {
      const first = firstLookDelayMs(policy);
      let worst = 0;
      for (
        let readyMs = first + 1;
        readyMs <= policy.expectedMs * 3;
        readyMs += Math.round(policy.expectedMs / 2_000) + 1
      ) {
        worst = Math.max(worst, (looks(policy, readyMs).seenMs - readyMs) / readyMs);
      }
      expect(worst).toBeGreaterThan(0.05);
      expect(worst).toBeLessThanOrEqual(0.07);
    },
  );

  it('looks once, at 95% of the expected duration, at a resource ready before then', () => {
    expect(looks(READINESS.loadBalancerCreate, 30_000)).toEqual({ calls: 1, seenMs: 85_500 });
  });

  it('waits out the first look, then keeps between the floor and the ceiling', () => {
    const kafka = READINESS.kafkaDeploy;
    expect(nextLookDelayMs(kafka, 1_130_000)).toBe(10_000);
    expect(nextLookDelayMs(kafka, 60_000)).toBe(60_000);
    expect(nextLookDelayMs(kafka, 1_140_000)).toBe(60_000);
    expect(nextLookDelayMs(READINESS.ecsCreate, 50_000)).toBe(3_500);
    expect(nextLookDelayMs(READINESS.renewalVisible, 0)).toBe(1_000);
    expect(nextLookDelayMs(READINESS.renewalVisible, 200_000)).toBe(5_000);
  });

  it('scales the floor and the ceiling down with a shorter expected duration, never up', () => {
    expect(withExpected(READINESS.loadBalancerCreate, 4_500)).toEqual({
      expectedMs: 4_500,
      minIntervalMs: 50,
      maxIntervalMs: 750,
    });
    expect(withExpected(READINESS.ecsStart, 60_000)).toEqual({
      expectedMs: 60_000,
      minIntervalMs: 1_000,
      maxIntervalMs: 10_000,
    });
    expect(withExpected(READINESS.ecsStart, undefined)).toBe(READINESS.ecsStart);
    // A policy that expects nothing keeps its bounds, even for an expectation of nothing.
    expect(withExpected(READINESS.renewalVisible, 0)).toEqual({
      expectedMs: 0,
      minIntervalMs: 1_000,
      maxIntervalMs: 5_000,
    });
  });
});
