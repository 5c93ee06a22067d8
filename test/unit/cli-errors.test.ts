import { ERROR_CODES } from '../../src/alicloud/error-codes';
import { describeErrorCode, errorCatalog, formatDescription } from '../../src/cli/errors';

describe('the errors command', () => {
  it('lists every catalogued code and the transport failures', () => {
    const catalog = errorCatalog();

    expect(catalog).toHaveLength(ERROR_CODES.size + 6);
    expect(catalog.filter((entry) => entry.sources[0] === 'transport').map((entry) => entry.code)).toEqual([
      'Transport.ConnectionFailed',
      'Transport.Timeout',
      'Transport.ConnectionReset',
      'Transport.InvalidResponse',
      'Transport.ServerError',
      'Transport.Unsuccessful',
    ]);
  });

  it('explains a documented code with its status, class, documents and what the workflows do', () => {
    expect(formatDescription(describeErrorCode('OrderLatestOrderIsHandling'))).toBe(
      [
        'OrderLatestOrderIsHandling',
        '  HTTP status:  400',
        '  class:        transient',
        '  documents:    ens:CreateLoadBalancer, ens:RenewARMServerInstance',
        `  meaning:      ${ERROR_CODES.get('OrderLatestOrderIsHandling')!.meaning}`,
        '  workflows:    retried with exponential backoff',
      ].join('\n'),
    );
  });

  it('matches a code against the templates the documents print with %s', () => {
    expect(describeErrorCode('InvalidParameter.LoadBalancerSpec')).toMatchObject({
      code: 'InvalidParameter.LoadBalancerSpec',
      catalogued: true,
      retryClass: 'terminal',
    });
  });

  it('classifies an unknown code by the rules: throttling by name, 5xx transient, else terminal', () => {
    expect(describeErrorCode('Throttling.Brand.New')).toMatchObject({ catalogued: false, retryClass: 'throttled' });
    expect(describeErrorCode('Brand.New', 503)).toMatchObject({ catalogued: false, retryClass: 'transient' });
    expect(describeErrorCode('Brand.New')).toMatchObject({ catalogued: false, retryClass: 'terminal' });
  });
});
