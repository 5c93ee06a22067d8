/**
 * The emulator and a cloud client pointed at it, for one test file: real HTTP, real signatures.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { AlibabaCloud, staticCredentials, type AlibabaCloudOptions } from '../../src/alicloud/client';
import { signV1 } from '../../src/emulator/signature';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/server';

export interface EmulatedCloud {
  emulator: Emulator;
  cloud: AlibabaCloud;
  close(): Promise<void>;
}

export async function startEmulatedCloud(
  options: EmulatorOptions = {},
  client: Partial<AlibabaCloudOptions> = {},
): Promise<EmulatedCloud> {
  const emulator = await startEmulator({ port: 0, timeScale: 0.0001, ...options });
  const cloud = new AlibabaCloud({
    regionId: 'cn-hangzhou',
    endpointOverride: emulator.endpoint,
    credentials: staticCredentials(emulator.accessKey),
    timeoutMs: 5_000,
    ...client,
  });
  return {
    emulator,
    cloud,
    close: async () => {
      cloud.close();
      await emulator.close();
    },
  };
}

/** A subscription (PrePaid) ECS instance bought through the signed API, expiring at `expiredTime` (ms). */
export async function subscriptionEcsInstance(env: EmulatedCloud, expiredTime: number): Promise<string> {
  const created = await env.cloud.call('ecs:CreateInstance', {
    RegionId: 'cn-hangzhou',
    InstanceType: 'ecs.g7.large',
    ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
    InstanceChargeType: 'PrePaid',
    Period: 1,
  });
  const instanceId = created.InstanceId as string;
  env.emulator.state.ecs.instances.get(instanceId)!.ExpiredTime = expiredTime;
  return instanceId;
}

/** Calls `read` until `done` holds for its result (state machines move on their own clock). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The error a promise rejects with, as plain JSON (what logs and workflow histories would get). */
export async function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

/** The ApplicationFailure a step (an activity run outside a worker) rejects with. */
export async function applicationFailureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the step to fail');
}

/** A `Timestamp` as the protocol writes it, `offsetMs` from now. */
export function timestamp(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A v1-signed POST made by hand, for what no client library would send: `params` over the signing ones. */
export async function signedPost(
  emulator: Emulator,
  params: Record<string, string>,
  secret = emulator.accessKey.accessKeySecret,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const signed = signV1(
    {
      Format: 'JSON',
      AccessKeyId: emulator.accessKey.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: timestamp(),
      ...params,
    },
    'POST',
    secret,
  );
  const response = await fetch(`${emulator.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(signed).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
