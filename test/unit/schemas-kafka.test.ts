/**
 * The Kafka request schemas against the CreatePostPayOrder document and the StartInstance facts
 * (README and the official SDK model): every rule with a passing and a failing case, each failure
 * pinned to the exact parameter path the API uses.
 */
import { CreatePostPayOrderSchema, KafkaStartInstanceSchema } from '../../src/schemas/kafka';
import { validateRequest } from '../../src/schemas/common';
import { expectIssues, valid, type Case, type Input } from '../helpers/schemas';

const chars = (count: number, char = 'a') => char.repeat(count);

describe('alikafka:CreatePostPayOrder', () => {
  /** A reserved (PaidType 1) instance reached only from a VPC, with the least the document asks. */
  const reserved: Input = {
    RegionId: 'cn-hangzhou',
    DeployType: 5,
    IoMaxSpec: 'alikafka.hw.2xlarge',
    PartitionNum: 50,
  };
  /** A serverless instance (PaidType 3, the only serverless SpecType being normal). */
  const serverless: Input = {
    RegionId: 'cn-hangzhou',
    DeployType: 5,
    PaidType: 3,
    SpecType: 'normal',
    ServerlessConfig: { ReservedPublishCapacity: 60, ReservedSubscribeCapacity: 50 },
  };
  const withTags = (...tags: Input[]): Input => ({ ...reserved, Tag: tags });

  it('accepts the example value of every parameter of the document, together', () => {
    const examples: Input = {
      RegionId: 'cn-hangzhou',
      DiskType: '0',
      DiskSize: 500,
      DeployType: 5,
      EipMax: 0,
      IoMax: 20,
      PartitionNum: 50,
      TopicQuota: 50,
      PaidType: 1,
      SpecType: 'normal',
      IoMaxSpec: 'alikafka.hw.2xlarge',
      ResourceGroupId: 'rg-ac***********7q',
      Tag: [{ Key: 'FinanceDept', Value: 'FinanceJoshua' }],
      ServerlessConfig: { ReservedPublishCapacity: 60, ReservedSubscribeCapacity: 50 },
    };
    expect(validateRequest(CreatePostPayOrderSchema, examples)).toEqual({ ok: true, value: examples });
  });

  const cases: Case[] = [
    // RegionId: required
    ['RegionId given', reserved, valid],
    ['RegionId missing', { ...reserved, RegionId: undefined }, [['RegionId', 'is required']]],
    ['RegionId empty', { ...reserved, RegionId: '' }, [['RegionId', 'must not be empty']]],
    ['RegionId not text', { ...reserved, RegionId: 7 }, [['RegionId', 'must be a string']]],

    // DeployType: required, 4 or 5
    ['DeployType 5', { ...reserved, DeployType: 5 }, valid],
    ['DeployType 4 with EipMax', { ...reserved, DeployType: 4, EipMax: 1 }, valid],
    ['DeployType missing', { ...reserved, DeployType: undefined }, [['DeployType', 'is required']]],
    ['DeployType 3', { ...reserved, DeployType: 3 }, [['DeployType', 'must be one of 4, 5']]],
    ['DeployType not a number', { ...reserved, DeployType: 'vpc' }, [['DeployType', 'must be one of 4, 5']]],

    // EipMax: an integer, required with DeployType 4 unless serverless
    ['EipMax 0 with DeployType 4', { ...reserved, DeployType: 4, EipMax: 0 }, valid],
    ['EipMax with DeployType 5', { ...reserved, EipMax: 10 }, valid],
    ['EipMax left out with DeployType 4', { ...reserved, DeployType: 4 }, [['EipMax', 'DeployType is 4']]],
    ['EipMax left out with DeployType 4, serverless', { ...serverless, DeployType: 4 }, valid],
    ['EipMax not an integer', { ...reserved, EipMax: 1.5 }, [['EipMax', 'must be an integer']]],

    // IoMax / IoMaxSpec: at least one unless serverless
    ['only IoMaxSpec', reserved, valid],
    ['only IoMax', { ...reserved, IoMaxSpec: undefined, IoMax: 20 }, valid],
    ['both IoMax and IoMaxSpec', { ...reserved, IoMax: 20 }, valid],
    ['neither IoMax nor IoMaxSpec', { ...reserved, IoMaxSpec: undefined }, [['IoMaxSpec', 'or IoMax']]],
    ['IoMaxSpec empty counts as left out', { ...reserved, IoMaxSpec: '' }, [['IoMaxSpec', 'or IoMax']]],
    ['neither, serverless', serverless, valid],
    ['IoMax not an integer', { ...reserved, IoMax: 'twenty' }, [['IoMax', 'must be an integer']]],
    ['IoMaxSpec not text', { ...reserved, IoMaxSpec: 20 }, [['IoMaxSpec', 'must be a string']]],

    // PartitionNum / TopicQuota: at least one unless serverless
    ['only PartitionNum', reserved, valid],
    ['only TopicQuota', { ...reserved, PartitionNum: undefined, TopicQuota: 50 }, valid],
    ['both PartitionNum and TopicQuota', { ...reserved, TopicQuota: 50 }, valid],
    [
      'neither PartitionNum nor TopicQuota',
      { ...reserved, PartitionNum: undefined },
      [['PartitionNum', 'or TopicQuota']],
    ],
    ['PartitionNum not an integer', { ...reserved, PartitionNum: 5.5 }, [['PartitionNum', 'must be an integer']]],
    ['TopicQuota not an integer', { ...reserved, TopicQuota: '5x' }, [['TopicQuota', 'must be an integer']]],

    // PaidType: 1 or 3
    ['PaidType 1', { ...reserved, PaidType: 1 }, valid],
    ['PaidType 2', { ...reserved, PaidType: 2 }, [['PaidType', 'must be one of 1, 3']]],

    // SpecType: values by PaidType
    [
      'SpecType professionalForHighRead, PaidType 1',
      { ...reserved, PaidType: 1, SpecType: 'professionalForHighRead' },
      valid,
    ],
    ['SpecType professional, PaidType left out', { ...reserved, SpecType: 'professional' }, valid],
    ['SpecType unknown', { ...reserved, SpecType: 'basic' }, [['SpecType', 'must be one of normal, professional']]],
    ['SpecType normal, PaidType 3', serverless, valid],
    ['SpecType unknown, PaidType 3', { ...serverless, SpecType: 'basic' }, [['SpecType', 'must be one of normal']]],
    [
      'SpecType professional, PaidType 3',
      { ...serverless, SpecType: 'professional' },
      [['SpecType', 'must be normal when PaidType is 3']],
    ],

    // DiskType: 0 or 1; DiskSize: an integer
    ['DiskType 1', { ...reserved, DiskType: '1' }, valid],
    ['DiskType as a bare number', { ...reserved, DiskType: 0 }, valid],
    ['DiskType 2', { ...reserved, DiskType: '2' }, [['DiskType', 'must be one of 0, 1']]],
    ['DiskSize 500', { ...reserved, DiskSize: 500 }, valid],
    ['DiskSize not an integer', { ...reserved, DiskSize: 500.5 }, [['DiskSize', 'must be an integer']]],

    // ServerlessConfig: required fields when serverless, minimums 60 and 20
    [
      'ServerlessConfig at the minimums',
      { ...serverless, ServerlessConfig: { ReservedPublishCapacity: 60, ReservedSubscribeCapacity: 20 } },
      valid,
    ],
    [
      'ServerlessConfig as JSON text',
      { ...serverless, ServerlessConfig: '{"ReservedPublishCapacity":80,"ReservedSubscribeCapacity":"40"}' },
      valid,
    ],
    [
      'ServerlessConfig dotted',
      {
        ...serverless,
        ServerlessConfig: undefined,
        'ServerlessConfig.ReservedPublishCapacity': 60,
        'ServerlessConfig.ReservedSubscribeCapacity': 20,
      },
      valid,
    ],
    [
      'ServerlessConfig left out, serverless',
      { ...serverless, ServerlessConfig: undefined },
      [['ServerlessConfig', 'is required when PaidType is 3']],
    ],
    [
      'ServerlessConfig without ReservedSubscribeCapacity, serverless',
      { ...serverless, ServerlessConfig: { ReservedPublishCapacity: 60 } },
      [['ServerlessConfig.ReservedSubscribeCapacity', 'is required when PaidType is 3']],
    ],
    [
      'ReservedPublishCapacity below 60',
      { ...serverless, ServerlessConfig: { ReservedPublishCapacity: 59, ReservedSubscribeCapacity: 20 } },
      [['ServerlessConfig.ReservedPublishCapacity', 'at least 60']],
    ],
    [
      'ReservedSubscribeCapacity below 20',
      { ...serverless, ServerlessConfig: { ReservedPublishCapacity: 60, ReservedSubscribeCapacity: 19 } },
      [['ServerlessConfig.ReservedSubscribeCapacity', 'at least 20']],
    ],
    [
      'ReservedPublishCapacity not an integer',
      { ...serverless, ServerlessConfig: { ReservedPublishCapacity: 60.5, ReservedSubscribeCapacity: 20 } },
      [['ServerlessConfig.ReservedPublishCapacity', 'must be an integer']],
    ],
    [
      'ServerlessConfig with an unknown field',
      {
        ...serverless,
        ServerlessConfig: { ReservedPublishCapacity: 60, ReservedSubscribeCapacity: 20, Elastic: true },
      },
      [['ServerlessConfig', 'Elastic']],
    ],
    [
      'ServerlessConfig not JSON',
      { ...serverless, ServerlessConfig: '{60, 20}' },
      [['ServerlessConfig', 'must be an object']],
    ],

    // ResourceGroupId: text, empty meaning the default group
    ['ResourceGroupId given', { ...reserved, ResourceGroupId: 'rg-acfm2xxxxxxxx7q' }, valid],
    ['ResourceGroupId empty', { ...reserved, ResourceGroupId: '' }, valid],
    ['ResourceGroupId not text', { ...reserved, ResourceGroupId: 1 }, [['ResourceGroupId', 'must be a string']]],

    // Tag.N: N up to 20, key up to 128 characters, value 1 to 128, no value without a key
    ['20 tags', withTags(...Array.from({ length: 20 }, (_, index) => ({ Key: `k${index}` }))), valid],
    [
      '21 tags',
      withTags(...Array.from({ length: 21 }, (_, index) => ({ Key: `k${index}` }))),
      [['Tag.21', 'at most 20']],
    ],
    ['key of 128 characters', withTags({ Key: chars(128) }), valid],
    ['key of 129 characters', withTags({ Key: chars(129) }), [['Tag.1.Key', 'at most 128']]],
    ['key empty', withTags({ Key: '' }), [['Tag.1.Key', 'must not be empty']]],
    ['key starting with acs:', withTags({ Key: 'acs:team' }), [['Tag.1.Key', 'must not start with']]],
    ['key starting with aliyun', withTags({ Key: 'aliyunTeam' }), [['Tag.1.Key', 'must not start with']]],
    ['key containing https://', withTags({ Key: 'see https://x' }), [['Tag.1.Key', 'http://']]],
    ['value of 1 and of 128 characters', withTags({ Key: 'a', Value: 'v' }, { Key: 'b', Value: chars(128) }), valid],
    ['value empty', withTags({ Key: 'a', Value: '' }), [['Tag.1.Value', 'must not be empty']]],
    ['value of 129 characters', withTags({ Key: 'a', Value: chars(129) }), [['Tag.1.Value', 'at most 128']]],
    ['value starting with aliyun', withTags({ Key: 'a', Value: 'aliyun-x' }), [['Tag.1.Value', 'must not start with']]],
    ['value containing http://', withTags({ Key: 'a', Value: 'http://x' }), [['Tag.1.Value', 'http://']]],
    ['value without a key', withTags({ Value: 'FinanceJoshua' }), [['Tag.1.Key', 'is required']]],
    ['the same key twice', withTags({ Key: 'a' }, { Key: 'a' }), [['Tag.2.Key', 'repeats']]],
    [
      'third tag wrong, dotted',
      { ...reserved, 'Tag.1.Key': 'a', 'Tag.2.Key': 'b', 'Tag.3.Key': 'acs:c' },
      [['Tag.3.Key', 'must not start with']],
    ],
    ['a misspelt tag member', { ...reserved, 'Tag.1.Key': 'a', 'Tag.1.Vaule': 'b' }, [['Tag.1', 'Vaule']]],

    // Parameters the action does not have
    ['an unknown parameter', { ...reserved, InstanceName: 'x' }, [['', 'InstanceName']]],
    ['ClientToken (the action has none)', { ...reserved, ClientToken: 'abc' }, [['', 'ClientToken']]],
  ];

  it.each(cases)('%s', (_title, input, expected) => expectIssues(CreatePostPayOrderSchema, input, expected));

  it('accepts the wire form, where every value is a string, and yields JSON types', () => {
    const wire = {
      RegionId: 'cn-hangzhou',
      DeployType: '4',
      EipMax: '0',
      IoMax: '20',
      PartitionNum: '50',
      PaidType: '1',
      DiskType: '1',
      DiskSize: '500',
      'Tag.1.Key': 'FinanceDept',
      'Tag.1.Value': 'FinanceJoshua',
      ServerlessConfig: '{"ReservedPublishCapacity":60,"ReservedSubscribeCapacity":20}',
    };
    expect(validateRequest(CreatePostPayOrderSchema, wire)).toEqual({
      ok: true,
      value: {
        RegionId: 'cn-hangzhou',
        DeployType: 4,
        EipMax: 0,
        IoMax: 20,
        PartitionNum: 50,
        PaidType: 1,
        DiskType: '1',
        DiskSize: 500,
        Tag: [{ Key: 'FinanceDept', Value: 'FinanceJoshua' }],
        ServerlessConfig: { ReservedPublishCapacity: 60, ReservedSubscribeCapacity: 20 },
      },
    });
  });

  it('accepts a serverless order in the wire form', () => {
    const wire = {
      RegionId: 'cn-hangzhou',
      DeployType: '5',
      PaidType: '3',
      SpecType: 'normal',
      ServerlessConfig: '{"ReservedPublishCapacity":"60","ReservedSubscribeCapacity":"20"}',
    };
    expect(validateRequest(CreatePostPayOrderSchema, wire)).toMatchObject({ ok: true, value: { PaidType: 3 } });
  });

  it('gives the same answer for dotted and nested tags', () => {
    const nested = validateRequest(CreatePostPayOrderSchema, {
      ...reserved,
      Tag: [{ Key: 'FinanceDept', Value: 'FinanceJoshua' }, { Key: 'acs:x' }, { Value: 'v' }],
    });
    const dotted = validateRequest(CreatePostPayOrderSchema, {
      ...reserved,
      'Tag.1.Key': 'FinanceDept',
      'Tag.1.Value': 'FinanceJoshua',
      'Tag.2.Key': 'acs:x',
      'Tag.3.Value': 'v',
    });
    expect(dotted).toEqual(nested);
    expect(nested.ok ? [] : nested.issues.map((issue) => issue.path)).toEqual(['Tag.2.Key', 'Tag.3.Key']);

    const valid = [{ Key: 'FinanceDept', Value: 'FinanceJoshua' }, { Key: 'Owner' }];
    expect(
      validateRequest(CreatePostPayOrderSchema, {
        ...reserved,
        'Tag.1.Key': 'FinanceDept',
        'Tag.1.Value': 'FinanceJoshua',
        'Tag.2.Key': 'Owner',
      }),
    ).toEqual(validateRequest(CreatePostPayOrderSchema, { ...reserved, Tag: valid }));
  });

  it('reports every issue of a request at once', () => {
    const result = validateRequest(CreatePostPayOrderSchema, {
      DeployType: '4',
      PaidType: 1,
      SpecType: 'premium',
      DiskType: '9',
      'Tag.1.Key': 'acs:team',
      'Tag.2.Value': chars(129),
      Colour: 'blue',
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      'RegionId',
      'SpecType',
      'DiskType',
      'Tag.1.Key',
      'Tag.2.Key',
      'Tag.2.Value',
      '',
      'EipMax',
      'IoMaxSpec',
      'PartitionNum',
    ]);
  });

  it('reports the serverless rules alongside field issues', () => {
    const result = validateRequest(CreatePostPayOrderSchema, {
      RegionId: 'cn-hangzhou',
      DeployType: 6,
      PaidType: '3',
      SpecType: 'professionalForHighRead',
      ServerlessConfig: '{"ReservedPublishCapacity":10}',
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      'DeployType',
      'ServerlessConfig.ReservedPublishCapacity',
      'SpecType',
      'ServerlessConfig.ReservedSubscribeCapacity',
    ]);
  });
});

describe('alikafka:StartInstance', () => {
  const base: Input = {
    InstanceId: 'alikafka_post-cn-v0h1fgs2****',
    RegionId: 'cn-hangzhou',
    VpcId: 'vpc-bp1r4eg3yrxmygv****',
    VSwitchId: 'vsw-bp1j3sg5979fstnpl****',
    ZoneId: 'cn-hangzhou-k',
    DeployModule: 'vpc',
  };
  const eip: Input = { ...base, DeployModule: 'eip' };

  it('accepts the example value of every parameter (official SDK model), together', () => {
    // The SDK's examples pair DeployModule vpc with a username and password, which its own notes
    // allow only on Internet/VPC instances: they go with eip here.
    const examples: Input = {
      Config: '{"kafka.log.retention.hours":"33"}',
      CrossZone: false,
      DeployModule: 'eip',
      InstanceId: 'alikafka_post-cn-v0h1fgs2****',
      IsEipInner: true,
      IsForceSelectedZones: false,
      IsSetUserAndPassword: false,
      KMSKeyId: '0d24xxxx-da7b-4786-b981-9a164dxxxxxx',
      Name: 'newInstanceName',
      Notifier: 'Mr. Wang',
      Password: 'password',
      RegionId: 'cn-hangzhou',
      SecurityGroup: 'sg-bp13wfx7kz9pko****',
      SelectedZones: '[["zonel"],["zonek"]]',
      ServiceVersion: '2.2.0',
      UserPhoneNum: '1581234****',
      Username: 'username',
      VSwitchId: 'vsw-bp1j3sg5979fstnpl****',
      VSwitchIds: ['vsw-bp1j3sg5979fstnpl****'],
      VpcId: 'vpc-bp1r4eg3yrxmygv****',
      ZoneId: 'cn-hangzhou-k',
    };
    expect(validateRequest(KafkaStartInstanceSchema, examples)).toEqual({ ok: true, value: examples });
  });

  const cases: Case[] = [
    // Required: InstanceId, RegionId, VpcId, ZoneId, DeployModule
    ['everything required', base, valid],
    ['InstanceId missing', { ...base, InstanceId: undefined }, [['InstanceId', 'is required']]],
    ['InstanceId empty', { ...base, InstanceId: '' }, [['InstanceId', 'must not be empty']]],
    ['RegionId missing', { ...base, RegionId: undefined }, [['RegionId', 'is required']]],
    ['VpcId missing', { ...base, VpcId: undefined }, [['VpcId', 'is required']]],
    ['ZoneId missing', { ...base, ZoneId: undefined }, [['ZoneId', 'is required']]],
    ['DeployModule missing', { ...base, DeployModule: undefined }, [['DeployModule', 'is required']]],

    // VSwitchId or VSwitchIds
    ['only VSwitchIds', { ...base, VSwitchId: undefined, VSwitchIds: ['vsw-a', 'vsw-b'] }, valid],
    ['only VSwitchIds, dotted', { ...base, VSwitchId: undefined, 'VSwitchIds.1': 'vsw-a' }, valid],
    ['both VSwitchId and VSwitchIds', { ...base, VSwitchIds: ['vsw-a'] }, valid],
    ['neither VSwitchId nor VSwitchIds', { ...base, VSwitchId: undefined }, [['VSwitchId', 'or VSwitchIds']]],
    ['VSwitchIds empty', { ...base, VSwitchId: undefined, VSwitchIds: [] }, [['VSwitchId', 'or VSwitchIds']]],
    ['a VSwitchIds entry empty', { ...base, VSwitchIds: ['vsw-a', ''] }, [['VSwitchIds.2', 'must not be empty']]],

    // ZoneId: zoneX or RegionId-X
    ['ZoneId zonek', { ...base, ZoneId: 'zonek' }, valid],
    ['ZoneId a bare letter', { ...base, ZoneId: 'k' }, [['ZoneId', 'zone code']]],

    // DeployModule: vpc or eip
    ['DeployModule eip', eip, valid],
    ['DeployModule internet', { ...base, DeployModule: 'internet' }, [['DeployModule', 'must be one of vpc, eip']]],

    // IsEipInner agrees with DeployModule
    ['IsEipInner false with vpc', { ...base, IsEipInner: false }, valid],
    ['IsEipInner "true" with eip', { ...eip, IsEipInner: 'true' }, valid],
    [
      'IsEipInner true with vpc',
      { ...base, IsEipInner: true },
      [['IsEipInner', 'must be false when DeployModule is vpc']],
    ],
    [
      'IsEipInner "false" with eip',
      { ...eip, IsEipInner: 'false' },
      [['IsEipInner', 'must be true when DeployModule is eip']],
    ],
    ['IsEipInner not a boolean', { ...base, IsEipInner: 'no' }, [['IsEipInner', 'must be true or false']]],

    // Username / Password / IsSetUserAndPassword: Internet/VPC (eip) instances only
    [
      'credentials with eip',
      { ...eip, IsSetUserAndPassword: 'true', Username: 'admin', Password: 'Secret#2024' },
      valid,
    ],
    ['IsSetUserAndPassword false with vpc', { ...base, IsSetUserAndPassword: false }, valid],
    [
      'IsSetUserAndPassword true with vpc',
      { ...base, IsSetUserAndPassword: true },
      [['IsSetUserAndPassword', 'only when DeployModule is eip']],
    ],
    ['Username with vpc', { ...base, Username: 'admin' }, [['Username', 'only when DeployModule is eip']]],
    ['Password with vpc', { ...base, Password: 'Secret#2024' }, [['Password', 'only when DeployModule is eip']]],
    [
      'IsSetUserAndPassword not a boolean',
      { ...eip, IsSetUserAndPassword: 1 },
      [['IsSetUserAndPassword', 'must be true or false']],
    ],

    // Zones: CrossZone, SelectedZones (JSON text of two lists), IsForceSelectedZones
    ['CrossZone "false"', { ...base, CrossZone: 'false' }, valid],
    ['CrossZone not a boolean', { ...base, CrossZone: 'yes' }, [['CrossZone', 'must be true or false']]],
    ['SelectedZones across zones', { ...base, SelectedZones: '[["zoneh","zonef"],["zonek"]]' }, valid],
    ['SelectedZones one zone, standard codes', { ...base, SelectedZones: '[["cn-hangzhou-k"],[]]' }, valid],
    ['SelectedZones with one list', { ...base, SelectedZones: '[["zonek"]]' }, [['SelectedZones', 'two zone lists']]],
    [
      'SelectedZones with no primary zone',
      { ...base, SelectedZones: '[[],["zonek"]]' },
      [['SelectedZones', 'primary zone']],
    ],
    ['SelectedZones with a bad zone', { ...base, SelectedZones: '[["k"],[]]' }, [['SelectedZones', 'not a zone code']]],
    ['SelectedZones not JSON', { ...base, SelectedZones: 'zonek' }, [['SelectedZones', 'valid JSON']]],
    ['SelectedZones not text', { ...base, SelectedZones: [['zonek'], []] }, [['SelectedZones', 'must be a string']]],
    ['IsForceSelectedZones "true"', { ...base, IsForceSelectedZones: 'true' }, valid],
    [
      'IsForceSelectedZones not a boolean',
      { ...base, IsForceSelectedZones: 1 },
      [['IsForceSelectedZones', 'true or false']],
    ],

    // ServiceVersion and Config
    ['ServiceVersion 2.6.2', { ...base, ServiceVersion: '2.6.2' }, valid],
    ['ServiceVersion 2.3.0', { ...base, ServiceVersion: '2.3.0' }, [['ServiceVersion', 'must be one of 2.2.0']]],
    ['Config with serverless settings', { ...base, Config: '{"enable.acl":"true","num.partitions":3}' }, valid],
    ['Config with an unsupported setting', { ...base, Config: '{"retention":"1d"}' }, [['Config', 'retention']]],
    ['Config not an object', { ...base, Config: '["enable.acl"]' }, [['Config', 'object of settings']]],
    ['Config with a nested value', { ...base, Config: '{"enable.acl":{"on":true}}' }, [['Config', 'enable.acl']]],
    ['Config not JSON', { ...base, Config: 'enable.acl=true' }, [['Config', 'valid JSON']]],

    // Plain text parameters
    [
      'Name, SecurityGroup, KMSKeyId, Notifier, UserPhoneNum as text',
      { ...base, Name: 'n', SecurityGroup: 'sg-1', KMSKeyId: 'k', Notifier: 'w', UserPhoneNum: '1' },
      valid,
    ],
    ['Name not text', { ...base, Name: 5 }, [['Name', 'must be a string']]],

    // Parameters the action does not have
    ['an unknown parameter', { ...base, DeployType: 4 }, [['', 'DeployType']]],
  ];

  it.each(cases)('%s', (_title, input, expected) => expectIssues(KafkaStartInstanceSchema, input, expected));

  it('accepts the wire form, where booleans and lists arrive as strings', () => {
    const wire = {
      ...eip,
      VSwitchId: undefined,
      'VSwitchIds.1': 'vsw-a',
      'VSwitchIds.2': 'vsw-b',
      IsEipInner: 'true',
      CrossZone: 'true',
      IsSetUserAndPassword: 'false',
    };
    expect(validateRequest(KafkaStartInstanceSchema, wire)).toMatchObject({
      ok: true,
      value: { VSwitchIds: ['vsw-a', 'vsw-b'], IsEipInner: true, CrossZone: true, IsSetUserAndPassword: false },
    });
  });

  it('reads the Python SDKs’ True and False as booleans, and refuses TRUE, yes and 1 naming the parameter', () => {
    const read = (input: Input) => {
      const result = validateRequest(KafkaStartInstanceSchema, input);
      return result.ok ? result.value : result.issues;
    };

    expect(read({ ...eip, IsEipInner: 'True', CrossZone: 'False', IsSetUserAndPassword: 'True' })).toMatchObject({
      IsEipInner: true,
      CrossZone: false,
      IsSetUserAndPassword: true,
    });
    expect(read({ ...base, IsEipInner: 'False', CrossZone: 'True', IsSetUserAndPassword: 'False' })).toMatchObject({
      IsEipInner: false,
      CrossZone: true,
      IsSetUserAndPassword: false,
    });
    expect(read({ ...base, IsEipInner: 'TRUE', CrossZone: 'yes', IsForceSelectedZones: '1' })).toEqual([
      { path: 'IsEipInner', message: 'must be true or false' },
      { path: 'CrossZone', message: 'must be true or false' },
      { path: 'IsForceSelectedZones', message: 'must be true or false' },
    ]);
  });

  it('applies the DeployModule rules to True and False', () => {
    expectIssues(KafkaStartInstanceSchema, { ...base, IsEipInner: 'True', IsSetUserAndPassword: 'True' }, [
      ['IsEipInner', 'must be false when DeployModule is vpc'],
      ['IsSetUserAndPassword', 'may be true only when DeployModule is eip'],
    ]);
    expectIssues(KafkaStartInstanceSchema, { ...eip, IsEipInner: 'False' }, [
      ['IsEipInner', 'must be true when DeployModule is eip'],
    ]);
  });

  it('reports every issue of a request at once', () => {
    const result = validateRequest(KafkaStartInstanceSchema, {
      InstanceId: 'alikafka_post-cn-v0h1fgs2****',
      ZoneId: 'k',
      DeployModule: 'vpc',
      IsEipInner: true,
      Username: 'admin',
      SelectedZones: '[]',
      Colour: 'blue',
    });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      'RegionId',
      'VpcId',
      'ZoneId',
      'SelectedZones',
      '',
      'VSwitchId',
      'IsEipInner',
      'Username',
    ]);
  });
});
