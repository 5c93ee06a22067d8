/**
 * Decides which cloud a worker talks to: Alibaba Cloud (or the endpoint override), or the emulator
 * embedded in the process. With PROVISIONER_CLOUD=auto, the emulator is used when no Alibaba Cloud
 * credentials are configured anywhere the credential chain would look.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AlibabaCloud, staticCredentials, type CallRecord } from '../alicloud/client';
import type { Config } from '../config';
import { startEmulator, type Emulator } from '../emulator/server';

export interface ConnectedCloud {
  cloud: AlibabaCloud;
  /** Present when the emulator runs inside this process. */
  emulator: Emulator | undefined;
  close(): Promise<void>;
}

/** Whether `@alicloud/credentials`' default chain has something to find (it is not asked: that may hit the network). */
export function hasConfiguredCredentials(env: NodeJS.ProcessEnv = process.env, home = homedir()): boolean {
  const variables = [
    'ALIBABA_CLOUD_ACCESS_KEY_ID',
    'ALIBABA_CLOUD_CREDENTIALS_FILE',
    'ALIBABA_CLOUD_PROFILE',
    'ALIBABA_CLOUD_ROLE_ARN',
    'ALIBABA_CLOUD_ECS_METADATA',
    'ALIBABA_CLOUD_CREDENTIALS_URI',
  ];
  if (variables.some((name) => env[name])) return true;
  return [join(home, '.alibabacloud', 'credentials'), join(home, '.aliyun', 'config.json')].some((path) =>
    existsSync(path),
  );
}

/** Whether a worker with this configuration talks to the embedded emulator rather than Alibaba Cloud. */
export function usesEmulator(config: Pick<Config, 'cloud'>): boolean {
  return config.cloud === 'emulator' || (config.cloud === 'auto' && !hasConfiguredCredentials());
}

export async function connectCloud(
  config: Config,
  log: (line: string) => void,
  onCall?: (record: CallRecord) => void,
): Promise<ConnectedCloud> {
  const useEmulator = usesEmulator(config);
  const options = { regionId: config.regionId, timeoutMs: config.apiTimeoutMs, onCall };
  if (!useEmulator) {
    const cloud = new AlibabaCloud({ ...options, endpointOverride: config.endpointOverride });
    log(`Alibaba Cloud API: ${config.endpointOverride ?? 'the public endpoints'} (region ${config.regionId})`);
    return { cloud, emulator: undefined, close: () => Promise.resolve(cloud.close()) };
  }
  const emulator = await startEmulator({
    port: config.emulatorPort,
    timeScale: config.emulatorTimeScale,
    accessKeys: config.emulatorAccessKey && [config.emulatorAccessKey],
  });
  const cloud = new AlibabaCloud({
    ...options,
    endpointOverride: emulator.endpoint,
    credentials: staticCredentials(emulator.accessKey),
  });
  const why = config.cloud === 'emulator' ? 'PROVISIONER_CLOUD=emulator' : 'No Alibaba Cloud credentials configured';
  log(
    `${why}: using the embedded emulator at ${emulator.endpoint} ` +
      `(timeScale ${config.emulatorTimeScale}; state at ${emulator.endpoint}/__admin/state)`,
  );
  return {
    cloud,
    emulator,
    close: async () => {
      cloud.close();
      await emulator.close();
    },
  };
}
