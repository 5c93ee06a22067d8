import { RateLimiter } from '../../src/emulator/rate-limit';

describe('the emulator’s per-user rate limit', () => {
  const limiter = () => new RateLimiter(() => ({ 'ens:CreateLoadBalancer': 5 }));

  it('lets a burst of one second’s calls through, then refuses until tokens refill', () => {
    const limits = limiter();
    const at0 = Array.from({ length: 7 }, () => limits.take('ens:CreateLoadBalancer', 'key', 0));
    const at199 = limits.take('ens:CreateLoadBalancer', 'key', 199);
    const at200 = limits.take('ens:CreateLoadBalancer', 'key', 200);

    expect(at0).toEqual([true, true, true, true, true, false, false]);
    expect([at199, at200]).toEqual([false, true]);
  });

  it('counts each AccessKeyId separately and leaves unlimited actions alone', () => {
    const limits = limiter();
    for (let call = 0; call < 5; call++) limits.take('ens:CreateLoadBalancer', 'first', 0);

    expect(limits.take('ens:CreateLoadBalancer', 'first', 0)).toBe(false);
    expect(limits.take('ens:CreateLoadBalancer', 'second', 0)).toBe(true);
    expect(Array.from({ length: 50 }, () => limits.take('ecs:DescribeInstanceStatus', 'first', 0)).every(Boolean)).toBe(
      true,
    );
  });
});
