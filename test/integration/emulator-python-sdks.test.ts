/**
 * The emulator against Alibaba Cloud's official Python SDKs (pinned in test/helpers/python-sdks.ts,
 * installed into .tools/ on first run), which send booleans as Python writes them: `True` / `False`.
 * test/python/official_sdks.py makes the calls and prints their outcomes; the emulator's state shows
 * that they landed.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { PYTHON, pythonSdks } from '../helpers/python-sdks';

const run = promisify(execFile);
const SCRIPT = path.resolve(__dirname, '../python/official_sdks.py');
const SERVER_EXPIRES = Date.UTC(2027, 0, 15, 12);

/** One call's answer body, or the error code the SDK raised. */
interface Outcome {
  body?: Record<string, unknown>;
  error?: string;
}
interface Results {
  ecsDryRun: Outcome;
  ecsCreate: Outcome;
  ecsStart: Outcome;
  kafkaOrder: Outcome;
  kafkaInstanceId: string;
  kafkaStart: Outcome;
  ensRenew: Outcome;
}

let emulator: Emulator | undefined;
let serverId: string;
let results: Results;

beforeAll(async () => {
  const sdks = await pythonSdks();
  // Created ECS instances are Stopped at once, so the script can start one right after creating it.
  emulator = await startEmulator({ port: 0, timeScale: 0.0001, durations: { ecsCreateMs: 0 } });
  [serverId] = emulator.seedArmServers({ count: 1, expiresFrom: SERVER_EXPIRES, expiresWithinMs: 0 }) as [string];
  const { stdout } = await run(PYTHON, [SCRIPT, serverId], {
    env: {
      ...process.env,
      PYTHONPATH: sdks,
      EMULATOR_ENDPOINT: emulator.endpoint,
      ALIBABA_CLOUD_ACCESS_KEY_ID: emulator.accessKey.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: emulator.accessKey.accessKeySecret,
    },
    timeout: 120_000,
  });
  results = JSON.parse(stdout) as Results;
}, 600_000);
afterAll(() => emulator?.close());

const REQUEST_ID = expect.any(String) as unknown;

describe('the emulator serves the official Python SDKs, booleans as True/False', () => {
  it('ECS CreateInstance with dry_run=True answers DryRunOperation and creates nothing; without DryRun it creates', () => {
    const { state } = emulator!;
    const instanceId = results.ecsCreate.body?.InstanceId;

    expect(results.ecsDryRun).toEqual({ error: 'DryRunOperation' });
    expect(results.ecsCreate).toEqual({
      body: { InstanceId: expect.stringMatching(/^i-/) as unknown, RequestId: REQUEST_ID },
    });
    expect([...state.ecs.instances.keys()]).toEqual([instanceId]);
    expect(Object.fromEntries(state.calls.get('ecs:CreateInstance')!)).toEqual({ DryRunOperation: 1, OK: 1 });
  });

  it('ECS StartInstance with dry_run=False starts the instance', () => {
    const instance = emulator!.state.ecs.instances.get(results.ecsCreate.body?.InstanceId as string)!;

    expect(results.ecsStart).toEqual({ body: { RequestId: REQUEST_ID } });
    expect(instance.status.since('Starting')).toEqual(expect.any(Number));
    expect(Object.fromEntries(emulator!.state.calls.get('ecs:StartInstance')!)).toEqual({ OK: 1 });
  });

  it('alikafka StartInstance with is_eip_inner=False, cross_zone=True deploys the ordered instance', () => {
    const instance = emulator!.state.kafka.instances.get(results.kafkaInstanceId)!;

    expect(results.kafkaOrder.body).toMatchObject({ Success: true, OrderId: instance.OrderId });
    expect(results.kafkaStart).toEqual({
      body: { Code: 200, Message: 'operation success.', RequestId: REQUEST_ID, Success: true },
    });
    // What the SDK put on the wire: Python's spellings, which the emulator took.
    expect(instance.deploy).toMatchObject({ IsEipInner: 'False', CrossZone: 'True', IsSetUserAndPassword: 'False' });
    expect(instance.serviceStatus.since(1)).toEqual(expect.any(Number));
  });

  it('ENS RenewARMServerInstance with auto_renew=True renews the server once, by one month', () => {
    const { state } = emulator!;

    expect(results.ensRenew).toEqual({ body: { RequestId: REQUEST_ID } });
    expect(state.renewals.get(serverId)).toBe(1);
    expect(state.ens.armServers.get(serverId)?.ExpiredTime).toBe(Date.UTC(2027, 1, 15, 12));
  });
});
