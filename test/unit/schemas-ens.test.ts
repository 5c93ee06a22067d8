/**
 * The ENS request schemas against the CreateLoadBalancer and RenewARMServerInstance documents: every
 * rule with a passing and a failing case, each failure pinned to the exact parameter path.
 */
import { CreateLoadBalancerSchema, RenewARMServerInstanceSchema } from '../../src/schemas/ens';
import { validateRequest } from '../../src/schemas/common';
import { expectIssues, valid, type Case, type Input } from '../helpers/schemas';

describe('ens:CreateLoadBalancer', () => {
  /** The document's example value of every parameter. */
  const examples: Input = {
    EnsRegionId: 'cn-chengdu-telecom',
    LoadBalancerSpec: 'elb.s2.medium',
    LoadBalancerName: 'gcs-pre-websocket-eslb-telecom',
    PayType: 'PostPaid',
    NetworkId: 'n-5sax03dh2eyagujgsn7z9****',
    VSwitchId: 'vsw-5s78haoys9oylle6ln71m****',
    ClientToken: '26C28756-2586-17AF-B802-0DC50D8FDEBB',
  };

  it('accepts the example value of every parameter of the document, together', () => {
    expect(validateRequest(CreateLoadBalancerSchema, examples)).toEqual({ ok: true, value: examples });
  });

  const cases: Case[] = [
    // Required: EnsRegionId, LoadBalancerSpec, PayType, NetworkId, VSwitchId
    ['only the required parameters', { ...examples, LoadBalancerName: undefined, ClientToken: undefined }, valid],
    ['EnsRegionId missing', { ...examples, EnsRegionId: undefined }, [['EnsRegionId', 'is required']]],
    ['EnsRegionId empty', { ...examples, EnsRegionId: '' }, [['EnsRegionId', 'must not be empty']]],
    ['LoadBalancerSpec missing', { ...examples, LoadBalancerSpec: undefined }, [['LoadBalancerSpec', 'is required']]],
    ['NetworkId missing', { ...examples, NetworkId: undefined }, [['NetworkId', 'is required']]],
    ['VSwitchId missing', { ...examples, VSwitchId: undefined }, [['VSwitchId', 'is required']]],
    ['VSwitchId not text', { ...examples, VSwitchId: 42 }, [['VSwitchId', 'must be a string']]],
    ['PayType missing', { ...examples, PayType: undefined }, [['PayType', 'is required']]],

    // PayType: PostPaid only
    ['PayType PrePaid', { ...examples, PayType: 'PrePaid' }, [['PayType', 'must be one of PostPaid']]],
    ['PayType in lower case', { ...examples, PayType: 'postpaid' }, [['PayType', 'must be one of PostPaid']]],

    // LoadBalancerName: 1 to 80 characters, English or Chinese, not starting with http:// or https://
    ['name of 1 character', { ...examples, LoadBalancerName: 'a' }, valid],
    ['name of 80 characters', { ...examples, LoadBalancerName: 'a'.repeat(80) }, valid],
    ['name of 80 Chinese characters', { ...examples, LoadBalancerName: '负'.repeat(80) }, valid],
    ['name of 81 characters', { ...examples, LoadBalancerName: 'a'.repeat(81) }, [['LoadBalancerName', 'at most 80']]],
    ['name empty', { ...examples, LoadBalancerName: '' }, [['LoadBalancerName', 'must not be empty']]],
    ['name starting with http://', { ...examples, LoadBalancerName: 'http://lb' }, [['LoadBalancerName', 'http://']]],
    [
      'name starting with https://',
      { ...examples, LoadBalancerName: 'https://lb' },
      [['LoadBalancerName', 'https://']],
    ],
    ['name with http:// further in', { ...examples, LoadBalancerName: 'lb-http://' }, valid],

    // ClientToken: ASCII, at most 64 characters
    ['ClientToken of 64 characters', { ...examples, ClientToken: 'x'.repeat(64) }, valid],
    ['ClientToken of 65 characters', { ...examples, ClientToken: 'x'.repeat(65) }, [['ClientToken', 'at most 64']]],
    ['ClientToken not ASCII', { ...examples, ClientToken: '令牌' }, [['ClientToken', 'ASCII']]],
    [
      'ClientToken empty',
      { ...examples, ClientToken: '' },
      [
        ['ClientToken', 'must not be empty'],
        ['ClientToken', 'ASCII'],
      ],
    ],

    // Parameters the action does not have
    ['an unknown parameter', { ...examples, LoadBalancerType: 'internet' }, [['', 'LoadBalancerType']]],
    [
      'a misspelt parameter',
      { ...examples, VSwitchId: undefined, VswitchId: 'vsw-1' },
      [
        ['VSwitchId', 'is required'],
        ['', 'VswitchId'],
      ],
    ],
  ];

  it.each(cases)('%s', (_title, input, expected) => expectIssues(CreateLoadBalancerSchema, input, expected));

  it('reports every issue of a request at once', () => {
    const result = validateRequest(CreateLoadBalancerSchema, {
      EnsRegionId: 'cn-chengdu-telecom',
      LoadBalancerName: 'https://lb',
      PayType: 'PrePaid',
      ClientToken: 'x'.repeat(65),
      Bandwidth: 10,
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      'NetworkId',
      'VSwitchId',
      'LoadBalancerSpec',
      'PayType',
      'LoadBalancerName',
      'ClientToken',
      '',
    ]);
  });
});

describe('ens:RenewARMServerInstance', () => {
  /** The document's example value of every parameter. */
  const examples: Input = { InstanceId: 'yourInstance ID', Period: 1, PeriodUnit: 'Month', AutoRenew: true };

  it('accepts the example value of every parameter of the document, together', () => {
    expect(validateRequest(RenewARMServerInstanceSchema, examples)).toEqual({ ok: true, value: examples });
  });

  const cases: Case[] = [
    // Required: InstanceId, Period, PeriodUnit
    ['without AutoRenew', { ...examples, AutoRenew: undefined }, valid],
    ['InstanceId missing', { ...examples, InstanceId: undefined }, [['InstanceId', 'is required']]],
    ['InstanceId empty', { ...examples, InstanceId: '' }, [['InstanceId', 'must not be empty']]],
    ['Period missing', { ...examples, Period: undefined }, [['Period', 'is required']]],
    ['PeriodUnit missing', { ...examples, PeriodUnit: undefined }, [['PeriodUnit', 'is required']]],

    // Period: 1 to 9, or 12
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 12].map(
      (period): Case => [`Period ${period}`, { ...examples, Period: period }, valid],
    ),
    ...[0, 10, 11, 13, 24, -1].map(
      (period): Case => [`Period ${period}`, { ...examples, Period: period }, [['Period', 'must be one of 1, 2']]],
    ),
    ['Period not an integer', { ...examples, Period: 1.5 }, [['Period', 'must be one of']]],
    ['Period as words', { ...examples, Period: 'one' }, [['Period', 'must be one of']]],

    // PeriodUnit: Month or Year
    ['PeriodUnit Year', { ...examples, PeriodUnit: 'Year', Period: 12 }, valid],
    ['PeriodUnit Week', { ...examples, PeriodUnit: 'Week' }, [['PeriodUnit', 'must be one of Month, Year']]],
    ['PeriodUnit in lower case', { ...examples, PeriodUnit: 'month' }, [['PeriodUnit', 'must be one of Month, Year']]],

    // AutoRenew: a boolean
    ['AutoRenew false', { ...examples, AutoRenew: false }, valid],
    ['AutoRenew "false"', { ...examples, AutoRenew: 'false' }, valid],
    ['AutoRenew "yes"', { ...examples, AutoRenew: 'yes' }, [['AutoRenew', 'must be true or false']]],
    ['AutoRenew 1', { ...examples, AutoRenew: 1 }, [['AutoRenew', 'must be true or false']]],

    // Parameters the action does not have (it takes no ClientToken)
    ['ClientToken', { ...examples, ClientToken: 'abc' }, [['', 'ClientToken']]],
    ['an unknown parameter', { ...examples, Duration: 1 }, [['', 'Duration']]],
  ];

  it.each(cases)('%s', (_title, input, expected) => expectIssues(RenewARMServerInstanceSchema, input, expected));

  it('accepts the wire form, where every value is a string, and yields JSON types', () => {
    const wire = { InstanceId: 'cas-1', Period: '12', PeriodUnit: 'Year', AutoRenew: 'true' };
    expect(validateRequest(RenewARMServerInstanceSchema, wire)).toEqual({
      ok: true,
      value: { InstanceId: 'cas-1', Period: 12, PeriodUnit: 'Year', AutoRenew: true },
    });
  });

  it('reports every issue of a request at once', () => {
    const result = validateRequest(RenewARMServerInstanceSchema, {
      Period: '10',
      PeriodUnit: 'Day',
      AutoRenew: 'maybe',
      ClientToken: 'abc',
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      'InstanceId',
      'Period',
      'PeriodUnit',
      'AutoRenew',
      '',
    ]);
  });
});
