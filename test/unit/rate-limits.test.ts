import { DOCUMENTED_RATE_LIMITS } from '../../src/actions';
import { parseRateLimits } from '../../src/config';
import { rateLimitedTaskQueue } from '../../src/policy/rate-limits';

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

  it('takes each rate-limited action=callsPerSecond over the documented limits, blanks around entries ignored', () => {
    expect(parseRateLimits(' ens:RenewARMServerInstance=20 ,ens:CreateLoadBalancer=0.5')).toEqual({
      'ens:CreateLoadBalancer': 0.5,
      'ens:RenewARMServerInstance': 20,
    });
  });

  it.each([
    ['an action without a documented limit', 'ecs:RenewInstance=3'],
    ['no product', 'RenewARMServerInstance=3'],
    ['an upper-case product', 'ENS:RenewARMServerInstance=3'],
    ['text before the product', 'x-ens:RenewARMServerInstance=3'],
    ['a name every object has', 'constructor=3'],
    ['no action', 'ens:=3'],
  ])('refuses %s, naming the actions it takes', (_, text) => {
    expect(() => parseRateLimits(text)).toThrow(
      `"${text}": only the rate-limited actions can be given: ens:CreateLoadBalancer, ens:RenewARMServerInstance`,
    );
  });

  it.each([
    ['no rate', 'ens:RenewARMServerInstance'],
    ['a rate of zero', 'ens:RenewARMServerInstance=0'],
    ['a negative rate', 'ens:RenewARMServerInstance=-1'],
    ['a rate that is not a number', 'ens:RenewARMServerInstance=fast'],
  ])('refuses %s', (_, text) => {
    expect(() => parseRateLimits(text)).toThrow(`"${text}": the calls per second must be a number above 0`);
  });
});
