/**
 * The failure types of this project's own; every other failure type is an Alibaba Cloud error code.
 * Pure, so the workflows, the activities and the client name them from one place.
 */
export const FailureType = {
  /** The request breaks a documented rule; details list every issue. */
  invalidParameter: 'InvalidParameter',
  /** The resource is not ready yet: a benign failure that makes the polling activity look again. */
  notReady: 'NotReady',
  /** The resource reached a state it will not recover from (Kafka ServiceStatus 101, 10, 15). */
  resourceFailed: 'ResourceFailed',
  /** A renewal's result is not what was asked for: ExpiredTime moved by something else than the period. */
  renewalMismatch: 'RenewalMismatch',
  /** The API answered something a correct answer cannot be (a listing's NextToken that does not move). */
  unexpectedAnswer: 'UnexpectedAnswer',
  /** The job's deadline passed before a step could finish. */
  deadlineExceeded: 'DeadlineExceeded',
  /** A workflow failed with something that has no type of its own. */
  workflowError: 'WorkflowError',
} as const;
