/**
 * The emulator's signature checks against the real clients over real HTTP: pop-core (signature v1, GET
 * and POST) and the official ECS and Kafka SDKs (ACS3-HMAC-SHA256), plus hand-made requests for the
 * failures a client library would never send.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import RPCClient from '@alicloud/pop-core';
import * as $OpenApi from '@alicloud/openapi-client';
import EcsClient, { DescribeInstanceStatusRequest } from '@alicloud/ecs20140526';
import KafkaClient, { GetInstanceListRequest } from '@alicloud/alikafka20190916';
import {
  authenticate,
  signatureOf,
  signV1,
  type AccessKey,
  type IncomingApiRequest,
} from '../../src/emulator/signature';

const KEY: AccessKey = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'secret-Zx9/+q&w' };
const STS_KEY: AccessKey = {
  accessKeyId: 'STS.test-key',
  accessKeySecret: 'sts-secret-77',
  securityToken: 'token-abc',
};
const SECRETS = [KEY.accessKeySecret, STS_KEY.accessKeySecret, 'not-the-secret'];
const KEYS = new Map([KEY, STS_KEY].map((key) => [key.accessKeyId, key]));

interface Exchange {
  request: IncomingApiRequest;
  result: ReturnType<typeof authenticate>;
  status: number;
  body: string;
}

let server: Server;
let port: number;
let exchanges: Exchange[] = [];
const clientsToClose: { keepAliveAgent: { destroy(): void } }[] = [];

function toApiRequest(req: IncomingMessage, body: Buffer): IncomingApiRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: q < 0 ? url : url.slice(0, q),
    query: Object.fromEntries(new URLSearchParams(q < 0 ? '' : url.slice(q + 1))),
    headers,
    body,
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = toApiRequest(req, Buffer.concat(chunks));
      const result = authenticate(request, (id) => KEYS.get(id));
      const status = result.ok ? 200 : result.httpStatus;
      const body = JSON.stringify(
        result.ok ? { RequestId: 'x' } : { RequestId: 'x', Code: result.code, Message: result.message },
      );
      exchanges.push({ request, result, status, body });
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

beforeEach(() => {
  exchanges = [];
});

afterAll(async () => {
  for (const client of clientsToClose) client.keepAliveAgent.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function lastExchange(): Exchange {
  expect(exchanges).toHaveLength(1);
  return exchanges[0]!;
}

function expectNoSecretIn(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

function popClient(key: AccessKey, apiVersion = '2014-05-26'): RPCClient {
  const client = new RPCClient({
    endpoint: `http://127.0.0.1:${port}`,
    apiVersion,
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    securityToken: key.securityToken,
  });
  clientsToClose.push(client as unknown as { keepAliveAgent: { destroy(): void } });
  return client;
}

function sdkConfig(key: AccessKey): $OpenApi.Config {
  return new $OpenApi.Config({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    securityToken: key.securityToken,
    endpoint: `127.0.0.1:${port}`,
    protocol: 'http',
    regionId: 'cn-hangzhou',
  });
}

/** Sends a hand-made request, for what no client library would send. */
function send(
  method: string,
  path: string,
  body = '',
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const toForm = (params: Record<string, string>): string => new URLSearchParams(params).toString();

/** Parameters that exercise every encoding rule of the canonical query. */
const AWKWARD = {
  RegionId: 'cn-hangzhou',
  Description: 'two words * star ~ tilde',
  InstanceName: "ünï-cödé 名前 !'()",
  'Tag.1.Key': 'env/a+b=c&d',
  'Tag.1.Value': '100%',
};

function v1Params(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Action: 'DescribeInstances',
    Version: '2014-05-26',
    Format: 'JSON',
    AccessKeyId: KEY.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: 'nonce-1',
    Timestamp: '2026-01-02T03:04:05Z',
    RegionId: 'cn-hangzhou',
    ...overrides,
  };
}

describe('signature v1 (pop-core)', () => {
  it.each(['POST', 'GET'])('authenticates %s with parameters that need encoding', async (method) => {
    const client = popClient(KEY);
    await expect(client.request('DescribeInstances', AWKWARD, { method })).resolves.toEqual({ RequestId: 'x' });
    const { result, request } = lastExchange();
    expect(request.method).toBe(method);
    expect(result).toEqual({
      ok: true,
      scheme: 'v1',
      accessKeyId: KEY.accessKeyId,
      params: { ...AWKWARD, Action: 'DescribeInstances', Version: '2014-05-26' },
      action: 'DescribeInstances',
      version: '2014-05-26',
      nonce: expect.any(String) as string,
      timestamp: expect.any(Number) as number,
    });
    if (!result.ok) throw new Error('unreachable');
    expect(Math.abs(result.timestamp - Date.now())).toBeLessThan(60_000);
    const sent = { ...request.query, ...Object.fromEntries(new URLSearchParams(request.body.toString('utf8'))) };
    expect(result.nonce).toBe(sent.SignatureNonce);
    // pop-core's POST puts everything, Signature included, in the form body of `POST /`.
    if (method === 'POST') expect(request.query).toEqual({});
    expect(signatureOf(request)).toBe(sent.Signature);
  });

  it('authenticates an STS key with its token and rejects another token', async () => {
    await expect(popClient(STS_KEY).request('DescribeInstances', {}, { method: 'POST' })).resolves.toEqual({
      RequestId: 'x',
    });
    expect(lastExchange().result.ok).toBe(true);
    exchanges = [];
    await expect(
      popClient({ ...STS_KEY, securityToken: 'token-other' }).request('DescribeInstances', {}, { method: 'POST' }),
    ).rejects.toMatchObject({ code: 'InvalidSecurityToken.Mismatch' });
  });

  it('rejects a wrong secret with SignatureDoesNotMatch 400', async () => {
    const client = popClient({ ...KEY, accessKeySecret: 'not-the-secret' });
    await expect(client.request('DescribeInstances', AWKWARD, { method: 'POST' })).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    const { status, body } = lastExchange();
    expect(status).toBe(400);
    expectNoSecretIn(body);
  });

  it('rejects an unknown AccessKey ID with InvalidAccessKeyId.NotFound 404', async () => {
    const client = popClient({ accessKeyId: 'LTAI-nobody', accessKeySecret: KEY.accessKeySecret });
    await expect(client.request('DescribeInstances', {}, { method: 'POST' })).rejects.toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
    });
    expect(lastExchange().status).toBe(404);
  });

  it('rejects a parameter changed after signing', async () => {
    const signed = signV1(v1Params({ InstanceName: 'web-1' }), 'POST', KEY.accessKeySecret);
    const response = await send('POST', '/', toForm({ ...signed, InstanceName: 'web-2' }), formHeaders);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expectNoSecretIn(response.body);
    // The untouched request is accepted, so it is the change that was caught.
    expect((await send('POST', '/', toForm(signed), formHeaders)).status).toBe(200);
  });

  it('rejects a request signed for another method', async () => {
    const signed = signV1(v1Params(), 'GET', KEY.accessKeySecret);
    expect((await send('POST', '/', toForm(signed), formHeaders)).status).toBe(400);
    expect((await send('GET', `/?${toForm(signed)}`)).status).toBe(200);
  });

  it('accepts HMAC-SHA256 and a timestamp with milliseconds', async () => {
    const signed = signV1(
      v1Params({ SignatureMethod: 'HMAC-SHA256', Timestamp: '2026-01-02T03:04:05.678Z' }),
      'GET',
      KEY.accessKeySecret,
    );
    expect((await send('GET', `/?${toForm(signed)}`)).status).toBe(200);
    expect(lastExchange().result).toMatchObject({ ok: true, timestamp: Date.UTC(2026, 0, 2, 3, 4, 5, 678) });
  });

  it.each([
    ['no Signature', { Signature: undefined }, 'MissingParameter', 'Signature'],
    ['no AccessKeyId', { AccessKeyId: undefined }, 'MissingParameter', 'AccessKeyId'],
    ['a malformed Timestamp', { Timestamp: '2026-02-30T03:04:05Z' }, 'InvalidTimeStamp.Format', 'Timestamp'],
    ['an unknown SignatureMethod', { SignatureMethod: 'HMAC-MD5' }, 'IncompleteSignature', 'SignatureMethod'],
  ])('rejects %s', async (_case, change: Record<string, string | undefined>, code, mentioned) => {
    const signed: Record<string, string> = signV1(v1Params(), 'POST', KEY.accessKeySecret);
    for (const [name, value] of Object.entries(change)) {
      if (value === undefined) delete signed[name];
      else signed[name] = value;
    }
    const response = await send('POST', '/', toForm(signed), formHeaders);
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body) as { Code: string; Message: string };
    expect(body.Code).toBe(code);
    if (code === 'MissingParameter') expect(body.Message).toContain(`"${mentioned}"`);
    expectNoSecretIn(response.body);
  });
});

describe('ACS3-HMAC-SHA256 (official SDKs)', () => {
  it('authenticates ECS DescribeInstanceStatus with a list parameter', async () => {
    const client = new EcsClient(sdkConfig(KEY));
    const response = await client.describeInstanceStatus(
      new DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou', instanceId: ['i-1', 'i-2'] }),
    );
    expect(response.statusCode).toBe(200);
    const { request, result } = lastExchange();
    // What the SDK puts on the wire: POST /, parameters in the query string, an empty body.
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/');
    expect(request.query).toEqual({ RegionId: 'cn-hangzhou', 'InstanceId.1': 'i-1', 'InstanceId.2': 'i-2' });
    expect(request.body).toHaveLength(0);
    expect(request.headers.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAI-test-key,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers.authorization).toContain(`,Signature=${signatureOf(request)}`);
    expect(signatureOf(request)).toMatch(/^[0-9a-f]{64}$/);
    expect(result).toEqual({
      ok: true,
      scheme: 'acs3',
      accessKeyId: KEY.accessKeyId,
      params: {
        Action: 'DescribeInstanceStatus',
        Version: '2014-05-26',
        RegionId: 'cn-hangzhou',
        'InstanceId.1': 'i-1',
        'InstanceId.2': 'i-2',
      },
      action: 'DescribeInstanceStatus',
      version: '2014-05-26',
      nonce: request.headers['x-acs-signature-nonce'],
      timestamp: expect.any(Number) as number,
    });
  });

  it('authenticates Kafka GetInstanceList with a list and a tag', async () => {
    const client = new KafkaClient(sdkConfig(KEY));
    await client.getInstanceList(
      new GetInstanceListRequest({
        regionId: 'cn-hangzhou',
        instanceId: ['alikafka_post-1', 'alikafka_post-2'],
        tag: [{ key: 'team name', value: "a*b~c!'()" }],
      }),
    );
    const { request, result } = lastExchange();
    expect(request.method).toBe('POST');
    expect(request.body).toHaveLength(0);
    expect(result).toEqual({
      ok: true,
      scheme: 'acs3',
      accessKeyId: KEY.accessKeyId,
      action: 'GetInstanceList',
      version: '2019-09-16',
      params: {
        Action: 'GetInstanceList',
        Version: '2019-09-16',
        RegionId: 'cn-hangzhou',
        'InstanceId.1': 'alikafka_post-1',
        'InstanceId.2': 'alikafka_post-2',
        'Tag.1.Key': 'team name',
        'Tag.1.Value': "a*b~c!'()",
      },
      nonce: request.headers['x-acs-signature-nonce'],
      timestamp: expect.any(Number) as number,
    });
  });

  it('authenticates an STS key with its token and rejects another token', async () => {
    await new EcsClient(sdkConfig(STS_KEY)).describeInstanceStatus(
      new DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou' }),
    );
    expect(lastExchange().result).toMatchObject({ ok: true, accessKeyId: STS_KEY.accessKeyId });
    await expect(
      new EcsClient(sdkConfig({ ...STS_KEY, securityToken: 'token-other' })).describeInstanceStatus(
        new DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou' }),
      ),
    ).rejects.toMatchObject({ code: 'InvalidSecurityToken.Mismatch', statusCode: 400 });
  });

  it('rejects a wrong secret with SignatureDoesNotMatch 400', async () => {
    const client = new EcsClient(sdkConfig({ ...KEY, accessKeySecret: 'not-the-secret' }));
    await expect(
      client.describeInstanceStatus(new DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou' })),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
    expectNoSecretIn(lastExchange().body);
  });

  it('rejects an unknown AccessKey ID with InvalidAccessKeyId.NotFound 404', async () => {
    const client = new KafkaClient(sdkConfig({ accessKeyId: 'LTAI-nobody', accessKeySecret: KEY.accessKeySecret }));
    await expect(client.getInstanceList(new GetInstanceListRequest({ regionId: 'cn-hangzhou' }))).rejects.toMatchObject(
      { code: 'InvalidAccessKeyId.NotFound', statusCode: 404 },
    );
  });

  it('rejects a replayed request whose query or action was changed', async () => {
    await new EcsClient(sdkConfig(KEY)).describeInstanceStatus(
      new DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou', instanceId: ['i-1'] }),
    );
    const original = lastExchange().request;
    const headers = Object.fromEntries(
      Object.entries(original.headers).filter(
        (entry): entry is [string, string] =>
          entry[1] !== undefined && entry[0] !== 'content-length' && entry[0] !== 'connection',
      ),
    );
    const replay = (path: string, changed: Record<string, string> = {}) =>
      send('POST', path, '', { ...headers, ...changed });

    expect((await replay('/?RegionId=cn-hangzhou&InstanceId.1=i-1')).status).toBe(200);
    const tampered = await replay('/?RegionId=cn-hangzhou&InstanceId.1=i-2');
    expect(tampered.status).toBe(400);
    expect(JSON.parse(tampered.body)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expectNoSecretIn(tampered.body);
    const otherAction = await replay('/?RegionId=cn-hangzhou&InstanceId.1=i-1', { 'x-acs-action': 'DeleteInstance' });
    expect(JSON.parse(otherAction.body)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    const withBody = await send('POST', '/?RegionId=cn-hangzhou&InstanceId.1=i-1', 'Force=true', headers);
    expect(JSON.parse(withBody.body)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    const unsignedHeader = await replay('/?RegionId=cn-hangzhou&InstanceId.1=i-1', { 'x-acs-extra': '1' });
    expect(JSON.parse(unsignedHeader.body)).toMatchObject({ Code: 'IncompleteSignature' });
    const noAuthorization = await send('POST', '/?RegionId=cn-hangzhou', '', {
      'x-acs-action': 'DescribeInstanceStatus',
      'x-acs-version': '2014-05-26',
    });
    expect(noAuthorization.status).toBe(400);
    expect(JSON.parse(noAuthorization.body)).toMatchObject({ Code: 'MissingParameter' });
  });
});
