import { encodeParams } from '../../src/alicloud/params';
import { ACTIONS } from '../../src/actions';

describe('parameter encoding (golden, per action)', () => {
  it('ecs:CreateInstance flattens nested objects, arrays of objects and arrays inside them', () => {
    const wire = encodeParams(
      {
        RegionId: 'cn-hangzhou',
        InstanceType: 'ecs.g7.large',
        ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
        InstanceChargeType: 'PrePaid',
        Period: 1,
        AutoRenew: false,
        DryRun: true,
        SystemDisk: { Category: 'cloud_essd', Size: 40, PerformanceLevel: 'PL1' },
        DataDisk: [
          { Size: 100, Category: 'cloud_essd', Encrypted: true },
          { SnapshotId: 's-1', DeleteWithInstance: false },
        ],
        Tag: [{ Key: 'team', Value: 'platform' }],
        NetworkInterface: [{ VSwitchId: 'vsw-1', SecurityGroupIds: ['sg-1', 'sg-2'] }],
        PrivatePoolOptions: { MatchCriteria: 'Target', Id: 'eap-1' },
        HostNames: ['web-1', 'web-2'],
        Description: undefined,
        KeyPairName: null,
      },
      { json: ACTIONS['ecs:CreateInstance'].json },
    );

    expect(wire).toEqual({
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
      InstanceChargeType: 'PrePaid',
      Period: '1',
      AutoRenew: 'false',
      DryRun: 'true',
      'SystemDisk.Category': 'cloud_essd',
      'SystemDisk.Size': '40',
      'SystemDisk.PerformanceLevel': 'PL1',
      'DataDisk.1.Size': '100',
      'DataDisk.1.Category': 'cloud_essd',
      'DataDisk.1.Encrypted': 'true',
      'DataDisk.2.SnapshotId': 's-1',
      'DataDisk.2.DeleteWithInstance': 'false',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'platform',
      'NetworkInterface.1.VSwitchId': 'vsw-1',
      'NetworkInterface.1.SecurityGroupIds.1': 'sg-1',
      'NetworkInterface.1.SecurityGroupIds.2': 'sg-2',
      'PrivatePoolOptions.MatchCriteria': 'Target',
      'PrivatePoolOptions.Id': 'eap-1',
      'HostNames.1': 'web-1',
      'HostNames.2': 'web-2',
    });
  });

  it('ecs:DescribeInstanceStatus sends InstanceId as a .N list and ecs:DescribeInstances InstanceIds as JSON', () => {
    expect(
      encodeParams(
        { RegionId: 'cn-beijing', InstanceId: ['i-1', 'i-2'], PageSize: 50 },
        ACTIONS['ecs:DescribeInstanceStatus'],
      ),
    ).toEqual({ RegionId: 'cn-beijing', 'InstanceId.1': 'i-1', 'InstanceId.2': 'i-2', PageSize: '50' });
    expect(
      encodeParams({ RegionId: 'cn-beijing', InstanceIds: ['i-1', 'i-2'] }, ACTIONS['ecs:DescribeInstances']),
    ).toEqual({
      RegionId: 'cn-beijing',
      InstanceIds: '["i-1","i-2"]',
    });
  });

  it('ecs:RenewInstance and ecs:StartInstance are plain scalars', () => {
    expect(
      encodeParams(
        { InstanceId: 'i-1', Period: 12, PeriodUnit: 'Month', ClientToken: 'renew-1' },
        ACTIONS['ecs:RenewInstance'],
      ),
    ).toEqual({ InstanceId: 'i-1', Period: '12', PeriodUnit: 'Month', ClientToken: 'renew-1' });
    expect(encodeParams({ InstanceId: 'i-1', DryRun: false }, ACTIONS['ecs:StartInstance'])).toEqual({
      InstanceId: 'i-1',
      DryRun: 'false',
    });
  });

  it('alikafka:CreatePostPayOrder sends ServerlessConfig as JSON and tags as Tag.N.Key/Value', () => {
    const wire = encodeParams(
      {
        RegionId: 'cn-hangzhou',
        DeployType: 5,
        SpecType: 'normal',
        ServerlessConfig: { ReservedPublishCapacity: 60, ReservedSubscribeCapacity: 60 },
        Tag: [
          { Key: 'provisioner:workflow', Value: 'kafka-create:orders' },
          { Key: 'env', Value: 'prod' },
        ],
      },
      ACTIONS['alikafka:CreatePostPayOrder'],
    );

    expect(wire).toEqual({
      RegionId: 'cn-hangzhou',
      DeployType: '5',
      SpecType: 'normal',
      ServerlessConfig: '{"ReservedPublishCapacity":60,"ReservedSubscribeCapacity":60}',
      'Tag.1.Key': 'provisioner:workflow',
      'Tag.1.Value': 'kafka-create:orders',
      'Tag.2.Key': 'env',
      'Tag.2.Value': 'prod',
    });
  });

  it('alikafka:GetInstanceList and alikafka:StartInstance flatten lists of ids and vSwitches', () => {
    expect(
      encodeParams(
        { RegionId: 'cn-hangzhou', InstanceId: ['a', 'b'], Tag: [{ Key: 'k' }] },
        ACTIONS['alikafka:GetInstanceList'],
      ),
    ).toEqual({ RegionId: 'cn-hangzhou', 'InstanceId.1': 'a', 'InstanceId.2': 'b', 'Tag.1.Key': 'k' });
    expect(
      encodeParams(
        { InstanceId: 'k-1', VSwitchIds: ['vsw-a', 'vsw-b'], IsEipInner: false },
        ACTIONS['alikafka:StartInstance'],
      ),
    ).toEqual({ InstanceId: 'k-1', 'VSwitchIds.1': 'vsw-a', 'VSwitchIds.2': 'vsw-b', IsEipInner: 'false' });
  });

  it('ens:DescribeARMServerInstances sends its filters as JSON-string arrays', () => {
    const wire = encodeParams(
      { ServerIds: ['cas-1', 'cas-2'], States: ['success'], EnsRegionIds: ['cn-chengdu-telecom'], PageNumber: 2 },
      ACTIONS['ens:DescribeARMServerInstances'],
    );

    expect(wire).toEqual({
      ServerIds: '["cas-1","cas-2"]',
      States: '["success"]',
      EnsRegionIds: '["cn-chengdu-telecom"]',
      PageNumber: '2',
    });
  });

  it('ens:CreateLoadBalancer and ens:RenewARMServerInstance are plain scalars; a JSON parameter already a string stays as is', () => {
    expect(
      encodeParams(
        { EnsRegionId: 'cn-chengdu-telecom', LoadBalancerSpec: 'elb.s2.medium', PayType: 'PostPaid', ClientToken: 't' },
        ACTIONS['ens:CreateLoadBalancer'],
      ),
    ).toEqual({
      EnsRegionId: 'cn-chengdu-telecom',
      LoadBalancerSpec: 'elb.s2.medium',
      PayType: 'PostPaid',
      ClientToken: 't',
    });
    expect(
      encodeParams(
        { InstanceId: 'cas-1', Period: 1, PeriodUnit: 'Year', AutoRenew: true },
        ACTIONS['ens:RenewARMServerInstance'],
      ),
    ).toEqual({ InstanceId: 'cas-1', Period: '1', PeriodUnit: 'Year', AutoRenew: 'true' });
    expect(encodeParams({ ServerIds: '["cas-9"]' }, ACTIONS['ens:DescribeARMServerInstances'])).toEqual({
      ServerIds: '["cas-9"]',
    });
  });

  it('refuses values that cannot be sent, naming the parameter', () => {
    expect(() => encodeParams({ DataDisk: [{ Size: Number.NaN }] })).toThrow(
      'Parameter DataDisk.1.Size must be a finite number, got NaN',
    );
    expect(() => encodeParams({ UserData: () => 'x' })).toThrow('Parameter UserData cannot be sent as function');
  });
});
