import fc from 'fast-check';
import { INSTANCE_STATUSES } from '../../src/schemas/ecs-listing';
import { armFilterIssues, ecsFleetIssues, MAX_FLEET_REGIONS } from '../../src/workflows/fleet-settings';

const paths = (issues: { path: string }[]) => issues.map((issue) => issue.path);

const regionId = fc
  .tuple(
    fc.stringMatching(/^[a-z]{2,6}$/),
    fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 }),
  )
  .map(([head, rest]) => [head, ...rest].join('-'));
const tag = fc.record(
  { Key: fc.string({ minLength: 1, maxLength: 128 }), Value: fc.string({ maxLength: 128 }) },
  { requiredKeys: ['Key'] },
);
const validFilters = fc.record(
  {
    InstanceIds: fc.array(fc.stringMatching(/^i-[a-z0-9]{1,20}$/), { maxLength: 100 }),
    Status: fc.constantFrom(...INSTANCE_STATUSES),
    Tag: fc.uniqueArray(tag, { maxLength: 20, selector: (each) => each.Key }),
  },
  { requiredKeys: [] },
);

describe('ecsFleetIssues', () => {
  it('accepts 1 to 50 distinct region ids and any documented filters', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(regionId, { minLength: 1, maxLength: MAX_FLEET_REGIONS }),
        validFilters,
        (regions, filters) => {
          expect(ecsFleetIssues(regions, filters)).toEqual([]);
        },
      ),
    );
  });

  it('answers anything at all with issues on regions or filters only, never throwing', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (regions, filters) => {
        const issues = ecsFleetIssues(regions, filters);
        for (const path of paths(issues)) expect(path).toMatch(/^(regions|filters(\..{1,64})?)$/);
      }),
    );
  });

  it.each([
    ['no regions', [], undefined, ['regions']],
    ['a region twice', ['cn-hangzhou', 'cn-hangzhou'], undefined, ['regions']],
    ['a region that is a host name', ['evil.example/x#'], undefined, ['regions']],
    ['regions as one string', 'cn-hangzhou,cn-shanghai', undefined, ['regions']],
    [`${MAX_FLEET_REGIONS + 1} regions`, Array.from({ length: 51 }, (_, i) => `cn-r${i}`), undefined, ['regions']],
    [
      'a filter the listing sets itself',
      ['cn-hangzhou'],
      { InstanceChargeType: 'PostPaid' },
      ['filters.InstanceChargeType'],
    ],
    ['a paging parameter', ['cn-hangzhou'], { NextToken: 'x' }, ['filters.NextToken']],
    ['a Status not documented', ['cn-hangzhou'], { Status: 'Sleeping' }, ['filters.Status']],
    [
      '101 InstanceIds',
      ['cn-hangzhou'],
      { InstanceIds: Array.from({ length: 101 }, (_, i) => `i-${i}`) },
      ['filters.InstanceIds'],
    ],
    ['21 tags', ['cn-hangzhou'], { Tag: Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}` })) }, ['filters.Tag']],
    ['a tag key twice', ['cn-hangzhou'], { Tag: [{ Key: 'team' }, { Key: 'team', Value: 'web' }] }, ['filters.Tag']],
    ['an empty tag key', ['cn-hangzhou'], { Tag: [{ Key: '' }] }, ['filters.Tag']],
    ['a tag with a member of its own', ['cn-hangzhou'], { Tag: [{ Key: 'team', Owner: 'x' }] }, ['filters.Tag']],
    ['filters that are a list', ['cn-hangzhou'], [], ['filters']],
    ['a filter without a name', ['cn-hangzhou'], { '': 'x' }, ['filters']],
  ])('refuses %s', (_label, regions, filters, expected) => {
    expect(paths(ecsFleetIssues(regions, filters))).toEqual(expected);
  });
});

describe('armFilterIssues', () => {
  it.each([
    ['a name that is not a filter', { Action: 'ReleaseInstance' }, ['filters.Action']],
    ['ids that are not a list', { ServerIds: 'cas-1' }, ['filters.ServerIds']],
    ['an empty id', { States: [''] }, ['filters.States']],
  ])('refuses %s', (_label, filters, expected) => {
    expect(paths(armFilterIssues(filters))).toEqual(expected);
  });

  it('accepts its four filters', () => {
    expect(
      armFilterIssues({
        ServerIds: ['cas-1'],
        EnsRegionIds: ['cn-hangzhou-telecom'],
        ServerSpecs: ['x'],
        States: ['running'],
      }),
    ).toEqual([]);
  });
});
