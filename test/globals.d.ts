import type { TestWorkflowEnvironment } from '@temporalio/testing';

// Set by the global setup, read by the global teardown (both run in jest's parent process).
declare global {
  var temporalTestEnvironment: TestWorkflowEnvironment | undefined;
  var temporalTestBundleDir: string | undefined;
}
