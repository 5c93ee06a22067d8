import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  await globalThis.temporalTestEnvironment?.teardown();
  if (globalThis.temporalTestBundleDir) rmSync(globalThis.temporalTestBundleDir, { recursive: true, force: true });
}
