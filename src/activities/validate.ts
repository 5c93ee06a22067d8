/**
 * The first step of every workflow: the request against the documented rules (every issue at once,
 * before anything is bought), and for ECS the API's own DryRun pre-check.
 */
import { isDeepStrictEqual } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { AlibabaCloudError } from '../alicloud/errors';
import type { ValidationIssue } from '../schemas/common';
import type { ValidatedAction } from '../actions';
import { validateJobRequest } from '../actions';
import type { CreateInstanceRequest } from '../schemas/ecs';
import { FailureType } from '../failure-types';
import { runStep, withRunTag, type StepDependencies } from './step';

export interface RequestToValidate {
  action: ValidatedAction;
  request: unknown;
}

/**
 * One issue, with the action it belongs to (`ecs:CreateInstance`), or the workflow's name for an
 * option of the job's own (a deadline, a fleet renewal's window).
 */
export type RequestIssue = ValidationIssue & { action: string };

export function createValidateActivities(deps: StepDependencies) {
  return {
    /**
     * Validates every request. Returns, per request, what parsing made of it (dotted families nested,
     * wire strings typed), or null where that is the request as given: a request already in the
     * parsed form, as most are, is then not copied into the history once more.
     */
    validateRequests(requests: RequestToValidate[]): Promise<unknown[]> {
      const issues: RequestIssue[] = [];
      const parsed = requests.map(({ action, request }) => {
        const result = validateJobRequest(action, request);
        if (result.ok) return isDeepStrictEqual(result.value, request) ? null : result.value;
        issues.push(...result.issues.map((issue) => ({ action, ...issue })));
        return undefined;
      });
      if (issues.length > 0) {
        const list = issues.map((issue) => `${issue.path || '(request)'}: ${issue.message}`).join('; ');
        throw ApplicationFailure.create({
          type: FailureType.invalidParameter,
          message: `The request breaks ${issues.length} documented rule${issues.length === 1 ? '' : 's'}: ${list}`,
          nonRetryable: true,
          details: issues,
        });
      }
      return Promise.resolve(parsed);
    },

    /** ECS's own pre-check (CreateInstance with DryRun=true): DryRunOperation means it would pass. */
    async dryRunCreateInstance(request: CreateInstanceRequest) {
      return runStep(deps, async ({ call }) => {
        try {
          // The request the create will send, the run's tag with it.
          await call('ecs:CreateInstance', { ...withRunTag(request), DryRun: true });
        } catch (error) {
          if (error instanceof AlibabaCloudError && error.code === 'DryRunOperation') return { passed: true };
          throw error;
        }
        // An answer without DryRunOperation would mean an instance was made: never treat that as a pass.
        throw ApplicationFailure.create({
          type: 'DryRunIgnored',
          message: 'CreateInstance with DryRun=true did not answer DryRunOperation',
          nonRetryable: true,
        });
      });
    },
  };
}
