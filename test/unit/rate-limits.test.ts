import { DOCUMENTED_RATE_LIMITS, parseRateLimits, rateLimitedTaskQueue } from '../../src/policy/rate-limits';

describe('the documented rate limits', () => {
  it('are 5/s for CreateLoadBalancer and 10/s for RenewARMServerInstance', () => {
    expect(DOCUMENTED_RATE_LIMITS).toEqual({ 'ens:CreateLoadBalancer': 5, 'ens:RenewARMServerInstance': 10 });
  });

  it('each run on a task queue of their own beside the main one', () => {
    expect(rateLimitedTaskQueue('provisioner', 'ens:CreateLoadBalancer')).toBe('provisioner@ens:CreateLoadBalancer');
  });
});

describe('parseRateLimits', () => {
  it('gives the documented limits when nothing, or only separators and blanks, is given', () => {
    expect(parseRateLimits(undefined)).toEqual(DOCUMENTED_RATE_LIMITS);
    expect(parseRateLimits(' , ,')).toEqual(DOCUMENTED_RATE_LIMITS);
    expect(parseRateLimits(undefined)).not.toBe(DOCUMENTED_RATE_LIMITS);
  });

  it('takes each product:Action=callsPerSecond over the documented limits, blanks around entries ignored', () => {
    expect(parseRateLimits(' ens:RenewARMServerInstance=20 ,ecs:RenewInstance=0.5')).toEqual({
      'ens:CreateLoadBalancer': 5,
      'ens:RenewARMServerInstance': 20,
      'ecs:RenewInstance': 0.5,
    });
  });

  it.each([
    ['no product', 'RenewInstance=3'],
    ['an upper-case product', 'ECS:RenewInstance=3'],
    ['text before the product', 'x-ecs:RenewInstance=3'],
    ['a digit in the action', 'ecs:RenewInstance2=3'],
    ['no action', 'ecs:=3'],
    ['no rate', 'ecs:RenewInstance'],
    ['a rate of zero', 'ecs:RenewInstance=0'],
    ['a negative rate', 'ecs:RenewInstance=-1'],
    ['a rate that is not a number', 'ecs:RenewInstance=fast'],
  ])('refuses %s', (_, text) => {
    expect(() => parseRateLimits(text)).toThrow(`"${text}" is not product:Action=callsPerSecond`);
  });
});
