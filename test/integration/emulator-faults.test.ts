import { AlibabaCloud, staticCredentials } from '../../src/alicloud/client';
import { startEmulator } from '../../src/emulator/server';
import { failureOf, startEmulatedCloud, waitFor, type EmulatedCloud } from '../helpers/emulator';

const CREATE = { RegionId: 'cn-hangzhou', InstanceType: 'ecs.g7.large', ImageId: 'img' };

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({}, { timeoutMs: 300 });
});
beforeEach(() => env.emulator.reset());
afterAll(() => env.close());

describe('fault injection and the retry class of each failure', () => {
  it('answers an error code for the next N calls only, then serves normally', async () => {
    const { cloud, emulator } = env;
    emulator.faults.add({ action: 'ecs:DescribeInstanceStatus', kind: 'error', code: 'Throttling.User', times: 2 });

    const first = await failureOf(cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' }));
    const second = await failureOf(cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' }));
    const third = await cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' });

    expect([first.code, first.retryClass, first.httpStatus]).toEqual(['Throttling.User', 'throttled', 400]);
    expect(second.code).toBe('Throttling.User');
    expect(third.TotalCount).toBe(0);
    expect(emulator.state.snapshot().calls['ecs:DescribeInstanceStatus']).toEqual({ 'Throttling.User': 2, OK: 1 });
  });

  it.each([
    ['Throttling.User', 400, 'throttled'],
    ['Throttling.Resource', 429, 'throttled'],
    ['OrderLatestOrderIsHandling', 400, 'transient'],
    ['OperationConflict', 409, 'transient'],
    ['ServiceUnavailable', 503, 'transient'],
    ['InternalError', 500, 'transient'],
    ['InvalidParameter', 400, 'terminal'],
    ['NoPermission', 403, 'terminal'],
    ['Made.Up.ClientError', 400, 'terminal'],
    ['Made.Up.ServerError', 502, 'transient'],
  ])('classifies %s (HTTP %d) as %s', async (code, httpStatus, retryClass) => {
    const { cloud, emulator } = env;
    emulator.faults.add({ action: 'ecs:CreateInstance', kind: 'error', code, httpStatus });

    const failure = await failureOf(cloud.call('ecs:CreateInstance', CREATE));

    expect(failure).toMatchObject({ code, httpStatus, retryClass, action: 'CreateInstance', product: 'ecs' });
    expect(failure.requestId).toEqual(expect.stringMatching(/^[0-9A-F-]{36}$/));
    expect(emulator.state.ecs.instances.size).toBe(0);
  });

  it('turns an HTML 503 page into a transient Transport.InvalidResponse instead of a bare SyntaxError', async () => {
    const { cloud, emulator } = env;
    emulator.faults.add({ action: 'ecs:CreateInstance', kind: 'html503' });

    expect(await failureOf(cloud.call('ecs:CreateInstance', CREATE))).toMatchObject({
      code: 'Transport.InvalidResponse',
      retryClass: 'transient',
    });
    expect(emulator.state.ecs.instances.size).toBe(0);
  });

  it('calls a dropped connection on a mutating call ambiguous, and nothing was applied', async () => {
    const { cloud, emulator } = env;
    emulator.faults.add({ action: 'ecs:CreateInstance', kind: 'drop' });

    expect(await failureOf(cloud.call('ecs:CreateInstance', CREATE))).toMatchObject({
      code: 'Transport.ConnectionReset',
      retryClass: 'ambiguous',
    });
    expect(emulator.state.ecs.instances.size).toBe(0);
  });

  it('calls "applied but lost" ambiguous, and the change was applied', async () => {
    const { cloud, emulator } = env;
    emulator.faults.add({ action: 'alikafka:CreatePostPayOrder', kind: 'appliedButLost' });

    const failure = await failureOf(
      cloud.call('alikafka:CreatePostPayOrder', {
        RegionId: 'cn-hangzhou',
        DeployType: 5,
        IoMaxSpec: 'alikafka.hw.2xlarge',
        PartitionNum: 50,
      }),
    );

    expect(failure).toMatchObject({ code: 'Transport.ConnectionReset', retryClass: 'ambiguous' });
    expect(emulator.state.kafka.instances.size).toBe(1);
  });

  it('calls a timeout ambiguous on a mutating call and transient on a read', async () => {
    const { cloud, emulator } = env;
    emulator.faults.add(
      { action: 'ecs:StartInstance', kind: 'latency', ms: 1_000 },
      { action: 'ecs:DescribeInstanceStatus', kind: 'latency', ms: 1_000 },
    );

    const write = await failureOf(cloud.call('ecs:StartInstance', { InstanceId: 'i-1' }));
    const read = await failureOf(cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' }));

    expect([write.code, write.retryClass]).toEqual(['Transport.Timeout', 'ambiguous']);
    expect([read.code, read.retryClass]).toEqual(['Transport.Timeout', 'transient']);
  });

  it('calls a refused connection transient even for a mutating call: nothing was sent', async () => {
    const closed = new AlibabaCloud({
      regionId: 'cn-hangzhou',
      endpointOverride: 'http://127.0.0.1:1',
      credentials: staticCredentials(env.emulator.accessKey),
    });

    expect(await failureOf(closed.call('ecs:CreateInstance', CREATE))).toMatchObject({
      code: 'Transport.ConnectionFailed',
      retryClass: 'transient',
    });
    closed.close();
  });

  it('answers Throttling.User past the documented per-user rate limit of CreateLoadBalancer (5/s)', async () => {
    // A client of its own, patient enough for 40 answers on a loaded machine (this file's is quick to time out).
    const cloud = new AlibabaCloud({
      regionId: 'cn-hangzhou',
      endpointOverride: env.emulator.endpoint,
      credentials: staticCredentials(env.emulator.accessKey),
      timeoutMs: 60_000,
    });
    const request = { EnsRegionId: 'r', LoadBalancerSpec: 's', PayType: 'PostPaid', NetworkId: 'n', VSwitchId: 'v' };
    const started = Date.now();

    // 40 at once: all of them would get through only if answering them took over 7 s (5 + 7 × 5 = 40),
    // so at least one is throttled however slow the machine.
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        cloud.call('ens:CreateLoadBalancer', request).then(
          () => 'OK',
          (error: { code: string }) => error.code,
        ),
      ),
    );
    const allowed = 5 + Math.floor(((Date.now() - started) / 1000) * 5);
    cloud.close();

    const ok = outcomes.filter((outcome) => outcome === 'OK').length;

    expect(ok).toBeLessThanOrEqual(Math.min(allowed, 39));
    expect(ok).toBeGreaterThanOrEqual(5);
    expect(outcomes.filter((outcome) => outcome === 'Throttling.User').length).toBe(40 - ok);
  });

  it('injects the same seeded storm in the same order for the same seed', async () => {
    const { cloud, emulator } = env;
    const run = async () => {
      emulator.reset();
      emulator.faults.setStorm({
        seed: 42,
        actions: ['ecs:DescribeInstanceStatus'],
        rates: { throttling: 0.3, serverError: 0.1, html503: 0.05 },
      });
      const codes: string[] = [];
      for (let call = 0; call < 40; call++) {
        codes.push(
          await cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' }).then(
            () => 'OK',
            (error: { code: string }) => error.code,
          ),
        );
      }
      return codes;
    };

    const first = await run();
    const second = await run();

    expect(second).toEqual(first);
    expect(first.filter((code) => code !== 'OK').length).toBeGreaterThan(0);
    expect(first.filter((code) => code === 'OK').length).toBeGreaterThan(20);
  });
});

describe('a cloud outage (POST /__admin/outage)', () => {
  const outage = (endpoint: string, body: unknown) =>
    fetch(`${endpoint}/__admin/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const describeStatus = () => env.cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' });

  it('refuses and resets every connection for the time asked, then serves again with its state kept', async () => {
    const { cloud, emulator } = env;
    const { InstanceId } = await cloud.call<{ InstanceId: string }>('ecs:CreateInstance', CREATE);

    const answer = await outage(emulator.endpoint, { ms: 1_500 });
    const down = Date.now();
    const answered = await answer.json();
    const during = await failureOf(describeStatus());
    const after = await waitFor(
      () => describeStatus().catch(() => undefined),
      (response) => response !== undefined,
    );
    const downMs = Date.now() - down;

    expect([answer.status, answered]).toEqual([200, { outageMs: 1_500 }]);
    // A kept-alive socket cut under the client is a reset, a fresh one refused: neither is an HTTP answer.
    expect(during.code).toMatch(/^Transport\.Connection(Failed|Reset)$/);
    expect(during.httpStatus).toBeUndefined();
    expect(downMs).toBeGreaterThanOrEqual(1_400);
    expect(after?.TotalCount).toBe(1);
    expect(emulator.state.snapshot().ecs.map((instance) => instance.InstanceId)).toEqual([InstanceId]);
  });

  it('answers 400 naming ms for an outage that is not a positive number of milliseconds, and stays up', async () => {
    const answer = await outage(env.emulator.endpoint, { ms: -1 });

    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: string }).error).toMatch(/\bms\b/);
    expect((await describeStatus()).TotalCount).toBe(0);
  });

  it('closes during an outage at once, and does not listen again afterwards', async () => {
    const emulator = await startEmulator({ port: 0 });
    await (await outage(emulator.endpoint, { ms: 200 })).json();

    await emulator.close();
    // Past the end of the outage: the cancelled re-listen must not have opened the port again.
    await new Promise((resolve) => setTimeout(resolve, 400));

    await expect(fetch(`${emulator.endpoint}/__admin/state`)).rejects.toThrow('fetch failed');
  });
});
