/**
 * ECS DescribeInstances through src/alicloud and the emulator, as a fleet renewal and the inventory
 * read it: every page by NextToken (or PageNumber), the filters combined, a region with none.
 */
import { failureOf, startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { FAST } from '../helpers/provisioning';

interface Listed {
  Instances: { Instance: { InstanceId: string; InstanceChargeType: string; Tags: { Tag: unknown[] } }[] };
  TotalCount: number;
  NextToken?: string;
  MaxResults?: number;
  PageNumber?: number;
  PageSize?: number;
}

let env: EmulatedCloud;
/** Instance ids in the order they were created, by what they are. */
const made = { prepaid: [] as string[], postpaid: [] as string[], shanghai: [] as string[], team: [] as string[] };

type Instance = Parameters<EmulatedCloud['emulator']['state']['ecs']['instances']['set']>[1];

beforeAll(async () => {
  env = await startEmulatedCloud();
  // One instance made by the API, the model of the rest under other ids, regions, charge types and tags.
  const { InstanceId } = await env.cloud.call('ecs:CreateInstance', FAST.ecs('model').request);
  const instances = env.emulator.state.ecs.instances;
  const model: Instance = instances.get(InstanceId as string)!;
  instances.clear();
  const seed = (id: string, fields: Pick<Instance, 'RegionId' | 'InstanceChargeType'>, team?: string) => {
    const tags: Record<string, string> = team === undefined ? {} : { 'Tag.1.Key': 'team', 'Tag.1.Value': team };
    instances.set(id, { ...model, InstanceId: id, ...fields, request: { ...model.request, ...tags } });
    return id;
  };
  for (let index = 0; index < 23; index++) {
    const team = (['data', 'web'] as const)[index % 4];
    const id = seed(
      `i-pre-${String(index).padStart(2, '0')}`,
      { RegionId: 'cn-hangzhou', InstanceChargeType: 'PrePaid' },
      team,
    );
    made.prepaid.push(id);
    if (team === 'data') made.team.push(id);
  }
  for (let index = 0; index < 3; index++)
    made.postpaid.push(seed(`i-post-${index}`, { RegionId: 'cn-hangzhou', InstanceChargeType: 'PostPaid' }, 'data'));
  for (let index = 0; index < 2; index++)
    made.shanghai.push(seed(`i-sh-${index}`, { RegionId: 'cn-shanghai', InstanceChargeType: 'PrePaid' }));
});
afterAll(() => env.close());

const list = (params: Record<string, unknown>) =>
  env.cloud.call<Listed & Record<string, unknown>>('ecs:DescribeInstances', params);
const idsOf = (answer: Listed) => answer.Instances.Instance.map((instance) => instance.InstanceId);

describe('ECS DescribeInstances', () => {
  it('pages through every subscription instance of a region by NextToken, the last page with an empty one', async () => {
    const pages: string[][] = [];
    const tokens: string[] = [];
    let NextToken: string | undefined;
    do {
      const answer = await list({ RegionId: 'cn-hangzhou', InstanceChargeType: 'PrePaid', MaxResults: 10, NextToken });
      pages.push(idsOf(answer));
      NextToken = answer.NextToken;
      tokens.push(NextToken ?? 'absent');
    } while (NextToken);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(made.prepaid);
    expect(tokens[2]).toBe('');
  });

  it('holds MaxResults to 10 to 100 rather than refusing it', async () => {
    const few = await list({ RegionId: 'cn-hangzhou', MaxResults: 5 });
    const many = await list({ RegionId: 'cn-hangzhou', MaxResults: 500 });
    expect([few.MaxResults, idsOf(few).length, many.MaxResults, idsOf(many).length]).toEqual([10, 10, 100, 26]);
  });

  it('pages by PageNumber and PageSize too, and ignores them once a NextToken is given', async () => {
    const second = await list({ RegionId: 'cn-hangzhou', PageNumber: 2, PageSize: 20 });
    expect([idsOf(second), second.TotalCount, second.PageNumber, second.PageSize]).toEqual([
      [...made.prepaid, ...made.postpaid].slice(20),
      26,
      2,
      20,
    ]);
    const first = await list({ RegionId: 'cn-hangzhou', MaxResults: 10 });
    const byToken = await list({ RegionId: 'cn-hangzhou', NextToken: first.NextToken, PageNumber: 3, PageSize: 50 });
    expect(idsOf(byToken)).toEqual([...made.prepaid, ...made.postpaid].slice(10, 20));
  });

  it('combines the filters: charge type, tag key and value, and the named instances', async () => {
    const team = await list({
      RegionId: 'cn-hangzhou',
      InstanceChargeType: 'PrePaid',
      Tag: [{ Key: 'team', Value: 'data' }],
      MaxResults: 100,
    });
    const anyTeam = await list({ RegionId: 'cn-hangzhou', Tag: [{ Key: 'team' }], MaxResults: 100 });
    const named = await list({
      RegionId: 'cn-hangzhou',
      InstanceIds: [made.postpaid[1], made.shanghai[0], 'i-missing'],
    });
    expect([idsOf(team), idsOf(anyTeam).length, idsOf(named)]).toEqual([made.team, 15, [made.postpaid[1]]]);
    expect(team.Instances.Instance[0]?.Tags).toEqual({ Tag: [{ TagKey: 'team', TagValue: 'data' }] });
    const [stopped, running] = await Promise.all(
      ['Stopped', 'Running'].map((Status) => list({ RegionId: 'cn-hangzhou', Status, MaxResults: 100 })),
    );
    expect([idsOf(stopped!).length, idsOf(running!)]).toEqual([26, []]);
  });

  it('answers a region with no instances, and an empty InstanceIds, with an empty page', async () => {
    const empty = { Instances: { Instance: [] }, TotalCount: 0 };
    expect(await list({ RegionId: 'ap-southeast-1', MaxResults: 10 })).toMatchObject({ ...empty, NextToken: '' });
    expect(await list({ RegionId: 'ap-southeast-1' })).toMatchObject({ ...empty, PageNumber: 1, PageSize: 10 });
    expect(await list({ RegionId: 'cn-hangzhou', InstanceIds: [] })).toMatchObject(empty);
  });

  it.each([
    ['a NextToken it did not give', 'InvalidParameter.NextToken', 400, { NextToken: 'not-a-token' }],
    ['an unknown charge type', 'InvalidInstanceChargeType.NotFound', 404, { InstanceChargeType: 'Monthly' }],
    ['an unknown status', 'InvalidStatus.NotFound', 404, { Status: 'Sleeping' }],
    ['a tag value without its key', 'InvalidTag.Mismatch', 400, { 'Tag.1.Value': 'data' }],
    ['a 21st tag', 'InvalidTagCount', 400, { 'Tag.21.Key': 'team' }],
  ])('refuses %s with %s (%d)', async (_, code, httpStatus, params) => {
    expect(await failureOf(list({ RegionId: 'cn-hangzhou', ...params }))).toMatchObject({ code, httpStatus });
  });
});
