/**
 * The cloud the local stack's worker talks to: Alibaba Cloud when credentials are configured (or
 * PROVISIONER_CLOUD=alibaba-cloud), otherwise the emulator, embedded in the process. Production
 * workers never load this module: `worker` reaches it only with PROVISIONER_CLOUD=emulator.
 */
import { AlibabaCloud, staticCredentials } from '../alicloud/client';
import { hasConfiguredCredentials } from '../alicloud/credential-sources';
import type { Config } from '../config';
import { startEmulator } from '../emulator/server';
import { alibabaCloud, type CloudConnector } from '../worker';

/** Whether a worker with this configuration talks to the embedded emulator rather than Alibaba Cloud. */
export function usesEmulator(config: Pick<Config, 'cloud'>): boolean {
  return config.cloud === 'emulator' || (config.cloud === 'auto' && !hasConfiguredCredentials());
}

/** The emulator in this process, and a client of it signed with the emulator's own key. */
export function embeddedEmulator(config: Config, log: (line: string) => void): CloudConnector {
  return async (onCall) => {
    const emulator = await startEmulator({
      port: config.emulatorPort,
      timeScale: config.emulatorTimeScale,
      accessKeys: config.emulatorAccessKey && [config.emulatorAccessKey],
    });
    const cloud = new AlibabaCloud({
      regionId: config.regionId,
      timeoutMs: config.apiTimeoutMs,
      onCall,
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
      close: async () => {
        cloud.close();
        await emulator.close();
      },
    };
  };
}

/** The local stack's choice: the embedded emulator unless Alibaba Cloud credentials are configured. */
export function localCloud(config: Config, log: (line: string) => void): CloudConnector {
  return usesEmulator(config) ? embeddedEmulator(config, log) : alibabaCloud(config, log);
}
