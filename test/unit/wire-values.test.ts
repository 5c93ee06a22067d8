import { validateAction } from '../../src/actions';
import { formatIssues, given, numberOf, regionId, wireBoolean } from '../../src/schemas/common';

// The readers of values that may still be the wire's strings: what they take and what they refuse.
describe('numberOf', () => {
  it.each([
    [12, 12],
    ['12', 12],
    ['-3', -3],
    ['1.5', 1.5],
    ['1.25', 1.25],
    ['-0.75', -0.75],
  ])('reads %j as %d', (value, number) => {
    expect(numberOf(value)).toBe(number);
  });

  it.each([
    '',
    'abc',
    'abc12',
    '12abc',
    '1.',
    '.5',
    '1.2.3',
    '-',
    '1.x',
    '+1',
    ' 12',
    '1e3',
    true,
    null,
    undefined,
    {},
  ])('refuses %j', (value) => {
    expect(numberOf(value)).toBeUndefined();
  });
});

describe('wireBoolean', () => {
  it.each([
    [true, true],
    [false, false],
    ['true', true],
    ['True', true],
    ['false', false],
    ['False', false],
  ])('reads %j as %j', (value, expected) => {
    expect(wireBoolean(value)).toBe(expected);
  });

  it.each(['TRUE', '1', '', 'toString', 'constructor', 1, 0, null, undefined, {}])(
    'reads %j as no boolean, even a name every object has',
    (value) => {
      expect(wireBoolean(value)).toBeUndefined();
    },
  );
});

describe('given', () => {
  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    [0, true],
    [false, true],
    ['x', true],
  ])('%j is given: %s', (value, expected) => {
    expect(given(value)).toBe(expected);
  });
});

describe('formatIssues', () => {
  it('writes one line per issue, the path first when there is one', () => {
    expect(
      formatIssues([
        { path: '', message: 'must be a JSON object of parameters' },
        { path: 'DataDisk.3.Size', message: 'must be 20 to 32768 GiB for cloud_ssd' },
      ]),
    ).toBe('must be a JSON object of parameters\nDataDisk.3.Size: must be 20 to 32768 GiB for cloud_ssd');
  });
});

describe('regionId', () => {
  const messages = (value: string) =>
    regionId()
      .safeParse(value)
      .error?.issues.map((issue) => issue.message) ?? [];

  it.each([
    ['cn-hangzhou', []],
    ['', ['must not be empty']],
    ['X'.repeat(64), ['must be a region id such as cn-hangzhou']],
    ['X'.repeat(65), ['must be at most 64 characters']],
  ])('%j: %j (one message for one mistake)', (value, expected) => {
    expect(messages(value)).toEqual(expected);
  });
});

describe('unknown parameters', () => {
  const unknown = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`Unknown${index + 1}`, 'x']));
  const request = { InstanceId: 'cas-5s1l1qmv4wmlbkbnjv2', Period: 1, PeriodUnit: 'Month' };
  const issuesOf = (extra: Record<string, string>) => {
    const result = validateAction('ens:RenewARMServerInstance', { ...request, ...extra });
    return result.ok ? [] : result.issues.map((issue) => issue.message);
  };

  it('are named, five at most, and the rest counted', () => {
    expect(issuesOf(unknown(5))).toEqual([
      'is not a parameter of this action: Unknown1, Unknown2, Unknown3, Unknown4, Unknown5',
    ]);
    expect(issuesOf(unknown(6))).toEqual([
      'is not a parameter of this action: Unknown1, Unknown2, Unknown3, Unknown4, Unknown5 and 1 more',
    ]);
  });
});

describe('a list given by positions beyond its last', () => {
  const base = {
    RegionId: 'cn-hangzhou',
    InstanceType: 'ecs.g7.large',
    ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
  };
  const issuesOf = (extra: Record<string, unknown>) => {
    const result = validateAction('ecs:CreateInstance', { ...base, ...extra });
    return result.ok ? [] : result.issues;
  };

  it('is reported once, on the first position too many, beside the request’s other issues', () => {
    expect(issuesOf({ 'Tag.30.Key': 'b', 'Tag.21.Key': 'a', InternetMaxBandwidthOut: 1000 })).toEqual([
      { path: 'InternetMaxBandwidthOut', message: 'must be an integer from 0 to 100 Mbit/s' },
      { path: 'Tag.21', message: 'is beyond the last position: at most 20 tags' },
    ]);
  });

  it('still checks the positions within the last', () => {
    expect(issuesOf({ 'Tag.21.Key': 'a', 'Tag.1.Key': 'acs:x', 'Tag.2.Value': 'v' })).toEqual([
      { path: 'Tag.21', message: 'is beyond the last position: at most 20 tags' },
      { path: 'Tag.1.Key', message: 'must not start with aliyun or acs:' },
      { path: 'Tag.2.Key', message: 'is required' },
    ]);
  });
});

describe('the shape of a request and of its parameters', () => {
  const base = {
    RegionId: 'cn-hangzhou',
    InstanceType: 'ecs.g7.large',
    ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
  };

  it.each([[[]], [['RegionId']], ['RegionId=cn-hangzhou'], [null], [7]])('refuses %j as a request', (input) => {
    expect(validateAction('ecs:CreateInstance', input)).toEqual({
      ok: false,
      issues: [{ path: '', message: 'must be a JSON object of parameters' }],
    });
  });

  it('names the JSON type a parameter must have, with its article', () => {
    const result = validateAction('ecs:CreateInstance', {
      ...base,
      DataDisk: 'cloud_essd',
      Tag: ['x', null, [], { key: 'k', Key: 'k' }],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'DataDisk', message: 'must be an array' },
      { path: 'Tag.1', message: 'must be an object' },
      { path: 'Tag.2', message: 'must be an object' },
      { path: 'Tag.3', message: 'must be an object' },
      { path: 'Tag.4.key', message: 'is the older spelling of Key, which is also given: give only one' },
    ]);
  });
});
