/**
 * The emulator against what a hostile caller sends: names looked up on the prototype, bodies and
 * signatures without a bound, and a web page in the operator's browser reaching the admin API.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { MAX_BODY_BYTES } from '../../src/emulator/http';
import { failureOf, signedPost, startEmulatedCloud, timestamp, type EmulatedCloud } from '../helpers/emulator';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud();
});
afterAll(() => env.close());
afterEach(() => env.emulator.reset());

/** A v1-signed POST with `params` over the signing ones. */
const post = (params: Record<string, string>) => signedPost(env.emulator, params);

/** A raw HTTP request with the headers given, so Host and Origin can be set as a browser would. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; text: string }> {
  const url = new URL(path, env.emulator.endpoint);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method, path: url.pathname, headers, setHost: !('host' in headers) },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };

describe('names a caller sends are looked up as names only', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'answers Action=%s with InvalidAction.NotFound (404), as Alibaba Cloud does',
    async (action) => {
      const { status, body } = await post({ Action: action, Version: '2014-05-26' });

      expect([status, body.Code]).toEqual([404, 'InvalidAction.NotFound']);
    },
  );

  it('answers SignatureMethod=constructor as an unsupported method, not a server error', async () => {
    const signed = {
      Action: 'DescribeInstanceStatus',
      Version: '2014-05-26',
      RegionId: 'cn-hangzhou',
      Format: 'JSON',
      AccessKeyId: env.emulator.accessKey.accessKeyId,
      SignatureMethod: 'constructor',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: timestamp(),
      Signature: 'x',
    };
    const response = await fetch(`${env.emulator.endpoint}/?${new URLSearchParams(signed).toString()}`);

    expect([response.status, ((await response.json()) as { Code: string }).Code]).toEqual([400, 'IncompleteSignature']);
  });

  it('keeps a polluting request from changing any later one: every later create is as asked', async () => {
    const polluting = await post({
      Action: 'CreateInstance',
      Version: '2014-05-26',
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'ubuntu_22_04_x64_20G_alibase_20240101.vhd',
      '__proto__.InstanceChargeType': 'PrePaid',
      '__proto__.Period': '1',
    });
    const clean = await post({
      Action: 'CreateInstance',
      Version: '2014-05-26',
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'ubuntu_22_04_x64_20G_alibase_20240101.vhd',
    });

    expect([polluting.status, polluting.body.Code]).toEqual([400, 'InvalidParameter']);
    expect(polluting.body.Message).toContain('__proto__.InstanceChargeType');
    expect(clean.status).toBe(200);
    expect(env.emulator.state.ecs.instances.get(clean.body.InstanceId as string)?.InstanceChargeType).toBe('PostPaid');
    expect(({} as Record<string, unknown>).InstanceChargeType).toBeUndefined();
  });
});

const CREATE_INSTANCE = {
  Action: 'CreateInstance',
  Version: '2014-05-26',
  RegionId: 'cn-hangzhou',
  InstanceType: 'ecs.g7.large',
  ImageId: 'img',
};
const POST_PAY_ORDER = {
  Action: 'CreatePostPayOrder',
  Version: '2019-09-16',
  RegionId: 'cn-hangzhou',
  DeployType: '5',
  IoMaxSpec: 'alikafka.hw.2xlarge',
  PartitionNum: '50',
};

describe('lists beyond their documented bounds get the documented codes', () => {
  it.each([
    ['ECS: a 21st tag', CREATE_INSTANCE, { 'Tag.21.Key': 'k' }, 403, 'QuotaExceed.Tags', 'Tag.21'],
    ['ECS: tag 50,000,000', CREATE_INSTANCE, { 'Tag.50000000.Key': 'k' }, 403, 'QuotaExceed.Tags', 'Tag.50000000'],
    [
      'ECS: a 17th data disk',
      CREATE_INSTANCE,
      { 'DataDisk.17.Size': '40' },
      400,
      'InstanceDiskNumber.LimitExceed',
      'DataDisk.17',
    ],
    [
      'ECS: a tag key twice',
      CREATE_INSTANCE,
      { 'Tag.1.Key': 'k', 'Tag.2.Key': 'k' },
      400,
      'Duplicate.TagKey',
      'Tag.2.Key',
    ],
    ['Kafka: a 21st tag', POST_PAY_ORDER, { 'Tag.21.Key': 'k' }, 400, 'BIZ_TAG_TAG_NUM_EXCEED', 'Tag.21'],
    [
      'Kafka: a tag key twice',
      POST_PAY_ORDER,
      { 'Tag.1.Key': 'k', 'Tag.2.Key': 'k' },
      400,
      'BIZ_TAG_DUPLICATE_TAG_KEY',
      'Tag.2.Key',
    ],
  ])('%s', async (_label, request, extra, status, code, path) => {
    const answer = await post({ ...request, ...extra });

    expect([answer.status, answer.body.Code]).toEqual([status, code]);
    expect(answer.body.Message).toContain(path);
    expect(env.emulator.state.ecs.instances.size + env.emulator.state.kafka.instances.size).toBe(0);
  });
});

describe('bounds on what anyone may send', () => {
  it('answers a body over the limit with 413 and an error body, before reading it', async () => {
    const answer = await raw('POST', '/', {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(MAX_BODY_BYTES + 1),
    });

    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({
      Code: 'InvalidParameter',
      Message: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
    });
  });

  it('answers a body that grows over the limit without a length with 413 too', async () => {
    const response = await fetch(`${env.emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Signature=${'x'.repeat(MAX_BODY_BYTES)}`,
    });

    expect(response.status).toBe(413);
  });

  it('keeps no signature longer than a real one, so unauthenticated requests cannot fill its memory', async () => {
    const signatures = async () =>
      (JSON.parse((await raw('GET', '/__admin/signatures', {})).text) as { signatures: string[] }).signatures;
    const before = await signatures();
    const long = 'A'.repeat(100_000);
    // In a form body: in the URL, Node's own header limit would refuse it before the emulator saw it.
    const refused = await fetch(`${env.emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Action: 'X', Signature: long }).toString(),
    });
    const real = await post({ Action: 'DescribeInstanceStatus', Version: '2014-05-26', RegionId: 'cn-hangzhou' });

    const added = (await signatures()).slice(before.length);

    expect([refused.status, real.status]).toEqual([400, 200]);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });
});

describe('the admin API answers only a local program', () => {
  it.each([
    ['a foreign Origin', { ...JSON_TYPE, origin: 'http://evil.example' }, 403],
    ['a foreign Host (DNS rebinding)', { ...JSON_TYPE, host: 'evil.example:8765' }, 403],
    ['a form body, as a page may send', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['text, as fetch sends by default', { 'content-type': 'text/plain;charset=UTF-8' }, 415],
  ])('refuses a change with %s, and changes nothing', async (_label, headers, status) => {
    const answer = await raw(
      'POST',
      '/__admin/faults',
      headers,
      JSON.stringify({ rules: [{ action: '*', kind: 'drop' }] }),
    );

    expect(answer.status).toBe(status);
    expect(env.emulator.faults.snapshot().pendingRules).toEqual([]);
  });

  it('refuses a read from a foreign Host, so a rebound page cannot read the state', async () => {
    expect((await raw('GET', '/__admin/state', { host: 'evil.example' })).status).toBe(403);
  });

  it('serves a loopback Host, with or without a port, and a loopback Origin', async () => {
    const port = new URL(env.emulator.endpoint).port;
    const answers = await Promise.all([
      raw('GET', '/__admin/state', { host: `localhost:${port}` }),
      raw('GET', '/__admin/state', { host: '127.0.0.1' }),
      raw('GET', '/__admin/state', { host: `[::1]:${port}`, origin: `http://localhost:${port}` }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it.each([
    ['JSON that does not parse', '{"timeScale": ', 'the body is not JSON'],
    ['a time scale that is not a number', '{"timeScale": "fast"}', 'timeScale'],
    ['a negative duration', '{"durations": {"ecsCreateMs": -1}}', 'durations.ecsCreateMs'],
    ['a setting that does not exist', '{"timeScal": 1}', 'timeScal'],
    ['a rate limit named otherwise than product:Action', '{"rateLimits": {"__proto__": 5}}', 'rateLimits'],
  ])('answers settings with %s with 400 naming it, and keeps its settings', async (_label, body, named) => {
    const answer = await raw('POST', '/__admin/settings', JSON_TYPE, body);

    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.text) as { error: string }).error).toContain(named);
    expect(env.emulator.state.settings.timeScale).toBe(0.0001);
    expect(env.emulator.state.settings.durations.ecsCreateMs).toBe(45_000);
  });

  it.each([
    ['a kind that does not exist', { rules: [{ action: '*', kind: 'explode' }] }, 'rules.0'],
    ['an error without a code', { rules: [{ action: '*', kind: 'error' }] }, 'rules.0.code'],
    ['times that is not a whole number', { rules: [{ action: '*', kind: 'drop', times: 0.5 }] }, 'rules.0.times'],
    ['an action that is not product:Action', { rules: [{ action: 'CreateInstance', kind: 'drop' }] }, 'rules.0.action'],
    [
      'storm rates that add up to more than 1',
      { storm: { seed: 1, actions: ['ecs:CreateInstance'], rates: { throttling: 0.7, reset: 0.7 } } },
      'storm.rates',
    ],
  ])('answers faults with %s with 400 naming it, and adds none', async (_label, body, named) => {
    const answer = await raw('POST', '/__admin/faults', JSON_TYPE, JSON.stringify(body));

    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.text) as { error: string }).error).toContain(named);
    expect(env.emulator.faults.snapshot()).toMatchObject({ pendingRules: [], storm: undefined });
  });

  it('answers a fleet seed of a million servers with 400 naming count, and seeds none', async () => {
    const body = { count: 1_000_000, expiresFrom: Date.now(), expiresWithinMs: 0 };
    const answer = await raw('POST', '/__admin/arm-servers', JSON_TYPE, JSON.stringify(body));

    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.text) as { error: string }).error).toContain('count');
    expect(env.emulator.state.ens.armServers.size).toBe(0);
  });

  it.each([
    ['a region that is a host name', { RegionId: 'evil.example/x#' }, 'RegionId'],
    ['21 tags', { Tag: Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}` })) }, 'Tag'],
    ['a charge type that does not exist', { InstanceChargeType: 'Free' }, 'InstanceChargeType'],
  ])('answers an ECS seed with %s with 400 naming it, and seeds none', async (_label, more, named) => {
    const body = { count: 2, expiresFrom: Date.now(), expiresWithinMs: 0, ...more };
    const answer = await raw('POST', '/__admin/ecs-instances', JSON_TYPE, JSON.stringify(body));

    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.text) as { error: string }).error).toContain(named);
    expect(env.emulator.state.ecs.instances.size).toBe(0);
  });

  it('seeds ECS instances in the region, with the charge type and tags asked for', async () => {
    const body = {
      count: 2,
      expiresFrom: Date.UTC(2027, 0, 1),
      expiresWithinMs: 86_400_000,
      RegionId: 'cn-shanghai',
      InstanceChargeType: 'PrePaid',
      Tag: [{ Key: 'team', Value: 'web' }],
    };
    const answer = await raw('POST', '/__admin/ecs-instances', JSON_TYPE, JSON.stringify(body));
    const { InstanceIds } = JSON.parse(answer.text) as { InstanceIds: string[] };
    const listed = await env.cloud.call('ecs:DescribeInstances', {
      RegionId: 'cn-shanghai',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'web',
    });

    expect(answer.status).toBe(200);
    expect(
      (listed.Instances as { Instance: { InstanceId: string; ExpiredTime: string; Status: string }[] }).Instance,
    ).toEqual([
      expect.objectContaining({ InstanceId: InstanceIds[0], ExpiredTime: '2027-01-01T00:00Z', Status: 'Running' }),
      expect.objectContaining({ InstanceId: InstanceIds[1], ExpiredTime: '2027-01-02T00:00Z', Status: 'Running' }),
    ]);
  });

  it('applies valid settings', async () => {
    const answer = await raw(
      'POST',
      '/__admin/settings',
      JSON_TYPE,
      '{"timeScale": 0.5, "durations": {"ecsCreateMs": 10}}',
    );

    expect(answer.status).toBe(200);
    expect(env.emulator.state.settings.timeScale).toBe(0.5);
    expect(env.emulator.state.settings.durations).toMatchObject({ ecsCreateMs: 10, ecsStartMs: 20_000 });
    await raw('POST', '/__admin/settings', JSON_TYPE, '{"timeScale": 0.0001, "durations": {"ecsCreateMs": 45000}}');
  });
});

describe('the transport sends nothing it must not', () => {
  const calls = () => Object.keys(env.emulator.state.snapshot().calls);

  it('refuses a RegionId that is not one before sending: it would become part of the endpoint’s host name', async () => {
    const failure = await failureOf(
      env.cloud.call('ecs:RenewInstance', { InstanceId: 'i-1', Period: 1 }, { regionId: 'evil.example/x#' }),
    );

    expect(failure).toMatchObject({ code: 'InvalidParameter.RegionId', retryClass: 'terminal' });
    expect(failure.message).toBe(
      'RenewInstance was not sent: RegionId: "evil.example/x#" is not a region id such as cn-hangzhou',
    );
    expect(calls()).toEqual([]);
  });

  it.each(['Action', 'Version', 'AccessKeyId', 'SignatureNonce', 'Timestamp'])(
    'refuses a parameter named %s, which would override the protocol’s own',
    async (name) => {
      const failure = await failureOf(env.cloud.call('ens:DescribeARMServerInstances', { [name]: 'ReleaseInstance' }));

      expect(failure).toMatchObject({ code: `InvalidParameter.${name}`, retryClass: 'terminal' });
      expect(calls()).toEqual([]);
    },
  );
});
