import { failureOf, startEmulatedCloud, waitFor, type EmulatedCloud } from '../helpers/emulator';

interface KafkaList {
  InstanceList: { InstanceVO: { InstanceId: string; OrderId: string; ServiceStatus: number; Tags: unknown }[] };
}
interface EcsStatuses {
  InstanceStatuses: { InstanceStatus: { InstanceId: string; Status: string }[] };
}
interface EcsInstances {
  Instances: { Instance: { InstanceId: string; ExpiredTime: string; InstanceChargeType: string }[] };
}
interface ArmServers {
  Servers: { ServerId: string; ExpiredTime: string }[];
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
}

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud();
});
afterAll(() => env.close());

describe('alikafka through src/alicloud and the emulator', () => {
  it('orders, finds by OrderId and tag, deploys to ServiceStatus 5, releases to 15 and deletes', async () => {
    const { cloud } = env;
    const tag = { Key: 'provisioner:workflow', Value: 'kafka-happy-path' };
    const order = await cloud.call('alikafka:CreatePostPayOrder', {
      RegionId: 'cn-hangzhou',
      DeployType: 5,
      IoMaxSpec: 'alikafka.hw.2xlarge',
      PartitionNum: 50,
      Tag: [tag],
    });
    expect(order).toMatchObject({ Code: 200, Success: true, OrderId: expect.stringMatching(/^\d+$/) as unknown });

    const byOrder = await cloud.call<KafkaList & Record<string, unknown>>('alikafka:GetInstanceList', {
      RegionId: 'cn-hangzhou',
      OrderId: order.OrderId,
    });
    const byTag = await cloud.call<KafkaList & Record<string, unknown>>('alikafka:GetInstanceList', {
      RegionId: 'cn-hangzhou',
      Tag: [tag],
    });
    const [instance] = byOrder.InstanceList.InstanceVO;
    expect(byOrder.InstanceList.InstanceVO).toHaveLength(1);
    expect(instance).toMatchObject({ OrderId: order.OrderId, ServiceStatus: 0, Tags: { TagVO: [tag] } });
    expect(byTag.InstanceList.InstanceVO.map((found) => found.InstanceId)).toEqual([instance!.InstanceId]);

    const status = () =>
      cloud
        .call<KafkaList & Record<string, unknown>>('alikafka:GetInstanceList', {
          RegionId: 'cn-hangzhou',
          InstanceId: [instance!.InstanceId],
        })
        .then((list) => list.InstanceList.InstanceVO[0]?.ServiceStatus);
    await cloud.call('alikafka:StartInstance', {
      InstanceId: instance!.InstanceId,
      RegionId: 'cn-hangzhou',
      VpcId: 'vpc-1',
      VSwitchId: 'vsw-1',
      ZoneId: 'cn-hangzhou-k',
      DeployModule: 'vpc',
    });
    expect(await waitFor(status, (value) => value === 5)).toBe(5);

    await cloud.call('alikafka:ReleaseInstance', { InstanceId: instance!.InstanceId, RegionId: 'cn-hangzhou' });
    expect(await waitFor(status, (value) => value === 15)).toBe(15);
    await cloud.call('alikafka:DeleteInstance', { InstanceId: instance!.InstanceId, RegionId: 'cn-hangzhou' });
    expect(await status()).toBeUndefined();
  });

  it('ends a deploy in ServiceStatus 101 when the emulator is told deploys fail', async () => {
    const { cloud, emulator } = env;
    emulator.state.settings.kafkaDeployFails = true;
    try {
      const order = await cloud.call('alikafka:CreatePostPayOrder', {
        RegionId: 'cn-hangzhou',
        DeployType: 5,
        IoMaxSpec: 'alikafka.hw.2xlarge',
        PartitionNum: 50,
      });
      const list = await cloud.call<KafkaList & Record<string, unknown>>('alikafka:GetInstanceList', {
        RegionId: 'cn-hangzhou',
        OrderId: order.OrderId,
      });
      const id = list.InstanceList.InstanceVO[0]!.InstanceId;
      await cloud.call('alikafka:StartInstance', {
        InstanceId: id,
        RegionId: 'cn-hangzhou',
        VpcId: 'vpc-1',
        VSwitchId: 'vsw-1',
        ZoneId: 'cn-hangzhou-k',
        DeployModule: 'vpc',
      });
      const final = await waitFor(
        () =>
          cloud
            .call<
              KafkaList & Record<string, unknown>
            >('alikafka:GetInstanceList', { RegionId: 'cn-hangzhou', InstanceId: [id] })
            .then((found) => found.InstanceList.InstanceVO[0]!.ServiceStatus),
        (value) => value === 101 || value === 5,
      );
      expect(final).toBe(101);
    } finally {
      emulator.state.settings.kafkaDeployFails = false;
    }
  });

  it('refuses to deploy an instance twice', async () => {
    const { cloud } = env;
    const order = await cloud.call('alikafka:CreatePostPayOrder', {
      RegionId: 'cn-hangzhou',
      DeployType: 5,
      IoMaxSpec: 'alikafka.hw.2xlarge',
      PartitionNum: 50,
    });
    const list = await cloud.call<KafkaList & Record<string, unknown>>('alikafka:GetInstanceList', {
      RegionId: 'cn-hangzhou',
      OrderId: order.OrderId,
    });
    const deploy = {
      InstanceId: list.InstanceList.InstanceVO[0]!.InstanceId,
      RegionId: 'cn-hangzhou',
      VpcId: 'vpc-1',
      VSwitchId: 'vsw-1',
      ZoneId: 'cn-hangzhou-k',
      DeployModule: 'vpc',
    };
    await cloud.call('alikafka:StartInstance', deploy);

    expect(await failureOf(cloud.call('alikafka:StartInstance', deploy))).toMatchObject({
      code: 'BIZ_INSTANCE_STATUS_ERROR',
      retryClass: 'terminal',
      product: 'alikafka',
      action: 'StartInstance',
    });
  });
});

describe('ECS through src/alicloud and the emulator', () => {
  it('creates Pending then Stopped, starts to Running, renews by the period, stops and deletes', async () => {
    const { cloud } = env;
    const created = await cloud.call('ecs:CreateInstance', {
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
      InstanceChargeType: 'PrePaid',
      Period: 1,
      SystemDisk: { Category: 'cloud_essd' },
      ClientToken: 'ecs-happy-path',
    });
    const id = created.InstanceId as string;
    const status = () =>
      cloud
        .call<
          EcsStatuses & Record<string, unknown>
        >('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou', InstanceId: [id] })
        .then((answer) => answer.InstanceStatuses.InstanceStatus[0]?.Status);
    expect(await waitFor(status, (value) => value === 'Stopped')).toBe('Stopped');

    await cloud.call('ecs:StartInstance', { InstanceId: id });
    expect(await waitFor(status, (value) => value === 'Running')).toBe('Running');

    const describe = () =>
      cloud
        .call<
          EcsInstances & Record<string, unknown>
        >('ecs:DescribeInstances', { RegionId: 'cn-hangzhou', InstanceIds: [id] })
        .then((answer) => answer.Instances.Instance[0]!);
    const before = await describe();
    const renewal = await cloud.call('ecs:RenewInstance', {
      InstanceId: id,
      Period: 2,
      PeriodUnit: 'Month',
      ClientToken: 'r1',
    });
    const after = await describe();
    const months = (time: string) => new Date(time).getUTCFullYear() * 12 + new Date(time).getUTCMonth();
    expect(renewal.OrderId).toEqual(expect.any(String));
    expect(before.InstanceChargeType).toBe('PrePaid');
    expect(months(after.ExpiredTime) - months(before.ExpiredTime)).toBe(2);
    expect(after.ExpiredTime.slice(10)).toBe(before.ExpiredTime.slice(10));

    await cloud.call('ecs:StopInstance', { InstanceId: id });
    await waitFor(status, (value) => value === 'Stopped');
    await cloud.call('ecs:DeleteInstance', { InstanceId: id });
    expect(await status()).toBeUndefined();
  });

  it('answers DryRun with DryRunOperation and creates nothing', async () => {
    const { cloud, emulator } = env;
    const before = emulator.state.ecs.instances.size;

    const failure = await failureOf(
      cloud.call('ecs:CreateInstance', {
        RegionId: 'cn-hangzhou',
        InstanceType: 'ecs.g7.large',
        ImageId: 'img',
        DryRun: true,
      }),
    );

    expect(failure).toMatchObject({ code: 'DryRunOperation', httpStatus: 400 });
    expect(emulator.state.ecs.instances.size).toBe(before);
  });

  it('returns the same instance for a repeated ClientToken and refuses it with other parameters', async () => {
    const { cloud } = env;
    const request = {
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'img',
      ClientToken: 'same-token',
    };

    const first = await cloud.call('ecs:CreateInstance', request);
    const second = await cloud.call('ecs:CreateInstance', request);
    const mismatch = await failureOf(cloud.call('ecs:CreateInstance', { ...request, InstanceType: 'ecs.g7.xlarge' }));

    expect(second.InstanceId).toBe(first.InstanceId);
    expect(mismatch).toMatchObject({ code: 'IdempotentParameterMismatch', retryClass: 'terminal' });
  });

  it('refuses to start an instance that is not Stopped with IncorrectInstanceStatus (403)', async () => {
    const { cloud } = env;
    const created = await cloud.call('ecs:CreateInstance', {
      RegionId: 'cn-hangzhou',
      InstanceType: 't',
      ImageId: 'i',
    });
    const id = created.InstanceId as string;
    await waitFor(
      () =>
        cloud
          .call<
            EcsStatuses & Record<string, unknown>
          >('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou', InstanceId: [id] })
          .then((answer) => answer.InstanceStatuses.InstanceStatus[0]?.Status),
      (value) => value === 'Stopped',
    );
    await cloud.call('ecs:StartInstance', { InstanceId: id });

    expect(await failureOf(cloud.call('ecs:StartInstance', { InstanceId: id }))).toMatchObject({
      code: 'IncorrectInstanceStatus',
      httpStatus: 403,
      retryClass: 'terminal',
    });
  });
});

describe('ENS through src/alicloud and the emulator', () => {
  it('creates a load balancer InActive then Active, and releases it', async () => {
    const { cloud } = env;
    const created = await cloud.call('ens:CreateLoadBalancer', {
      EnsRegionId: 'cn-chengdu-telecom',
      LoadBalancerSpec: 'elb.s2.medium',
      PayType: 'PostPaid',
      NetworkId: 'n-1',
      VSwitchId: 'vsw-1',
      LoadBalancerName: 'edge-web',
      ClientToken: 'lb-happy-path',
    });
    const id = created.LoadBalancerId as string;
    expect(id).toMatch(/^lb-/);

    const attribute = await waitFor(
      () => cloud.call('ens:DescribeLoadBalancerAttribute', { LoadBalancerId: id }),
      (answer) => answer.LoadBalancerStatus === 'Active',
    );
    expect(attribute).toMatchObject({
      LoadBalancerName: 'edge-web',
      EnsRegionId: 'cn-chengdu-telecom',
      PayType: 'PostPaid',
    });

    await cloud.call('ens:ReleaseInstance', { InstanceId: id });
    expect(await failureOf(cloud.call('ens:DescribeLoadBalancerAttribute', { LoadBalancerId: id }))).toMatchObject({
      code: 'InvalidParameter.LoadBalancerId',
    });
  });

  it('lists load balancers by every filter given together, each with its status', async () => {
    const { cloud } = env;
    const create = async (EnsRegionId: string, LoadBalancerName: string) =>
      (
        await cloud.call('ens:CreateLoadBalancer', {
          EnsRegionId,
          LoadBalancerSpec: 'elb.s2.medium',
          PayType: 'PostPaid',
          NetworkId: 'n-1',
          VSwitchId: 'vsw-1',
          LoadBalancerName,
          ClientToken: `listed-${EnsRegionId}-${LoadBalancerName}`,
        })
      ).LoadBalancerId as string;
    const web = await create('cn-xian-unicom', 'listed-web');
    const api = await create('cn-xian-unicom', 'listed-api');
    const other = await create('cn-nanjing-telecom', 'listed-web');
    type Listed = { LoadBalancers: { LoadBalancer: { LoadBalancerId: string; LoadBalancerStatus: string }[] } };
    const list = async (filters: Record<string, unknown>) => {
      const answer = await cloud.call<Listed & Record<string, unknown>>('ens:DescribeLoadBalancers', filters);
      return {
        ids: answer.LoadBalancers.LoadBalancer.map((balancer) => balancer.LoadBalancerId),
        total: answer.TotalCount,
      };
    };

    expect(await list({ EnsRegionIds: ['cn-xian-unicom'], PageSize: 100 })).toEqual({ ids: [web, api], total: 2 });
    expect(await list({ EnsRegionIds: ['cn-xian-unicom'], LoadBalancerName: 'listed-web' })).toEqual({
      ids: [web],
      total: 1,
    });
    expect(await list({ EnsRegionId: 'cn-nanjing-telecom', LoadBalancerId: other })).toEqual({
      ids: [other],
      total: 1,
    });
    expect(await list({ EnsRegionIds: ['cn-nowhere-1'] })).toEqual({ ids: [], total: 0 });

    await waitFor(
      () => list({ LoadBalancerId: web, LoadBalancerStatus: 'Active' }),
      (answer) => answer.total === 1,
    );
    expect(await list({ LoadBalancerId: web, LoadBalancerStatus: 'InActive' })).toEqual({ ids: [], total: 0 });
    for (const id of [web, api, other]) await cloud.call('ens:ReleaseInstance', { InstanceId: id });
    expect(await list({ EnsRegionIds: ['cn-xian-unicom', 'cn-nanjing-telecom'] })).toEqual({ ids: [], total: 0 });
  });

  it('lists seeded ARM servers by JSON-string filters and pages, and renews one by a month and a year', async () => {
    const { cloud, emulator } = env;
    const expiresFrom = Date.UTC(2027, 0, 31, 11, 59, 9);
    const ids = emulator.seedArmServers({ count: 25, expiresFrom, expiresWithinMs: 0, EnsRegionId: 'cn-wuxi-telecom' });

    const secondPage = await cloud.call<ArmServers & Record<string, unknown>>('ens:DescribeARMServerInstances', {
      EnsRegionIds: ['cn-wuxi-telecom'],
      PageNumber: 2,
      PageSize: 10,
    });
    expect({ ...secondPage, Servers: secondPage.Servers.map((server) => server.ServerId) }).toMatchObject({
      TotalCount: 25,
      PageNumber: 2,
      PageSize: 10,
      Servers: ids.slice(10, 20),
    });

    const expiry = async () =>
      (
        await cloud.call<ArmServers & Record<string, unknown>>('ens:DescribeARMServerInstances', {
          ServerIds: [ids[0]],
        })
      ).Servers[0]!.ExpiredTime;
    expect(await expiry()).toBe('2027-01-31 11:59:09');
    await cloud.call('ens:RenewARMServerInstance', { InstanceId: ids[0], Period: 1, PeriodUnit: 'Month' });
    expect(await expiry()).toBe('2027-02-28 11:59:09');
    await cloud.call('ens:RenewARMServerInstance', { InstanceId: ids[0], Period: 1, PeriodUnit: 'Year' });
    expect(await expiry()).toBe('2028-02-28 11:59:09');
    expect(emulator.state.renewals.get(ids[0]!)).toBe(2);
  });

  it('rejects a renewal period the API does not allow', async () => {
    const { cloud, emulator } = env;
    const [id] = emulator.seedArmServers({ count: 1, expiresFrom: Date.now(), expiresWithinMs: 0 });

    expect(await failureOf(cloud.call('ens:RenewARMServerInstance', { InstanceId: id, Period: 10 }))).toMatchObject({
      code: 'InvalidParameter.Period',
      retryClass: 'terminal',
    });
    expect(emulator.state.renewals.get(id!)).toBeUndefined();
  });
});
