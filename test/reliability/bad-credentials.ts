/**
 * 6. Bad credentials: a worker whose AccessKey secret is wrong, and one whose AccessKey ID does not
 * exist. The job must fail at its first call, in one attempt, with the API's code and a message that
 * says which setting to fix.
 */
import { WorkflowFailedError } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import type { AccessKey } from '../../src/emulator/signature';
import { startJob } from '../../src/starters';
import { FAST } from '../helpers/provisioning';
import type { ChaosStack } from './stack';

export interface BadCredentialsResult {
  credentials: string;
  code: string;
  message: string;
  /** Calls the emulator refused with that code for this job (1: one attempt, no retry). */
  refusedCalls: number;
}

export async function badCredentials(stack: ChaosStack): Promise<BadCredentialsResult[]> {
  const cases: [string, AccessKey][] = [
    ['a wrong AccessKey secret', { ...stack.key, accessKeySecret: randomBytes(24).toString('base64url') }],
    ['an AccessKey ID that does not exist', { ...stack.key, accessKeyId: `STS.${randomBytes(12).toString('hex')}` }],
  ];
  const results: BadCredentialsResult[] = [];
  for (const [index, [credentials, key]] of cases.entries()) {
    const refusedBefore = (await stack.emulator.admin.state()).calls['(unauthenticated)'] ?? {};
    await stack.startWorkers(1, key);
    try {
      const handle = await startJob(stack.client, 'provisionEcsInstance', FAST.ecs(`bad-credentials-${index}`), {
        taskQueue: stack.taskQueue,
      });
      const failure = await handle.result().then(
        () => {
          throw new Error(`the job with ${credentials} completed`);
        },
        (error: unknown) => {
          if (!(error instanceof WorkflowFailedError)) throw error;
          return error.cause as { type?: string; message?: string };
        },
      );
      const code = failure.type ?? 'unknown';
      const refusedAfter = (await stack.emulator.admin.state()).calls['(unauthenticated)'] ?? {};
      results.push({
        credentials,
        code,
        message: failure.message ?? '',
        refusedCalls: (refusedAfter[code] ?? 0) - (refusedBefore[code] ?? 0),
      });
    } finally {
      await stack.stopWorkers();
    }
  }
  return results;
}
