/**
 * The emulator and a cloud client pointed at it, for one test file: real HTTP, real signatures.
 */
import { AlibabaCloud, staticCredentials, type AlibabaCloudOptions } from '../../src/alicloud/client';
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
