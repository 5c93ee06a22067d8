/**
 * Starts one real Temporal dev server (the official CLI, found or installed by src/local/temporal-cli)
 * and bundles the workflows once. Test files find both through the TEST_* variables set here, which
 * jest's worker processes inherit. With TEMPORAL_ADDRESS set, that server is used instead.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { dynamicConfigArgs } from '../src/local/dev-server';
import { resolveTemporalCli, temporalCliVersion } from '../src/local/temporal-cli';

async function startTemporal(): Promise<TestWorkflowEnvironment> {
  const existing = process.env.TEMPORAL_ADDRESS;
  if (existing) {
    return await TestWorkflowEnvironment.createFromExistingServer({
      address: existing,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    });
  }
  const cli = await resolveTemporalCli({ log: (line) => console.log(line) });
  console.log(`\n${await temporalCliVersion(cli.path)} (found by route "${cli.route}")`);
  return await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli.path }, ip: '127.0.0.1', extraArgs: dynamicConfigArgs() },
  });
}

export default async function globalSetup(): Promise<void> {
  const [environment, bundle] = await Promise.all([
    startTemporal(),
    bundleWorkflowCode({
      workflowsPath: require.resolve('../src/workflows'),
      failureConverterPath: require.resolve('../src/secrets/failure-converter'),
      logger: quietLogger,
    }),
  ]);
  const bundleDir = mkdtempSync(join(tmpdir(), 'alicloud-provisioner-bundle-'));
  const bundlePath = join(bundleDir, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  globalThis.temporalTestEnvironment = environment;
  globalThis.temporalTestBundleDir = bundleDir;
  process.env.TEST_TEMPORAL_ADDRESS = environment.address;
  process.env.TEST_TEMPORAL_NAMESPACE = environment.namespace ?? 'default';
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
}

const ignore = () => undefined;
const quietLogger = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: console.warn,
  error: console.error,
  log: ignore,
};
