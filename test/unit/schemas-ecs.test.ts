/**
 * The ECS request schemas against the documents they come from: the 2026 Traditional Chinese
 * edition of CreateInstance (which wins where the two differ), the older English edition, and the
 * neighbouring-action notes for StartInstance and RenewInstance. One valid and one invalid case per rule, each
 * asserting the exact path the issue is reported on.
 */
import { validateRequest, type ValidationIssue } from '../../src/schemas/common';
import { CreateInstanceSchema, EcsStartInstanceSchema, RenewInstanceSchema } from '../../src/schemas/ecs';

type Schema = Parameters<typeof validateRequest>[0];
/** `valid`, or the issues expected: each its path and a recognisable part of its message. */
type Expected = 'valid' | [path: string, message: string] | Array<[path: string, message: string]>;
type Row = [label: string, input: Record<string, unknown>, expected: Expected];

function issuesOf(schema: Schema, input: unknown): ValidationIssue[] {
  const result = validateRequest(schema, input);
  return result.ok ? [] : result.issues;
}

function pathsOf(schema: Schema, input: unknown): string[] {
  return issuesOf(schema, input)
    .map((issue) => issue.path)
    .sort();
}

function check(schema: Schema, input: Record<string, unknown>, expected: Expected): void {
  const issues = issuesOf(schema, input);
  if (expected === 'valid') {
    expect(issues).toEqual([]);
    return;
  }
  const list = typeof expected[0] === 'string' ? [expected as [string, string]] : (expected as [string, string][]);
  expect(issues).toHaveLength(list.length);
  expect(issues).toEqual(
    expect.arrayContaining(
      list.map(([path, message]) => ({ path, message: expect.stringContaining(message) as unknown })),
    ),
  );
}

/** The smallest valid CreateInstance request; rows add to it (a key set to undefined takes it out). */
const BASE = {
  RegionId: 'cn-hangzhou',
  InstanceType: 'ecs.g6.large',
  ImageId: 'ubuntu_18_04_64_20G_alibase_20190624.vhd',
};
const create = (patch: Record<string, unknown>) => ({ ...BASE, ...patch });

function tagsFrom(count: number, key = (n: number) => `key${n}`): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let n = 1; n <= count; n++) tags[`Tag.${n}.Key`] = key(n);
  return tags;
}

function dataDisks(count: number): Record<string, unknown> {
  const disks: Record<string, unknown> = {};
  for (let n = 1; n <= count; n++) disks[`DataDisk.${n}.Size`] = 40;
  return disks;
}

const base64OfBytes = (bytes: number) => Buffer.alloc(bytes, 'a').toString('base64');

// ---- the documents' own example values ----

/** Every parameter of the 2026 edition with its example value (樣本值), as the wire names them. */
const ZH_EXAMPLES: Record<string, unknown> = {
  RegionId: 'cn-hangzhou',
  ImageId: 'ubuntu_18_04_64_20G_alibase_20190624.vhd',
  ImageFamily: 'hangzhou-daily-update',
  InstanceType: 'ecs.g6.large',
  SecurityGroupId: 'sg-bp15ed6xe1yxeycg****',
  InstanceName: 'k8s-node-[1,4]-alibabacloud',
  InternetChargeType: 'PayByTraffic',
  AutoRenew: true,
  AutoRenewPeriod: 2,
  InternetMaxBandwidthIn: 50,
  InternetMaxBandwidthOut: 5,
  HostName: 'LocalHostName',
  Password: 'TestEcs123!',
  PasswordInherit: false,
  DeploymentSetId: 'ds-bp1brhwhoqinyjd6****',
  DeploymentSetGroupNo: 1,
  ZoneId: 'cn-hangzhou-g',
  ClusterId: 'c-bp67acfmxazb4p****',
  ClientToken: '123e4567-e89b-12d3-a456-426655440000',
  VlanId: '10',
  InnerIpAddress: '192.168.**.**',
  'SystemDisk.Size': 40,
  'SystemDisk.Category': 'cloud_ssd',
  'SystemDisk.DiskName': 'SystemDiskName',
  'SystemDisk.Description': 'TestDescription',
  'SystemDisk.PerformanceLevel': 'PL1',
  'SystemDisk.StorageClusterId': 'dbsc-j5e1sf2vaf5he8m2****',
  NodeControllerId: 'null',
  Description: 'InstanceTest',
  VSwitchId: 'vsw-bp1s5fnvk4gn2tws0****',
  PrivateIpAddress: '172.16.236.*',
  IoOptimized: 'optimized',
  UseAdditionalService: true,
  InstanceChargeType: 'PrePaid',
  Period: 1,
  PeriodUnit: 'Month',
  UserData: 'ZWNobyBoZWxsbyBlY3Mh',
  SpotStrategy: 'NoSpot',
  KeyPairName: 'KeyPairTestName',
  SpotPriceLimit: 0.98,
  SpotDuration: 1,
  SpotInterruptionBehavior: 'Terminate',
  RamRoleName: 'RAMTestName',
  SecurityEnhancementStrategy: 'Active',
  ResourceGroupId: 'rg-bp67acfmxazb4p****',
  HpcClusterId: 'hpc-bp67acfmxazb4p****',
  DryRun: false,
  DedicatedHostId: 'dh-bp67acfmxazb4p****',
  CreditSpecification: 'Standard',
  DeletionProtection: false,
  'HibernationOptions.Configured': false,
  Affinity: 'default',
  Tenancy: 'default',
  StorageSetId: 'ss-bp1j4i2jdf3owlhe****',
  StorageSetPartitionNumber: 2,
  HttpEndpoint: 'enabled',
  HttpTokens: 'optional',
  HttpPutResponseHopLimit: 0,
  'PrivatePoolOptions.MatchCriteria': 'Open',
  'PrivatePoolOptions.Id': 'eap-bp67acfmxazb4****',
  'DataDisk.1.PerformanceLevel': 'PL2',
  'DataDisk.1.Description': 'TestDescription',
  'DataDisk.1.SnapshotId': 's-bp17441ohwka0yuh****',
  'DataDisk.1.Size': 2000,
  'DataDisk.1.Device': '/dev/xvdb',
  'DataDisk.1.DiskName': 'DataDiskName',
  'DataDisk.1.Category': 'cloud_ssd',
  'DataDisk.1.DeleteWithInstance': true,
  'DataDisk.1.KMSKeyId': '0e478b7a-4262-4802-b8cb-00d****',
  'DataDisk.1.EncryptAlgorithm': 'null',
  'DataDisk.1.Encrypted': false,
  'DataDisk.1.StorageClusterId': 'dbsc-j5e1sf2vaf5he8m2****',
  'Arn.1.RoleType': 'Primary',
  'Arn.1.Rolearn': 'acs:ram::123456789012****:role/adminrole',
  'Arn.1.AssumeRoleFor': 1234567890,
  'Tag.1.key': 'Test',
  'Tag.1.Key': 'TestKey',
  'Tag.1.Value': 'TestValue',
  'Tag.1.value': 'Test',
};

/**
 * The same examples made consistent. Each change is a documented rule the examples break together:
 * the values were written one parameter at a time, not as one request.
 */
const ZH_EXAMPLES_CONSISTENT: Record<string, unknown> = {
  ...ZH_EXAMPLES,
  ImageFamily: undefined, // ImageId and ImageFamily: exactly one
  InstanceName: 'k8s-node-1-alibabacloud', // `[`, `,` and `]` are not in the documented character set
  InnerIpAddress: '192.168.1.10', // the examples mask their addresses
  PrivateIpAddress: '172.16.236.10',
  InternetMaxBandwidthIn: 10, // at most 10 while InternetMaxBandwidthOut (5) is 10 or less
  SpotPriceLimit: undefined, // only with SpotStrategy=SpotWithPriceLimit, which PrePaid rules out
  HttpPutResponseHopLimit: 1, // 1 to 64 per the error table; the example says 0
  DedicatedHostId: undefined, // PrivatePoolOptions.MatchCriteria=Open is not for dedicated hosts
  'SystemDisk.Category': 'cloud_essd', // a PerformanceLevel is for ESSDs
  'DataDisk.1.Category': 'cloud_essd',
  'DataDisk.1.Encrypted': true, // KMSKeyId and EncryptAlgorithm need Encrypted=true
  'Tag.1.key': undefined, // the lower-case spelling is the same parameter as Tag.1.Key: one per tag
  'Tag.1.value': undefined,
  'Tag.2.key': 'Test',
  'Tag.2.value': 'Test',
};

/** Every parameter of the older English edition with its example value. */
const EN_EXAMPLES: Record<string, unknown> = {
  ImageId: 'win2008r2_64_ent_sp1_en-us_40G_alibase_20170915.vhd',
  InstanceType: 'ecs.g5.large',
  RegionId: 'cn-hangzhou',
  Action: 'CreateInstance',
  SecurityGroupId: 'sg-bp15ed6xe1yxeycg7***',
  InstanceName: 'yk201812061032',
  AutoRenew: true,
  InternetChargeType: 'PayByTraffic',
  AutoRenewPeriod: 2,
  InternetMaxBandwidthIn: 200,
  InternetMaxBandwidthOut: 5,
  HostName: 'LocalHost',
  Password: 'EcsV587!',
  PasswordInherit: false,
  DeploymentSetId: 'ds-bp1brhwhoqinyjd6t***',
  ZoneId: 'cn-hangzhou-g',
  ClusterId: 'c-clusterid1',
  ClientToken: '123e4567-e89b-12d3-a456-426655440000',
  VlanId: '10',
  InnerIpAddress: '10.0.0.0',
  'SystemDisk.Size': 40,
  'SystemDisk.Category': 'cloud_ssd',
  'SystemDisk.DiskName': 'SystemDisk',
  'SystemDisk.Description': 'SystemDiskFinance',
  'DataDisk.1.Size': 2000,
  'DataDisk.1.SnapshotId': 's-bp17441ohwka0yuhx***',
  'DataDisk.1.Category': 'cloud_ssd',
  'DataDisk.1.DiskName': 'DataDisk',
  'DataDisk.1.Description': 'DataDiskFinance',
  'DataDisk.1.Device': '/dev/xvda',
  'DataDisk.1.DeleteWithInstance': true,
  'DataDisk.1.Encrypted': false,
  Description: 'InstanceFinance',
  VSwitchId: 'vsw-bp1s5fnvk4gn2tws03***',
  PrivateIpAddress: '172.16.236.14X',
  IoOptimized: 'optimized',
  UseAdditionalService: true,
  InstanceChargeType: 'PrePaid',
  Period: 1,
  PeriodUnit: 'Month',
  'Tag.1.Key': 'FinanceDept',
  'Tag.1.Value': 'FinanceDeptJoshua',
  UserData: 'ZWNobyBoZWxsbyBlY3Mh',
  SpotStrategy: 'NoSpot',
  KeyPairName: 'Instancetest',
  SpotPriceLimit: 0.98,
  SpotInterruptionBehavior: 'Terminate',
  RamRoleName: 'FinanceDept',
  SecurityEnhancementStrategy: 'Active',
  ResourceGroupId: 'rg-resourcegroupid',
  HpcClusterId: 'hpc-hpcclusterid',
  DryRun: false,
  DedicatedHostId: 'dh-dedicatedhost1',
  CreditSpecification: 'Standard',
  DeletionProtection: false,
  'SystemDisk.PerformanceLevel': 'PL1',
  'DataDisk.1.PerformanceLevel': 'PL2',
  Affinity: 'default',
  Tenancy: 'default',
};

describe('ecs:CreateInstance: the documents’ example values', () => {
  it('all of the 2026 edition’s examples in one request break only the rules that tie them together', () => {
    expect(pathsOf(CreateInstanceSchema, ZH_EXAMPLES)).toEqual(
      [
        'InstanceName', // k8s-node-[1,4]-alibabacloud: brackets and comma are not allowed
        'InnerIpAddress', // 192.168.**.** is masked
        'PrivateIpAddress', // 172.16.236.* is masked
        'HttpPutResponseHopLimit', // 0, while the error table gives 1 to 64
        'Tag.1.key', // given with Tag.1.Key
        'Tag.1.value', // given with Tag.1.Value
        'ImageFamily', // given with ImageId
        'InternetMaxBandwidthIn', // 50 while InternetMaxBandwidthOut is 5
        'SpotPriceLimit', // SpotStrategy is NoSpot
        'PrivatePoolOptions.MatchCriteria', // Open, with DedicatedHostId
        'SystemDisk.PerformanceLevel', // SystemDisk.Category is cloud_ssd
        'DataDisk.1.PerformanceLevel', // DataDisk.1.Category is cloud_ssd
        'DataDisk.1.Encrypted', // false with KMSKeyId
        'DataDisk.1.Encrypted', // false with EncryptAlgorithm
      ].sort(),
    );
  });

  it('made consistent, the 2026 edition’s examples are one valid request', () => {
    const result = validateRequest(CreateInstanceSchema, ZH_EXAMPLES_CONSISTENT);
    expect(result).toEqual({ ok: true, value: expect.any(Object) as unknown });
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      SystemDisk: { Size: 40, Category: 'cloud_essd', StorageClusterId: 'dbsc-j5e1sf2vaf5he8m2****' },
      DataDisk: [{ Size: 2000, PerformanceLevel: 'PL2', Encrypted: true }],
      PrivatePoolOptions: { MatchCriteria: 'Open', Id: 'eap-bp67acfmxazb4****' },
      HibernationOptions: { Configured: false },
      Arn: [{ RoleType: 'Primary', AssumeRoleFor: 1234567890 }],
      Tag: [
        { Key: 'TestKey', Value: 'TestValue' },
        { Key: 'Test', Value: 'Test' },
      ],
    });
  });

  it('the older edition’s examples, judged by the newer rules, break exactly where the editions differ', () => {
    expect(issuesOf(CreateInstanceSchema, EN_EXAMPLES)).toEqual([
      { path: 'PrivateIpAddress', message: expect.stringContaining('IPv4') as unknown }, // 172.16.236.14X is masked
      { path: 'InternetMaxBandwidthIn', message: expect.stringContaining('1 to 100') as unknown }, // older: 1 to 200
      { path: '', message: 'is not a parameter of this action: Action' }, // a common parameter; the newer table drops it
      { path: 'SpotPriceLimit', message: expect.stringContaining('SpotWithPriceLimit') as unknown },
      { path: 'SystemDisk.PerformanceLevel', message: expect.stringContaining('cloud_essd') as unknown },
      { path: 'DataDisk.1.PerformanceLevel', message: expect.stringContaining('cloud_essd') as unknown },
    ]);
  });

  it('the older edition’s sample request is valid', () => {
    check(
      CreateInstanceSchema,
      {
        RegionId: 'cn-hangzhou',
        ImageId: '_32_23c472_20120822172155_aliguest.vhd',
        SecurityGroupId: 'sg-bp15ed6xe1yxeycg7***',
        HostName: 'Bctest01',
        InstanceType: 'ecs.t1.small',
      },
      'valid',
    );
  });
});

// ---- one rule at a time ----

const A = 'a';
const rows: Record<string, Row[]> = {
  'required parameters and the image': [
    ['the smallest request', {}, 'valid'],
    ['RegionId missing', { RegionId: undefined }, ['RegionId', 'is required']],
    ['RegionId empty', { RegionId: '' }, ['RegionId', 'must not be empty']],
    ['InstanceType missing', { InstanceType: undefined }, ['InstanceType', 'is required']],
    ['ImageFamily instead of ImageId', { ImageId: undefined, ImageFamily: 'hangzhou-daily-update' }, 'valid'],
    ['neither ImageId nor ImageFamily', { ImageId: undefined }, ['ImageId', 'ImageFamily']],
    ['both ImageId and ImageFamily', { ImageFamily: 'hangzhou-daily-update' }, ['ImageFamily', 'ImageId']],
    ['a misspelt parameter', { Imageid: 'x' }, ['', 'is not a parameter of this action: Imageid']],
    ['a JSON number for a string', { SecurityGroupId: 123 }, ['SecurityGroupId', 'must be a string']],
  ],
  'InstanceName, Description': [
    ['InstanceName of letters, digits and : _ . -', { InstanceName: 'web.server_01:a-b' }, 'valid'],
    ['InstanceName in Chinese', { InstanceName: '測試執行個體1' }, 'valid'],
    ['InstanceName of 128', { InstanceName: A.repeat(128) }, 'valid'],
    ['InstanceName of 1', { InstanceName: A }, ['InstanceName', 'at least 2']],
    ['InstanceName of 129', { InstanceName: A.repeat(129) }, ['InstanceName', 'at most 128']],
    ['InstanceName starting with a digit', { InstanceName: '1web' }, ['InstanceName', 'start with a letter']],
    ['InstanceName with a space', { InstanceName: 'web server' }, ['InstanceName', 'only letters, digits']],
    ['InstanceName as a URL', { InstanceName: 'https://web' }, ['InstanceName', 'http://']],
    ['Description of 2', { Description: 'ab' }, 'valid'],
    ['Description of 256', { Description: A.repeat(256) }, 'valid'],
    ['Description of 1', { Description: A }, ['Description', 'at least 2']],
    ['Description of 257', { Description: A.repeat(257) }, ['Description', 'at most 256']],
    ['Description as a URL', { Description: 'http://example.com' }, ['Description', 'http://']],
  ],
  'HostName (Windows or Linux: what either allows)': [
    ['a Windows-style name', { HostName: 'web-01' }, 'valid'],
    ['a Linux name with segments and 64 characters', { HostName: `a.${A.repeat(62)}` }, 'valid'],
    ['only digits (Linux allows it)', { HostName: '12345' }, 'valid'],
    ['1 character', { HostName: 'a' }, ['HostName', 'at least 2']],
    ['65 characters', { HostName: A.repeat(65) }, ['HostName', 'at most 64']],
    ['an underscore', { HostName: 'web_01' }, ['HostName', 'only letters, digits, periods']],
    ['a leading hyphen', { HostName: '-web' }, ['HostName', 'start or end']],
    ['a trailing period', { HostName: 'web.' }, ['HostName', 'start or end']],
    ['two periods in a row', { HostName: 'web..local' }, ['HostName', 'in a row']],
    ['two hyphens in a row', { HostName: 'web--01' }, ['HostName', 'in a row']],
  ],
  'Password, PasswordInherit, KeyPairName': [
    ['three kinds: upper, lower, digit', { Password: 'Abcdefg1' }, 'valid'],
    ['three kinds: lower, digit, special', { Password: 'abcdefg1!' }, 'valid'],
    ['the documented specials (1)', { Password: 'A1()`~!@#$%^&*-_+' }, 'valid'],
    ['the documented specials (2)', { Password: "a1=|{}[]:;'<>,.?/" }, 'valid'],
    ['30 characters', { Password: `Aa1${A.repeat(27)}` }, 'valid'],
    ['7 characters', { Password: 'Abcde1!' }, ['Password', 'at least 8']],
    ['31 characters', { Password: `Aa1${A.repeat(28)}` }, ['Password', 'at most 30']],
    ['two kinds only', { Password: 'abcdefgh1' }, ['Password', 'three of']],
    ['a space', { Password: 'Abcdef 1' }, ['Password', 'may contain only']],
    ['a double quote', { Password: 'Abcdef"1' }, ['Password', 'may contain only']],
    ['PasswordInherit alone', { PasswordInherit: 'true' }, 'valid'],
    ['PasswordInherit false with a Password', { PasswordInherit: false, Password: 'TestEcs123!' }, 'valid'],
    [
      'PasswordInherit with a Password',
      { PasswordInherit: true, Password: 'TestEcs123!' },
      ['Password', 'PasswordInherit'],
    ],
    ['PasswordInherit not a boolean', { PasswordInherit: 'yes' }, ['PasswordInherit', 'true or false']],
    ['KeyPairName on an I/O optimized instance', { KeyPairName: 'kp', IoOptimized: 'optimized' }, 'valid'],
    ['KeyPairName with IoOptimized none', { KeyPairName: 'kp', IoOptimized: 'none' }, ['KeyPairName', 'I/O optimized']],
  ],
  'network and bandwidth': [
    ['PrivateIpAddress with VSwitchId', { PrivateIpAddress: '172.16.236.10', VSwitchId: 'vsw-1' }, 'valid'],
    ['PrivateIpAddress without VSwitchId', { PrivateIpAddress: '172.16.236.10' }, ['VSwitchId', 'PrivateIpAddress']],
    [
      'PrivateIpAddress not an address',
      { PrivateIpAddress: '172.16.236.*', VSwitchId: 'vsw-1' },
      ['PrivateIpAddress', 'IPv4'],
    ],
    ['InnerIpAddress', { InnerIpAddress: '10.0.0.1' }, 'valid'],
    ['InnerIpAddress not an address', { InnerIpAddress: '10.0.0' }, ['InnerIpAddress', 'IPv4']],
    ['IoOptimized none', { IoOptimized: 'none' }, 'valid'],
    ['IoOptimized unknown', { IoOptimized: 'yes' }, ['IoOptimized', 'none, optimized']],
    ['InternetChargeType PayByBandwidth', { InternetChargeType: 'PayByBandwidth' }, 'valid'],
    ['InternetChargeType unknown', { InternetChargeType: 'PayByHour' }, ['InternetChargeType', 'PayByTraffic']],
    ['InternetMaxBandwidthOut 0 and 100', { InternetMaxBandwidthOut: 100 }, 'valid'],
    ['InternetMaxBandwidthOut 101', { InternetMaxBandwidthOut: 101 }, ['InternetMaxBandwidthOut', '0 to 100']],
    ['InternetMaxBandwidthOut -1', { InternetMaxBandwidthOut: '-1' }, ['InternetMaxBandwidthOut', '0 to 100']],
    ['InternetMaxBandwidthIn 10 without Out', { InternetMaxBandwidthIn: 10 }, 'valid'],
    ['InternetMaxBandwidthIn 11 without Out', { InternetMaxBandwidthIn: 11 }, ['InternetMaxBandwidthIn', 'at most 10']],
    ['InternetMaxBandwidthIn 10 with Out 5', { InternetMaxBandwidthIn: 10, InternetMaxBandwidthOut: 5 }, 'valid'],
    [
      'InternetMaxBandwidthIn 50 with Out 5',
      { InternetMaxBandwidthIn: 50, InternetMaxBandwidthOut: 5 },
      ['InternetMaxBandwidthIn', 'at most 10'],
    ],
    ['InternetMaxBandwidthIn = Out above 10', { InternetMaxBandwidthIn: 50, InternetMaxBandwidthOut: 50 }, 'valid'],
    [
      'InternetMaxBandwidthIn above Out',
      { InternetMaxBandwidthIn: 60, InternetMaxBandwidthOut: 50 },
      ['InternetMaxBandwidthIn', 'InternetMaxBandwidthOut (50'],
    ],
    ['InternetMaxBandwidthIn 0', { InternetMaxBandwidthIn: 0 }, ['InternetMaxBandwidthIn', '1 to 100']],
  ],
  'system disk': [
    ['every category', { 'SystemDisk.Category': 'cloud_auto' }, 'valid'],
    [
      'ephemeral_ssd (older edition only)',
      { 'SystemDisk.Category': 'ephemeral_ssd' },
      ['SystemDisk.Category', 'cloud_efficiency'],
    ],
    ['Size 20', { 'SystemDisk.Size': 20 }, 'valid'],
    ['Size 2048 on an ESSD', { 'SystemDisk.Size': 2048, 'SystemDisk.Category': 'cloud_essd' }, 'valid'],
    ['Size 19', { 'SystemDisk.Size': 19 }, ['SystemDisk.Size', '20 to 2048']],
    ['Size 2049', { 'SystemDisk.Size': '2049' }, ['SystemDisk.Size', '20 to 2048']],
    ['Size 500 on a basic disk', { 'SystemDisk.Size': 500, 'SystemDisk.Category': 'cloud' }, 'valid'],
    [
      'Size 501 on a basic disk',
      { 'SystemDisk.Size': 501, 'SystemDisk.Category': 'cloud' },
      ['SystemDisk.Size', 'must be 20 to 500 GiB for cloud'],
    ],
    ['DiskName', { 'SystemDisk.DiskName': 'SystemDiskName' }, 'valid'],
    ['DiskName of 1', { 'SystemDisk.DiskName': 'S' }, ['SystemDisk.DiskName', 'at least 2']],
    ['Description as a URL', { 'SystemDisk.Description': 'https://x' }, ['SystemDisk.Description', 'http://']],
    [
      'PerformanceLevel on an ESSD',
      { 'SystemDisk.PerformanceLevel': 'PL0', 'SystemDisk.Category': 'cloud_essd' },
      'valid',
    ],
    [
      'PerformanceLevel PL4',
      { 'SystemDisk.PerformanceLevel': 'PL4', 'SystemDisk.Category': 'cloud_essd' },
      ['SystemDisk.PerformanceLevel', 'PL0, PL1, PL2, PL3'],
    ],
    [
      'PerformanceLevel on cloud_ssd',
      { 'SystemDisk.PerformanceLevel': 'PL1', 'SystemDisk.Category': 'cloud_ssd' },
      ['SystemDisk.PerformanceLevel', 'cloud_essd'],
    ],
    [
      'PerformanceLevel without Category',
      { 'SystemDisk.PerformanceLevel': 'PL1' },
      ['SystemDisk.PerformanceLevel', 'cloud_essd'],
    ],
    [
      'cloud_essd_entry on ecs.u1',
      { 'SystemDisk.Category': 'cloud_essd_entry', InstanceType: 'ecs.u1-c1m2.large' },
      'valid',
    ],
    [
      'cloud_essd_entry on ecs.e',
      { 'SystemDisk.Category': 'cloud_essd_entry', InstanceType: 'ecs.e-c1m2.large' },
      'valid',
    ],
    [
      'cloud_essd_entry on ecs.g6',
      { 'SystemDisk.Category': 'cloud_essd_entry' },
      ['SystemDisk.Category', 'ecs.u1 and ecs.e'],
    ],
    [
      'StorageClusterId with ZoneId and Size',
      { 'SystemDisk.StorageClusterId': 'dbsc-1', 'SystemDisk.Size': 40, ZoneId: 'cn-hangzhou-g' },
      'valid',
    ],
    [
      'StorageClusterId alone',
      { 'SystemDisk.StorageClusterId': 'dbsc-1' },
      [
        ['SystemDisk.Size', 'StorageClusterId'],
        ['ZoneId', 'StorageClusterId'],
      ],
    ],
    ['an unknown member', { 'SystemDisk.Sise': 40 }, ['SystemDisk', 'is not a parameter of this action: Sise']],
  ],
  'data disks (other than sizes)': [
    ['16 data disks', dataDisks(16), 'valid'],
    ['17 data disks', dataDisks(17), ['DataDisk.17', 'at most 16 data disks']],
    ['DataDisk.2 without DataDisk.1', { 'DataDisk.2.Size': 40 }, ['DataDisk.1', 'is required']],
    ['a new category', { 'DataDisk.1.Category': 'elastic_ephemeral_disk_premium' }, 'valid'],
    [
      'ephemeral_ssd (older edition only)',
      { 'DataDisk.1.Category': 'ephemeral_ssd' },
      ['DataDisk.1.Category', 'elastic_ephemeral_disk_standard'],
    ],
    [
      'cloud_essd_entry on ecs.g6',
      { 'DataDisk.1.Category': 'cloud_essd_entry' },
      ['DataDisk.1.Category', 'ecs.u1 and ecs.e'],
    ],
    [
      'PerformanceLevel on the ESSD of the same N',
      {
        'DataDisk.2.Category': 'cloud_essd',
        'DataDisk.2.PerformanceLevel': 'PL3',
        'DataDisk.2.Size': 2000,
        'DataDisk.1.Size': 40,
      },
      'valid',
    ],
    [
      'PerformanceLevel on cloud_ssd',
      { 'DataDisk.1.Category': 'cloud_ssd', 'DataDisk.1.PerformanceLevel': 'PL1' },
      ['DataDisk.1.PerformanceLevel', 'DataDisk.1.Category is cloud_essd'],
    ],
    ['KMSKeyId with Encrypted', { 'DataDisk.1.KMSKeyId': 'key', 'DataDisk.1.Encrypted': 'true' }, 'valid'],
    ['KMSKeyId without Encrypted', { 'DataDisk.1.KMSKeyId': 'key' }, ['DataDisk.1.Encrypted', 'KMSKeyId']],
    [
      'EncryptAlgorithm with Encrypted false',
      { 'DataDisk.1.EncryptAlgorithm': 'SM4', 'DataDisk.1.Encrypted': false },
      ['DataDisk.1.Encrypted', 'EncryptAlgorithm'],
    ],
    [
      'KMSKeyId with IoOptimized none',
      { 'DataDisk.1.KMSKeyId': 'key', 'DataDisk.1.Encrypted': true, IoOptimized: 'none' },
      ['DataDisk.1.KMSKeyId', 'I/O optimized'],
    ],
    [
      'StorageClusterId with ZoneId and Size',
      { 'DataDisk.1.StorageClusterId': 'dbsc-1', 'DataDisk.1.Size': 40, ZoneId: 'cn-hangzhou-g' },
      'valid',
    ],
    [
      'StorageClusterId alone',
      { 'DataDisk.1.StorageClusterId': 'dbsc-1' },
      [
        ['DataDisk.1.Size', 'StorageClusterId'],
        ['ZoneId', 'StorageClusterId'],
      ],
    ],
    [
      'DiskName, Description, Device, DeleteWithInstance, SnapshotId',
      {
        'DataDisk.1.DiskName': 'DataDiskName',
        'DataDisk.1.Description': 'TestDescription',
        'DataDisk.1.Device': '/dev/xvdb',
        'DataDisk.1.DeleteWithInstance': 'false',
        'DataDisk.1.SnapshotId': 's-1',
      },
      'valid',
    ],
    [
      'DiskName starting with a digit',
      { 'DataDisk.1.DiskName': '1disk' },
      ['DataDisk.1.DiskName', 'start with a letter'],
    ],
    ['Description of 1', { 'DataDisk.1.Description': 'x' }, ['DataDisk.1.Description', 'at least 2']],
    [
      'DeleteWithInstance not a boolean',
      { 'DataDisk.1.DeleteWithInstance': 'no' },
      ['DataDisk.1.DeleteWithInstance', 'true or false'],
    ],
    ['an unknown member', { 'DataDisk.1.Sise': 40 }, ['DataDisk.1', 'is not a parameter of this action: Sise']],
  ],
  'billing: subscription': [
    ['PrePaid for a month', { InstanceChargeType: 'PrePaid', Period: 1, PeriodUnit: 'Month' }, 'valid'],
    ['PrePaid for 12 months', { InstanceChargeType: 'PrePaid', Period: '12' }, 'valid'],
    ['PostPaid', { InstanceChargeType: 'PostPaid' }, 'valid'],
    ['InstanceChargeType unknown', { InstanceChargeType: 'Subscription' }, ['InstanceChargeType', 'PrePaid, PostPaid']],
    [
      'PrePaid without Period',
      { InstanceChargeType: 'PrePaid' },
      ['Period', 'is required when InstanceChargeType is PrePaid'],
    ],
    ['Period 4 (older edition only)', { InstanceChargeType: 'PrePaid', Period: 4 }, ['Period', '1, 2, 3, 6, 12']],
    ['Period 24 (older edition only)', { InstanceChargeType: 'PrePaid', Period: 24 }, ['Period', '1, 2, 3, 6, 12']],
    [
      'Period with PostPaid',
      { InstanceChargeType: 'PostPaid', Period: 1 },
      ['Period', 'only when InstanceChargeType is PrePaid'],
    ],
    ['Period with the default (PostPaid)', { Period: 1 }, ['Period', 'only when InstanceChargeType is PrePaid']],
    [
      'PeriodUnit Week (older edition only)',
      { InstanceChargeType: 'PrePaid', Period: 1, PeriodUnit: 'Week' },
      ['PeriodUnit', 'Month'],
    ],
    [
      'AutoRenew with a period',
      { InstanceChargeType: 'PrePaid', Period: 1, AutoRenew: true, AutoRenewPeriod: 12 },
      'valid',
    ],
    ['AutoRenew false on PostPaid', { AutoRenew: false }, 'valid'],
    [
      'AutoRenew without AutoRenewPeriod',
      { InstanceChargeType: 'PrePaid', Period: 1, AutoRenew: 'true' },
      ['AutoRenewPeriod', 'is required when AutoRenew is true'],
    ],
    ['AutoRenew on PostPaid', { AutoRenew: true, AutoRenewPeriod: 1 }, ['AutoRenew', 'PrePaid']],
    [
      'AutoRenewPeriod 5',
      { InstanceChargeType: 'PrePaid', Period: 1, AutoRenew: true, AutoRenewPeriod: 5 },
      ['AutoRenewPeriod', '1, 2, 3, 6, 12'],
    ],
  ],
  'billing: spot and release protection': [
    [
      'SpotWithPriceLimit with a price and a zone',
      { SpotStrategy: 'SpotWithPriceLimit', SpotPriceLimit: 0.98, ZoneId: 'cn-hangzhou-g' },
      'valid',
    ],
    [
      'a price with three decimals, as wire text',
      { SpotStrategy: 'SpotWithPriceLimit', SpotPriceLimit: '0.985', ZoneId: 'cn-hangzhou-g' },
      'valid',
    ],
    ['SpotAsPriceGo in a vSwitch', { SpotStrategy: 'SpotAsPriceGo', VSwitchId: 'vsw-1' }, 'valid'],
    ['SpotStrategy unknown', { SpotStrategy: 'Spot' }, ['SpotStrategy', 'NoSpot']],
    [
      'a spot instance on PrePaid',
      { SpotStrategy: 'SpotAsPriceGo', ZoneId: 'z', InstanceChargeType: 'PrePaid', Period: 1 },
      ['SpotStrategy', 'PrePaid'],
    ],
    ['NoSpot on PrePaid', { SpotStrategy: 'NoSpot', InstanceChargeType: 'PrePaid', Period: 1 }, 'valid'],
    ['a spot instance without zone or vSwitch', { SpotStrategy: 'SpotAsPriceGo' }, ['ZoneId', 'preemptible']],
    [
      'a price with four decimals',
      { SpotStrategy: 'SpotWithPriceLimit', SpotPriceLimit: 0.9999, ZoneId: 'z' },
      ['SpotPriceLimit', '3 decimal places'],
    ],
    [
      'a price of 0',
      { SpotStrategy: 'SpotWithPriceLimit', SpotPriceLimit: 0, ZoneId: 'z' },
      ['SpotPriceLimit', 'positive'],
    ],
    ['a price without SpotWithPriceLimit', { SpotPriceLimit: 0.98 }, ['SpotPriceLimit', 'SpotWithPriceLimit']],
    ['SpotDuration 0', { SpotDuration: '0' }, 'valid'],
    ['SpotDuration 2', { SpotDuration: 2 }, ['SpotDuration', '0, 1']],
    ['SpotInterruptionBehavior Terminate', { SpotInterruptionBehavior: 'Terminate' }, 'valid'],
    ['SpotInterruptionBehavior Stop', { SpotInterruptionBehavior: 'Stop' }, ['SpotInterruptionBehavior', 'Terminate']],
    ['DeletionProtection on PostPaid', { DeletionProtection: true }, 'valid'],
    [
      'DeletionProtection on PrePaid',
      { DeletionProtection: true, InstanceChargeType: 'PrePaid', Period: 1 },
      ['DeletionProtection', 'pay-as-you-go'],
    ],
    [
      'DeletionProtection on a spot instance',
      { DeletionProtection: 'true', SpotStrategy: 'SpotAsPriceGo', ZoneId: 'z' },
      ['DeletionProtection', 'preemptible'],
    ],
    ['DeletionProtection not a boolean', { DeletionProtection: 1 }, ['DeletionProtection', 'true or false']],
  ],
  'placement and private pools': [
    ['DeploymentSetGroupNo in a deployment set', { DeploymentSetId: 'ds-1', DeploymentSetGroupNo: 7 }, 'valid'],
    [
      'DeploymentSetGroupNo 8',
      { DeploymentSetId: 'ds-1', DeploymentSetGroupNo: 8 },
      ['DeploymentSetGroupNo', '1 to 7'],
    ],
    [
      'DeploymentSetGroupNo without DeploymentSetId',
      { DeploymentSetGroupNo: 1 },
      ['DeploymentSetGroupNo', 'DeploymentSetId'],
    ],
    ['StorageSetPartitionNumber 2', { StorageSetId: 'ss-1', StorageSetPartitionNumber: 2 }, 'valid'],
    [
      'StorageSetPartitionNumber 1',
      { StorageSetId: 'ss-1', StorageSetPartitionNumber: 1 },
      ['StorageSetPartitionNumber', 'at least 2'],
    ],
    ['Affinity and Tenancy host', { Affinity: 'host', Tenancy: 'host', DedicatedHostId: 'dh-1' }, 'valid'],
    ['Affinity unknown', { Affinity: 'sticky' }, ['Affinity', 'default, host']],
    ['Tenancy unknown', { Tenancy: 'dedicated' }, ['Tenancy', 'default, host']],
    ['Target with an Id', { 'PrivatePoolOptions.MatchCriteria': 'Target', 'PrivatePoolOptions.Id': 'eap-1' }, 'valid'],
    ['Target without an Id', { 'PrivatePoolOptions.MatchCriteria': 'Target' }, ['PrivatePoolOptions.Id', 'Target']],
    [
      'MatchCriteria unknown',
      { 'PrivatePoolOptions.MatchCriteria': 'Any' },
      ['PrivatePoolOptions.MatchCriteria', 'Open, Target, None'],
    ],
    [
      'None on a spot instance',
      { 'PrivatePoolOptions.MatchCriteria': 'None', SpotStrategy: 'SpotAsPriceGo', ZoneId: 'z' },
      'valid',
    ],
    [
      'Open on a spot instance',
      { 'PrivatePoolOptions.MatchCriteria': 'Open', SpotStrategy: 'SpotAsPriceGo', ZoneId: 'z' },
      ['PrivatePoolOptions.MatchCriteria', 'preemptible'],
    ],
    [
      'Open on a dedicated host',
      { 'PrivatePoolOptions.MatchCriteria': 'Open', DedicatedHostId: 'dh-1' },
      ['PrivatePoolOptions.MatchCriteria', 'dedicated host'],
    ],
    [
      'Target with Tenancy host',
      { 'PrivatePoolOptions.MatchCriteria': 'Target', 'PrivatePoolOptions.Id': 'eap-1', Tenancy: 'host' },
      ['PrivatePoolOptions.MatchCriteria', 'dedicated host'],
    ],
  ],
  'metadata, user data and the rest': [
    ['HttpEndpoint disabled, HttpTokens required', { HttpEndpoint: 'disabled', HttpTokens: 'required' }, 'valid'],
    ['HttpEndpoint unknown', { HttpEndpoint: 'on' }, ['HttpEndpoint', 'enabled, disabled']],
    ['HttpTokens unknown', { HttpTokens: 'always' }, ['HttpTokens', 'optional, required']],
    ['HttpPutResponseHopLimit 64', { HttpPutResponseHopLimit: 64 }, 'valid'],
    ['HttpPutResponseHopLimit 65', { HttpPutResponseHopLimit: 65 }, ['HttpPutResponseHopLimit', '1 to 64']],
    ['UserData of 32 KB', { UserData: base64OfBytes(32 * 1024) }, 'valid'],
    ['UserData of 32 KB and a byte', { UserData: base64OfBytes(32 * 1024 + 1) }, ['UserData', '32 KB']],
    ['UserData not Base64', { UserData: 'echo hello' }, ['UserData', 'Base64']],
    [
      'UserData with IoOptimized none',
      { UserData: 'ZWNobyBoZWxsbyBlY3Mh', IoOptimized: 'none' },
      ['UserData', 'I/O optimized'],
    ],
    ['SecurityEnhancementStrategy Deactive', { SecurityEnhancementStrategy: 'Deactive' }, 'valid'],
    [
      'SecurityEnhancementStrategy unknown',
      { SecurityEnhancementStrategy: 'On' },
      ['SecurityEnhancementStrategy', 'Active, Deactive'],
    ],
    ['CreditSpecification Unlimited', { CreditSpecification: 'Unlimited' }, 'valid'],
    ['CreditSpecification unknown', { CreditSpecification: 'Burst' }, ['CreditSpecification', 'Standard, Unlimited']],
    ['UseAdditionalService not a boolean', { UseAdditionalService: 'yes' }, ['UseAdditionalService', 'true or false']],
    [
      'HibernationOptions.Configured not a boolean',
      { 'HibernationOptions.Configured': 'no' },
      ['HibernationOptions.Configured', 'true or false'],
    ],
    ['HibernationOptions unknown member', { 'HibernationOptions.Enabled': true }, ['HibernationOptions', 'Enabled']],
    ['Arn.1.AssumeRoleFor not an integer', { 'Arn.1.AssumeRoleFor': 'x' }, ['Arn.1.AssumeRoleFor', 'integer']],
    ['ClientToken of 64', { ClientToken: A.repeat(64) }, 'valid'],
    ['ClientToken of 65', { ClientToken: A.repeat(65) }, ['ClientToken', 'at most 64']],
    ['ClientToken not ASCII', { ClientToken: 'tökén' }, ['ClientToken', 'ASCII']],
    ['DryRun as wire text', { DryRun: 'true' }, 'valid'],
    ['DryRun not a boolean', { DryRun: 'yes' }, ['DryRun', 'true or false']],
  ],
  tags: [
    ['20 tags', tagsFrom(20), 'valid'],
    ['a key of 128 and an empty value', { 'Tag.1.Key': A.repeat(128), 'Tag.1.Value': '' }, 'valid'],
    ['a key of 129', { 'Tag.1.Key': A.repeat(129) }, ['Tag.1.Key', 'at most 128']],
    ['an empty key', { 'Tag.1.Key': '' }, ['Tag.1.Key', 'must not be empty']],
    ['a value without a key', { 'Tag.1.Value': 'v' }, ['Tag.1.Key', 'is required']],
    ['a value of 129', { 'Tag.1.Key': 'k', 'Tag.1.Value': A.repeat(129) }, ['Tag.1.Value', 'at most 128']],
    ['a key starting with aliyun', { 'Tag.1.Key': 'aliyun-team' }, ['Tag.1.Key', 'aliyun']],
    ['a key starting with acs:', { 'Tag.1.Key': 'acs:team' }, ['Tag.1.Key', 'acs:']],
    ['a value with a URL', { 'Tag.1.Key': 'k', 'Tag.1.Value': 'see http://x' }, ['Tag.1.Value', 'http://']],
    ['a repeated key', { 'Tag.1.Key': 'team', 'Tag.2.Key': 'team' }, ['Tag.2.Key', 'repeats']],
    ['the older lower-case spelling', { 'Tag.1.key': 'team', 'Tag.1.value': 'ops' }, 'valid'],
    ['both spellings of one key', { 'Tag.1.key': 'team', 'Tag.1.Key': 'team' }, ['Tag.1.key', 'older spelling']],
    [
      'an unknown member',
      { 'Tag.1.Key': 'team', 'Tag.1.Vaule': 'ops' },
      ['Tag.1', 'is not a parameter of this action: Vaule'],
    ],
  ],
};

describe.each(Object.entries(rows))('ecs:CreateInstance: %s', (_group, table) => {
  it.each(table)('%s', (_label, patch, expected) => check(CreateInstanceSchema, create(patch), expected));
});

describe('ecs:CreateInstance: data disk sizes by category and performance level', () => {
  /** [category (or undefined), PerformanceLevel, IoOptimized, min, max, what the message names] */
  const ranges: Array<[string | undefined, string | undefined, string | undefined, number, number, string]> = [
    ['cloud', undefined, undefined, 5, 2000, 'for cloud'],
    ['cloud_efficiency', undefined, undefined, 20, 32768, 'for cloud_efficiency'],
    ['cloud_ssd', undefined, undefined, 20, 32768, 'for cloud_ssd'],
    ['cloud_essd', 'PL0', undefined, 1, 65536, 'for cloud_essd at PL0'],
    ['cloud_essd', 'PL1', undefined, 20, 65536, 'for cloud_essd at PL1'],
    ['cloud_essd', 'PL2', undefined, 461, 65536, 'for cloud_essd at PL2'],
    ['cloud_essd', 'PL3', undefined, 1261, 65536, 'for cloud_essd at PL3'],
    ['cloud_essd', undefined, undefined, 20, 65536, 'for cloud_essd at PL1'], // PL1 is the default
    [undefined, undefined, 'none', 5, 2000, 'for cloud'], // the default category without I/O optimisation
    [undefined, undefined, 'optimized', 20, 32768, 'for cloud_efficiency'],
    [undefined, undefined, undefined, 5, 32768, 'cloud or cloud_efficiency'], // either default
  ];
  const disk = (size: number, category?: string, level?: string, io?: string) =>
    create({
      'DataDisk.1.Size': 40,
      'DataDisk.2.Size': 40,
      'DataDisk.3.Size': size,
      'DataDisk.3.Category': category,
      'DataDisk.3.PerformanceLevel': level,
      IoOptimized: io,
    });

  it.each(ranges)('%s %s (IoOptimized %s): %i to %i GiB', (category, level, io, min, max, label) => {
    check(CreateInstanceSchema, disk(min, category, level, io), 'valid');
    check(CreateInstanceSchema, disk(max, category, level, io), 'valid');
    // Below 1 the size is refused before any category is considered.
    check(CreateInstanceSchema, disk(min - 1, category, level, io), [
      'DataDisk.3.Size',
      min > 1 ? label : 'at least 1',
    ]);
    check(CreateInstanceSchema, disk(max + 1, category, level, io), ['DataDisk.3.Size', label]);
  });

  it('words the issue on DataDisk.N.Size with the range and the category', () => {
    expect(issuesOf(CreateInstanceSchema, disk(32769, 'cloud_ssd'))).toEqual([
      { path: 'DataDisk.3.Size', message: 'must be 20 to 32768 GiB for cloud_ssd' },
    ]);
  });

  it('accepts any positive size where no range is documented (cloud_auto), and no size below 1', () => {
    check(CreateInstanceSchema, disk(100000, 'cloud_auto'), 'valid');
    check(CreateInstanceSchema, disk(0, 'cloud_auto'), ['DataDisk.3.Size', 'at least 1']);
  });
});

describe('ecs:CreateInstance: input forms', () => {
  it('reads dotted and nested families alike', () => {
    const dotted = create({
      'SystemDisk.Category': 'cloud_ssd',
      'SystemDisk.Size': '40',
      'DataDisk.1.Size': 100,
      'DataDisk.2.Category': 'cloud_essd',
      'DataDisk.2.Size': 500,
      'Tag.1.Key': 'team',
      'PrivatePoolOptions.MatchCriteria': 'None',
    });
    const nested = create({
      SystemDisk: { Category: 'cloud_ssd', Size: '40' },
      DataDisk: [{ Size: 100 }, { Category: 'cloud_essd', Size: 500 }],
      Tag: [{ Key: 'team' }],
      PrivatePoolOptions: { MatchCriteria: 'None' },
    });
    const result = validateRequest(CreateInstanceSchema, dotted);
    expect(result.ok).toBe(true);
    expect(validateRequest(CreateInstanceSchema, nested)).toEqual(result);
    expect(validateRequest(CreateInstanceSchema, { ...BASE, 'SystemDisk.Category': 'cloud_ssd' })).toEqual(
      validateRequest(CreateInstanceSchema, { ...BASE, SystemDisk: { Category: 'cloud_ssd' } }),
    );
  });

  it('reports the same issues for dotted and nested input', () => {
    const dotted = create({
      'DataDisk.1.Size': 40,
      'DataDisk.2.Size': 40,
      'DataDisk.3.Category': 'cloud',
      'DataDisk.3.Size': 4,
    });
    const nested = create({ DataDisk: [{ Size: 40 }, { Size: 40 }, { Category: 'cloud', Size: 4 }] });
    expect(issuesOf(CreateInstanceSchema, dotted)).toEqual([
      { path: 'DataDisk.3.Size', message: 'must be 5 to 2000 GiB for cloud' },
    ]);
    expect(issuesOf(CreateInstanceSchema, nested)).toEqual(issuesOf(CreateInstanceSchema, dotted));
  });

  it('takes the wire’s strings and returns JSON types', () => {
    const result = validateRequest(
      CreateInstanceSchema,
      create({
        InstanceChargeType: 'PrePaid',
        Period: '1',
        PeriodUnit: 'Month',
        AutoRenew: 'true',
        AutoRenewPeriod: '1',
        DryRun: 'true',
        InternetMaxBandwidthOut: '5',
        'SystemDisk.Size': '40',
        'DataDisk.1.Size': '100',
        'DataDisk.1.Encrypted': 'false',
        DeletionProtection: 'false',
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        ...BASE,
        InstanceChargeType: 'PrePaid',
        Period: 1,
        PeriodUnit: 'Month',
        AutoRenew: true,
        AutoRenewPeriod: 1,
        DryRun: true,
        InternetMaxBandwidthOut: 5,
        SystemDisk: { Size: 40 },
        DataDisk: [{ Size: 100, Encrypted: false }],
        DeletionProtection: false,
      },
    });
  });

  it('reads the older lower-case tag spelling as Key and Value', () => {
    const result = validateRequest(CreateInstanceSchema, create({ 'Tag.1.key': 'team', 'Tag.1.value': 'ops' }));
    expect(result).toEqual({ ok: true, value: { ...BASE, Tag: [{ Key: 'team', Value: 'ops' }] } });
  });

  it('refuses what is not a JSON object of parameters', () => {
    expect(issuesOf(CreateInstanceSchema, 'RegionId=cn-hangzhou')).toEqual([
      { path: '', message: 'must be a JSON object of parameters' },
    ]);
  });
});

describe('ecs:CreateInstance: every issue at once', () => {
  it('reports field and cross-field issues of one request together, each on its parameter', () => {
    const input = {
      RegionId: '',
      InstanceType: 'ecs.g6.large',
      Imageid: 'ubuntu_18_04_64_20G_alibase_20190624.vhd', // misspelt: unknown, and ImageId missing
      Password: 'Abcdefg1',
      PasswordInherit: 'true',
      InstanceChargeType: 'PrePaid', // without Period
      PrivateIpAddress: '172.16.0.10', // without VSwitchId
      HttpTokens: 'always',
      'SystemDisk.Category': 'cloud_essd',
      'SystemDisk.Size': '10',
      'DataDisk.1.Size': 40,
      'DataDisk.2.Size': 40,
      'DataDisk.3.Category': 'cloud_ssd',
      'DataDisk.3.Size': 40000,
      'Tag.1.Key': 'acs:team',
    };
    expect(pathsOf(CreateInstanceSchema, input)).toEqual(
      [
        '',
        'RegionId',
        'ImageId',
        'Password',
        'Period',
        'VSwitchId',
        'HttpTokens',
        'SystemDisk.Size',
        'DataDisk.3.Size',
        'Tag.1.Key',
      ].sort(),
    );
  });

  it('reports a list given as an array over its limit on the first item too many, and still checks every item and rule', () => {
    const tags = Array.from({ length: 21 }, (_, index) => ({ Key: index === 20 ? 'acs:bad' : `key${index + 1}` }));
    expect(issuesOf(CreateInstanceSchema, create({ Tag: tags, Password: 'short' }))).toEqual([
      { path: 'Password', message: expect.stringContaining('at least 8') as unknown },
      { path: 'Password', message: expect.stringContaining('three of') as unknown },
      { path: 'Tag.21.Key', message: 'must not start with aliyun or acs:' },
      { path: 'Tag.21', message: 'is one too many: at most 20 tags' },
    ]);
  });

  it('reports a position beyond the limit of a dotted list before any item is made, and still checks the rest', () => {
    const input = create({ ...tagsFrom(21, (n) => (n === 21 ? 'acs:bad' : `key${n}`)), Password: 'short' });
    expect(issuesOf(CreateInstanceSchema, input)).toEqual([
      { path: 'Password', message: expect.stringContaining('at least 8') as unknown },
      { path: 'Password', message: expect.stringContaining('three of') as unknown },
      { path: 'Tag.21', message: 'is beyond the last position: at most 20 tags' },
    ]);
  });
});

// ---- StartInstance and RenewInstance (the neighbouring-action notes) ----

describe('ecs:StartInstance', () => {
  it.each<Row>([
    ['an instance', { InstanceId: 'i-bp67acfmxazb4p****' }, 'valid'],
    ['a dry run, as wire text', { InstanceId: 'i-bp67acfmxazb4p****', DryRun: 'true' }, 'valid'],
    ['a dry run, as JSON', { InstanceId: 'i-bp67acfmxazb4p****', DryRun: false }, 'valid'],
    ['no InstanceId', {}, ['InstanceId', 'is required']],
    ['an empty InstanceId', { InstanceId: '' }, ['InstanceId', 'must not be empty']],
    ['DryRun not a boolean', { InstanceId: 'i-1', DryRun: 'yes' }, ['DryRun', 'true or false']],
    ['a parameter StartInstance does not take', { InstanceId: 'i-1', RegionId: 'cn-hangzhou' }, ['', 'RegionId']],
  ])('%s', (_label, input, expected) => check(EcsStartInstanceSchema, input, expected));

  it('returns DryRun as a boolean', () => {
    expect(validateRequest(EcsStartInstanceSchema, { InstanceId: 'i-1', DryRun: 'true' })).toEqual({
      ok: true,
      value: { InstanceId: 'i-1', DryRun: true },
    });
  });
});

describe('ecs: booleans in the spellings Alibaba Cloud accepts (true, True, false, False)', () => {
  const SPELLINGS = ['true', 'True', 'false', 'False', 'TRUE', 'yes', '1'];
  const refused = [{ path: 'DryRun', message: 'must be true or false' }];
  const READ = { true: true, True: true, false: false, False: false, TRUE: refused, yes: refused, 1: refused };

  /** Each spelling of DryRun: the boolean it is read as, or the issues it gets. */
  function dryRunOf(schema: Schema, request: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
      SPELLINGS.map((DryRun) => {
        const result = validateRequest(schema, { ...request, DryRun });
        return [DryRun, result.ok ? (result.value as { DryRun?: boolean }).DryRun : result.issues];
      }),
    );
  }

  it('CreateInstance reads DryRun True and False (the Python SDKs’) as booleans, and refuses TRUE, yes and 1', () => {
    expect(dryRunOf(CreateInstanceSchema, BASE)).toEqual(READ);
  });

  it('StartInstance reads DryRun True and False as booleans, and refuses TRUE, yes and 1', () => {
    expect(dryRunOf(EcsStartInstanceSchema, { InstanceId: 'i-1' })).toEqual(READ);
  });

  it('the cross-field rules take True as true and False as false', () => {
    const prePaid = { InstanceChargeType: 'PrePaid', Period: '1' };

    expect(
      issuesOf(CreateInstanceSchema, create({ ...prePaid, DeletionProtection: 'True', AutoRenew: 'True' })),
    ).toEqual([
      { path: 'AutoRenewPeriod', message: 'is required when AutoRenew is true' },
      { path: 'DeletionProtection', message: 'may be true only for a pay-as-you-go instance that is not preemptible' },
    ]);
    expect(
      issuesOf(CreateInstanceSchema, create({ ...prePaid, DeletionProtection: 'False', AutoRenew: 'False' })),
    ).toEqual([]);
  });
});

describe('ecs:RenewInstance', () => {
  const id = 'i-bp67acfmxazb4p****';
  it.each<Row>([
    [
      'a month',
      { InstanceId: id, Period: 1, PeriodUnit: 'Month', ClientToken: '123e4567-e89b-12d3-a456-426655440000' },
      'valid',
    ],
    ['9 months, as wire text, PeriodUnit left to its default', { InstanceId: id, Period: '9' }, 'valid'],
    ['12 months', { InstanceId: id, Period: 12, PeriodUnit: 'Month' }, 'valid'],
    ['10 months', { InstanceId: id, Period: 10 }, ['Period', '1, 2, 3, 4, 5, 6, 7, 8, 9, 12']],
    [
      '24 months (no document allows it for RenewInstance)',
      { InstanceId: id, Period: 24 },
      ['Period', 'must be one of'],
    ],
    ['no Period', { InstanceId: id }, ['Period', 'is required']],
    ['PeriodUnit Year', { InstanceId: id, Period: 1, PeriodUnit: 'Year' }, ['PeriodUnit', 'Month']],
    ['no InstanceId', { Period: 1 }, ['InstanceId', 'is required']],
    ['a ClientToken of 65', { InstanceId: id, Period: 1, ClientToken: A.repeat(65) }, ['ClientToken', 'at most 64']],
    ['a misspelt parameter', { InstanceId: id, Period: 1, Periodunit: 'Month' }, ['', 'Periodunit']],
  ])('%s', (_label, input, expected) => check(RenewInstanceSchema, input, expected));

  it('reports every issue at once', () => {
    expect(pathsOf(RenewInstanceSchema, { Period: 0, PeriodUnit: 'Week', ClientToken: A.repeat(65) })).toEqual(
      ['InstanceId', 'Period', 'PeriodUnit', 'ClientToken'].sort(),
    );
  });
});
