import { randomUUID } from 'node:crypto';
import * as $OpenApi from '@alicloud/openapi-client';
import EcsClient, { DescribeInstanceStatusRequest } from '@alicloud/ecs20140526';
import KafkaClient, { GetInstanceListRequest } from '@alicloud/alikafka20190916';
import { AlibabaCloud, staticCredentials } from '../../src/alicloud/client';
import { failureOf, signedPost, startEmulatedCloud, timestamp, type EmulatedCloud } from '../helpers/emulator';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud();
});
afterAll(() => env.close());

/** A v1-signed POST made by hand, for what no client library would send. */
const post = (params: Record<string, string>, secret?: string) => signedPost(env.emulator, params, secret);

const STATUS_READ = { Action: 'DescribeInstanceStatus', Version: '2014-05-26', RegionId: 'cn-hangzhou' };

describe('the emulator speaks Alibaba Cloud’s RPC protocol', () => {
  it('fails a wrong secret with a terminal SignatureDoesNotMatch, and no error field holds the secret or key id', async () => {
    const secret = 'a-wrong-secret-that-must-not-leak';
    const wrong = new AlibabaCloud({
      regionId: 'cn-hangzhou',
      endpointOverride: env.emulator.endpoint,
      credentials: staticCredentials({ accessKeyId: env.emulator.accessKey.accessKeyId, accessKeySecret: secret }),
    });

    const failure = await failureOf(wrong.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' }));
    wrong.close();

    expect(failure).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400, retryClass: 'terminal' });
    expect(JSON.stringify(failure)).not.toContain(secret);
    expect(JSON.stringify(failure)).not.toContain(env.emulator.accessKey.accessKeyId);
  });

  it('fails an unknown AccessKeyId with InvalidAccessKeyId.NotFound (404)', async () => {
    const stranger = new AlibabaCloud({
      regionId: 'cn-hangzhou',
      endpointOverride: env.emulator.endpoint,
      credentials: staticCredentials({ accessKeyId: 'LTAI-nobody', accessKeySecret: 'whatever-secret' }),
    });

    expect(await failureOf(stranger.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' }))).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      httpStatus: 404,
      retryClass: 'terminal',
    });
    stranger.close();
  });

  it('rejects a reused SignatureNonce and a timestamp more than 15 minutes old', async () => {
    const nonce = randomUUID();
    const first = await post({ ...STATUS_READ, SignatureNonce: nonce });
    const replay = await post({ ...STATUS_READ, SignatureNonce: nonce });
    const stale = await post({ ...STATUS_READ, Timestamp: timestamp(-16 * 60_000) });

    expect(first.status).toBe(200);
    expect([replay.status, replay.body.Code]).toEqual([400, 'SignatureNonceUsed']);
    expect([stale.status, stale.body.Code]).toEqual([400, 'InvalidTimeStamp.Expired']);
  });

  it('answers the documented error body, with InvalidAction.NotFound for an unknown action', async () => {
    const { status, body } = await post({ ...STATUS_READ, Action: 'LaunchRocket' });

    expect(status).toBe(404);
    expect(Object.keys(body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(body).toMatchObject({ Code: 'InvalidAction.NotFound', HostId: 'ecs.aliyuncs.com' });
  });

  it('answers MissingParameter naming the parameter', async () => {
    const { status, body } = await post({ Action: 'DescribeInstanceStatus', Version: '2014-05-26' });

    expect(status).toBe(400);
    expect(body).toMatchObject({ Code: 'MissingParameter', Message: expect.stringContaining('RegionId') as unknown });
  });

  it.each([
    [
      'a data disk too small for its category',
      { 'DataDisk.1.Category': 'cloud_ssd', 'DataDisk.1.Size': '5' },
      'InvalidDataDiskSize.ValueNotSupported',
      'DataDisk.1.Size',
    ],
    [
      'a subscription period the API does not sell',
      { InstanceChargeType: 'PrePaid', Period: '7' },
      'InvalidPeriod',
      'Period',
    ],
    ['a reserved tag key', { 'Tag.1.Key': 'acs:team' }, 'InvalidTagKey.Malformed', 'Tag.1.Key'],
  ])('validates CreateInstance on the server too: %s gets %s', async (_case, extra, code, path) => {
    const before = env.emulator.state.ecs.instances.size;

    const { status, body } = await post({
      Action: 'CreateInstance',
      Version: '2014-05-26',
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'img',
      ...extra,
    });

    expect([status, body.Code]).toEqual([400, code]);
    expect(body.Message).toContain(path);
    expect(env.emulator.state.ecs.instances.size).toBe(before);
  });

  it('answers MissingParameter for a create request without a required parameter', async () => {
    const { status, body } = await post({
      Action: 'CreateLoadBalancer',
      Version: '2017-11-10',
      EnsRegionId: 'r',
      PayType: 'PostPaid',
    });

    expect([status, body.Code]).toEqual([400, 'MissingParameter']);
    expect(body.Message).toContain('LoadBalancerSpec is required');
  });

  it('serves the official ECS and Kafka SDKs (ACS3-HMAC-SHA256) as well as pop-core', async () => {
    const { cloud, emulator } = env;
    const created = await cloud.call('ecs:CreateInstance', {
      RegionId: 'cn-hangzhou',
      InstanceType: 't',
      ImageId: 'i',
    });
    await cloud.call('alikafka:CreatePostPayOrder', {
      RegionId: 'cn-hangzhou',
      DeployType: 5,
      IoMaxSpec: 'alikafka.hw.2xlarge',
      PartitionNum: 50,
      Tag: [{ Key: 'sdk', Value: 'official' }],
    });
    const config = new $OpenApi.Config({
      accessKeyId: emulator.accessKey.accessKeyId,
      accessKeySecret: emulator.accessKey.accessKeySecret,
      endpoint: emulator.endpoint.replace('http://', ''),
      protocol: 'http',
      regionId: 'cn-hangzhou',
    });

    const statuses = await new EcsClient(config).describeInstanceStatus(
      new DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou', instanceId: [created.InstanceId as string] }),
    );
    const instances = await new KafkaClient(config).getInstanceList(
      new GetInstanceListRequest({ regionId: 'cn-hangzhou', tag: [{ key: 'sdk', value: 'official' }] }),
    );

    expect(statuses.body?.instanceStatuses?.instanceStatus?.map(({ instanceId }) => instanceId)).toEqual([
      created.InstanceId,
    ]);
    expect(instances.body?.instanceList?.instanceVO).toHaveLength(1);
    expect(instances.body?.success).toBe(true);
  });

  it('shows its state on the admin API: resources, orders per tag and calls per action', async () => {
    const response = await fetch(`${env.emulator.endpoint}/__admin/state`);
    const state = (await response.json()) as { ordersPerTag: Record<string, number>; calls: Record<string, unknown> };

    expect(response.status).toBe(200);
    expect(state.ordersPerTag['sdk=official']).toBe(1);
    expect(state.calls['ecs:DescribeInstanceStatus']).toMatchObject({ OK: expect.any(Number) as unknown });
  });

  it('takes faults and resets through the admin API', async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${env.emulator.endpoint}/__admin/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    await admin('POST', 'faults', {
      rules: [{ action: 'ecs:DescribeInstanceStatus', kind: 'error', code: 'Throttling.User' }],
    });
    const throttled = await failureOf(env.cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' }));
    await admin('POST', 'reset');
    const state = (await (await admin('GET', 'state')).json()) as {
      ecs: unknown[];
      calls: Record<string, unknown>;
      faults: { pendingRules: unknown[]; injected: Record<string, number> };
    };

    expect(throttled.code).toBe('Throttling.User');
    expect([state.ecs, state.calls, state.faults.pendingRules, state.faults.injected]).toEqual([[], {}, [], {}]);
  });
});
