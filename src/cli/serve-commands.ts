/**
 * The commands that serve until Ctrl-C: dev, worker, codec-server, emulator. The dev stack (src/local,
 * src/emulator) is loaded by the commands that need it, when they run, never by the others.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config';
import type * as EmulatorServer from '../emulator/server';
import type * as LocalCloud from '../local/cloud';
import type * as LocalStack from '../local/stack';
import { startCodecServer } from '../secrets/codec-server';
import { loadConfiguredKeys } from '../secrets/keys';
import { alibabaCloud, serveWorker } from '../worker';
import { decimalOption, portOption } from './options';

/** Loads a module of the dev stack; the import boundaries forbid static imports of it outside src/local. */
function devOnly<Module>(path: string): Module {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on purpose: see above
  return require(path) as Module;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
}

export function addServeCommands(program: Command): void {
  program
    .command('dev')
    .description(
      'run everything locally: the Temporal dev server (unless TEMPORAL_ADDRESS is set), the emulator and the worker; ' +
        'provision each example, print a summary, then serve until Ctrl-C',
    )
    .option('--once', 'stop after the summary (exit 3 if an example failed)')
    .option('--no-examples', 'only serve jobs')
    .option('--port <port>', "the dev server's gRPC port", portOption, 7233)
    .option('--ui-port <port>', "the dev server's Web UI port", portOption, 8233)
    .action(async (options: { once?: boolean; examples: boolean; port: number; uiPort: number }) => {
      // The examples' progress is the story here; set PROVISIONER_LOG_LEVEL=INFO to see every API call too.
      const env = { ...process.env, PROVISIONER_LOG_LEVEL: process.env.PROVISIONER_LOG_LEVEL ?? 'WARN' };
      const config = loadConfig(env);
      const { runLocalStack } = devOnly<typeof LocalStack>('../local/stack');
      process.exitCode = await runLocalStack(config, options);
    });

  program
    .command('worker')
    .description(
      'run a worker against the configured Temporal server and Alibaba Cloud (PROVISIONER_CLOUD=emulator: the embedded emulator)',
    )
    .action(async () => {
      const config = loadConfig();
      // The embedded emulator only when asked for by name; without credentials, a worker refuses to start.
      const connect =
        config.cloud === 'emulator'
          ? devOnly<typeof LocalCloud>('../local/cloud').embeddedEmulator(config, console.log)
          : alibabaCloud(config, console.log);
      await serveWorker(config, connect);
    });

  program
    .command('codec-server')
    .description('decode encrypted payloads for the Temporal Web UI (Settings → Codec Server) with the payload keys')
    .option('--port <port>', 'port to listen on', portOption, 8888)
    .option(
      '--host <host>',
      'address to listen on (0.0.0.0 in a container; without a token, only a loopback Host is served)',
      '127.0.0.1',
    )
    .option('--cors-origin <url>', 'the Web UI origin allowed to call it', 'http://localhost:8233')
    .action(async (options: { port: number; host: string; corsOrigin: string }) => {
      const config = loadConfig();
      const keys = loadConfiguredKeys(config, console.error);
      // The token comes from the environment only: a command-line flag would show in `ps`.
      const token = config.codecServerToken;
      const server = await startCodecServer(keys, { ...options, token });
      const access = token ? 'a bearer token (PROVISIONER_CODEC_SERVER_TOKEN) is required' : 'no token is required';
      console.log(`Codec server on ${server.url} (for ${options.corsOrigin}); ${access}; Ctrl-C stops it.`);
      await untilSignal();
      await server.close();
    });

  program
    .command('emulator')
    .description('run the local Alibaba Cloud emulator alone (the OpenAPI on localhost, for any Alibaba Cloud client)')
    .option('--port <port>', 'port to listen on (default: PROVISIONER_EMULATOR_PORT, 8765)', portOption)
    .option('--host <host>', 'address to listen on (0.0.0.0 in a container)', '127.0.0.1')
    .option(
      '--time-scale <factor>',
      'multiplies the realistic durations (default: PROVISIONER_EMULATOR_TIME_SCALE)',
      decimalOption,
    )
    .action(async (options: { port?: number; host: string; timeScale?: number }) => {
      const config = loadConfig();
      const { startEmulator } = devOnly<typeof EmulatorServer>('../emulator/server');
      const emulator = await startEmulator({
        port: options.port ?? config.emulatorPort,
        host: options.host,
        timeScale: options.timeScale ?? config.emulatorTimeScale,
        accessKeys: config.emulatorAccessKey && [config.emulatorAccessKey],
      });
      console.log(`Alibaba Cloud emulator on ${emulator.endpoint} (AccessKeyId ${emulator.accessKey.accessKeyId})`);
      console.log(
        `  ALIBABA_CLOUD_ENDPOINT_OVERRIDE=${emulator.endpoint}; admin state: ${emulator.endpoint}/__admin/state`,
      );
      await untilSignal();
      await emulator.close();
    });
}
