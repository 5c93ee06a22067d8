/**
 * Where the payload keys come from: PROVISIONER_CODEC_KEYS (`id=base64,id2=base64`, with
 * PROVISIONER_CODEC_KEY_ID naming the active one, the first by default), or else a key generated
 * once under the data folder, so a local setup encrypts from its first run.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';
import { EncryptionCodec, type CodecKeys } from './codec';

export interface KeySettings {
  /** `id=base64key,...` */
  keys: string | undefined;
  activeKeyId: string | undefined;
  dataDir: string;
}

export function parseKeys(text: string, activeKeyId?: string): CodecKeys {
  const keys = new Map<string, Buffer>();
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf('=');
    if (separator <= 0) throw new Error('PROVISIONER_CODEC_KEYS must be id=base64key pairs separated by commas');
    keys.set(entry.slice(0, separator), Buffer.from(entry.slice(separator + 1), 'base64'));
  }
  const first = keys.keys().next().value;
  if (first === undefined) throw new Error('PROVISIONER_CODEC_KEYS holds no key');
  return { activeKeyId: activeKeyId ?? first, keys };
}

/** The keys to use, generating and saving one under the data folder when none is configured. */
export function loadKeys(settings: KeySettings, log: (line: string) => void): CodecKeys {
  if (settings.keys) return parseKeys(settings.keys, settings.activeKeyId);
  const file = join(settings.dataDir, 'codec-keys');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `local-1=${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    log(
      `Generated a payload encryption key in ${file}; other workers and clients need it too (PROVISIONER_CODEC_KEYS).`,
    );
  }
  return parseKeys(readFileSync(file, 'utf8'), settings.activeKeyId);
}

/** The data converter every client and worker of this project uses. */
export function dataConverter(keys: CodecKeys): DataConverter {
  return {
    payloadCodecs: [new EncryptionCodec(keys)],
    failureConverterPath: require.resolve('./failure-converter'),
  };
}

/** The keys a process's configuration names, or the one generated under its data folder. */
export function loadConfiguredKeys(
  config: Pick<Config, 'codecKeys' | 'codecKeyId' | 'dataDir'>,
  log: (line: string) => void,
): CodecKeys {
  return loadKeys({ keys: config.codecKeys, activeKeyId: config.codecKeyId, dataDir: config.dataDir }, log);
}
