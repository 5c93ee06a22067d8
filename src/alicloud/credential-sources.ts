/**
 * Where `@alicloud/credentials`' default chain looks for credentials, so that a process can tell
 * whether it has any before the first call, without asking the chain (that may hit the network).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The variables that give the chain credentials, or tell it where to find them. */
export const CREDENTIAL_VARIABLES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID',
  'ALIBABA_CLOUD_CREDENTIALS_FILE',
  'ALIBABA_CLOUD_PROFILE',
  'ALIBABA_CLOUD_ROLE_ARN',
  'ALIBABA_CLOUD_ECS_METADATA',
  'ALIBABA_CLOUD_CREDENTIALS_URI',
] as const;

/** The files the chain reads under the home folder. */
export function credentialFiles(home = homedir()): string[] {
  return [join(home, '.alibabacloud', 'credentials'), join(home, '.aliyun', 'config.json')];
}

export function hasConfiguredCredentials(env: NodeJS.ProcessEnv = process.env, home = homedir()): boolean {
  return CREDENTIAL_VARIABLES.some((name) => env[name]) || credentialFiles(home).some((path) => existsSync(path));
}
