/**
 * What every provisioning and renewal workflow shares: the progress it reports, the overall
 * deadline every step is bounded by, the resources it has bought, and the clean-up that releases
 * them (last created first) when the job fails or is cancelled and the input asks for it.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  TimeoutFailure,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { StepResult } from '../activities/step';
import type { RequestToValidate } from '../activities/validate';
import { FailureType } from '../failure-types';
import type { ValidationIssue } from '../schemas/issue';
import { firstLookDelayMs, withExpected, type ReadinessPolicy } from '../policy/readiness';
import { progressQuery, releaseOnCancelSignal, type JobOptions, type JobStats, type Progress } from './progress';
import { deadlineMsOf, isRecord, jobInputIssues } from './job-input';
import { cleanUp, polling, validation } from './steps';

/** The type of the failure a workflow ends with when its deadline passes. */

interface FailureDetails {
  calls?: number;
  requestId?: string;
}

/**
 * The failure of a job whose own options (not an API request's) break `issues`: InvalidParameter,
 * naming each option, with the issues as details.
 */
export function invalidParameter(workflow: string, subject: string, issues: ValidationIssue[]): ApplicationFailure {
  const list = issues.map((issue) => `${issue.path || '(input)'}: ${issue.message}`).join('; ');
  return ApplicationFailure.create({
    type: FailureType.invalidParameter,
    message: `${subject} breaks ${issues.length} rule${issues.length === 1 ? '' : 's'}: ${list}`,
    nonRetryable: true,
    details: issues.map((issue) => ({ action: workflow, ...issue })),
  });
}

export class Job {
  private readonly startedAt = Date.now();
  private readonly deadlineAt: number;
  private readonly releases: { label: string; release: (activities: Activities) => Promise<StepResult<unknown>> }[] =
    [];
  private readonly state: Omit<Progress, 'elapsedMs'>;
  /** What is wrong with the input's own options: the validate step fails with it, before any call. */
  private readonly inputIssues: ValidationIssue[];
  private options: JobOptions;
  /** The cloud's clock against real time, once a step has reported it (the emulator does; Alibaba Cloud does not). */
  private cloudTimeScale: number | undefined;

  /** `input` is read defensively: the job may have been started with anything at all. */
  constructor(workflow: string, input: JobOptions, defaultDeadline: string) {
    this.inputIssues = jobInputIssues(workflow, input);
    this.options = isRecord(input) ? input : {};
    // A deadline that is not one is an input issue; until the validate step fails with it, the default holds.
    const deadline = deadlineMsOf(this.options.deadline ?? defaultDeadline) ?? deadlineMsOf(defaultDeadline)!;
    this.deadlineAt = this.startedAt + deadline;
    this.state = {
      workflow,
      step: 'starting',
      resources: {},
      attempts: 0,
      apiCalls: 0,
      lastError: undefined,
      released: [],
      startedAt: new Date(this.startedAt).toISOString(),
    };
    setHandler(progressQuery, () => this.progress());
    setHandler(releaseOnCancelSignal, () => {
      this.options = { ...this.options, onCancel: 'release' };
    });
  }

  progress(): Progress {
    return { ...this.state, resources: { ...this.state.resources }, elapsedMs: Date.now() - this.startedAt };
  }

  stats(): JobStats {
    return { apiCalls: this.state.apiCalls, attempts: this.state.attempts, elapsedMs: Date.now() - this.startedAt };
  }

  /** Records a resource id as soon as it is known, so every later failure names it. */
  resource(name: string, id: string): void {
    this.state.resources[name] = id;
  }

  /** Names what the job is doing between steps (e.g. waiting on child workflows). */
  at(step: string): void {
    this.state.step = step;
  }

  /** How to give back something bought, should the job fail or be cancelled with `release`. */
  onRelease(label: string, release: (activities: Activities) => Promise<StepResult<unknown>>): void {
    this.releases.push({ label, release });
  }

  /**
   * Runs one step. `call` gets the activities with `profile`, each bounded by what is left of the
   * deadline, so a step that cannot finish in time fails the job with DeadlineExceeded.
   *
   * Written with `then`, not async/await: in workflow code the SDK captures a stack trace for every
   * promise made (for its stack-trace query), and an async function that awaits makes two where
   * `then` makes one. A step runs for every activity (validate is written the same way).
   */
  step<T>(
    name: string,
    profile: ActivityOptions,
    call: (activities: Activities) => Promise<StepResult<T>>,
  ): Promise<T> {
    this.state.step = name;
    const activities = proxyActivities<Activities>({ ...profile, scheduleToCloseTimeout: this.remainingMs(name) });
    return call(activities).then(
      (result) => {
        this.state.attempts += result.attempts;
        this.state.apiCalls += result.calls;
        if (result.lastError) this.state.lastError = { step: name, ...result.lastError };
        if (result.timeScale !== undefined) this.cloudTimeScale = result.timeScale;
        return result.value;
      },
      (error: unknown) => {
        this.countFailure(name, error);
        throw error;
      },
    );
  }

  /**
   * The first step of every workflow: the input's own options, then every request against the
   * documented rules; returns the requests parsed.
   */
  validate<T extends unknown[]>(requests: RequestToValidate[]): Promise<T> {
    if (this.inputIssues.length > 0) {
      this.state.step = 'validate';
      return Promise.reject(invalidParameter(this.state.workflow, "The job's input", this.inputIssues));
    }
    return this.step('validate', validation, (activities) =>
      activities.validateRequests(requests).then((parsed) => ({
        // null: parsing left the request as given (histories from before that answer hold every one).
        value: parsed.map((value, index) => value ?? requests[index]!.request) as T,
        calls: 0,
        attempts: 1,
      })),
    );
  }

  /**
   * Waits for a resource whose work started at `startedAt` (workflow time) to be ready: sleeps until
   * the first look, then runs the polling step `poll`. The expected duration is the input's when it
   * gives one, else the realistic one on the cloud's clock: an emulator at time scale 0.05 is waited
   * for at 0.05 of it, Alibaba Cloud in full.
   */
  async waitUntilReady<T>(
    step: string,
    readiness: ReadinessPolicy,
    expectedMs: number | undefined,
    startedAt: number,
    poll: (activities: Activities, look: { policy: ReadinessPolicy; startedAt: number }) => Promise<StepResult<T>>,
  ): Promise<T> {
    const onCloudClock =
      this.cloudTimeScale === undefined ? undefined : Math.round(readiness.expectedMs * this.cloudTimeScale);
    const policy = withExpected(readiness, expectedMs ?? onCloudClock);
    this.state.step = step;
    const delay = firstLookDelayMs(policy) - (Date.now() - startedAt);
    if (delay > 0) await sleep(Math.min(delay, this.remainingMs(step)));
    return this.step(step, polling, (activities) => poll(activities, { policy, startedAt }));
  }

  /** Runs the workflow's body; on failure or cancellation, cleans up as asked and reports what it bought. */
  async run<T extends object>(body: () => Promise<T>): Promise<T & JobStats> {
    try {
      const value = await body();
      this.state.step = 'done';
      return { ...value, ...this.stats() };
    } catch (error) {
      // Continuing as new is how a long job hands over to its next run, not a failure.
      if (error instanceof ContinueAsNew) throw error;
      const cancelled = isCancellation(error);
      const failedStep = this.state.step;
      if ((cancelled ? this.options.onCancel : this.options.onFailure) === 'release') {
        await CancellationScope.nonCancellable(() => this.releaseAll());
      }
      this.state.step = cancelled ? 'cancelled' : 'failed';
      if (cancelled) throw error;
      throw this.failure(failedStep, error);
    }
  }

  private remainingMs(step: string): number {
    const remaining = this.deadlineAt - Date.now();
    if (remaining <= 0) {
      throw ApplicationFailure.create({
        type: FailureType.deadlineExceeded,
        message: `the deadline passed before ${step}`,
      });
    }
    return remaining;
  }

  private countFailure(step: string, error: unknown): void {
    const cause = error instanceof ActivityFailure ? error.cause : error;
    if (cause instanceof ApplicationFailure) {
      const details = cause.details?.[0] as FailureDetails | undefined;
      this.state.apiCalls += details?.calls ?? 0;
      if (cause.type) this.state.lastError = { step, code: cause.type, requestId: details?.requestId };
    }
  }

  /**
   * Releases what was bought, last first, on its own time budget (the deadline may have passed);
   * a release that fails is reported, and the others still run.
   */
  private async releaseAll(): Promise<void> {
    const activities = proxyActivities<Activities>(cleanUp);
    for (const { label, release } of [...this.releases].reverse()) {
      this.state.step = `release ${label}`;
      try {
        const result = await release(activities);
        this.state.apiCalls += result.calls;
        this.state.attempts += result.attempts;
        this.state.released.push(label);
      } catch (error) {
        this.countFailure(`release ${label}`, error);
      }
    }
  }

  /** The failure the workflow ends with: the cause's code and message, and every resource it bought. */
  private failure(step: string, error: unknown): ApplicationFailure {
    const cause = error instanceof ActivityFailure ? error.cause : error;
    const timedOut = cause instanceof TimeoutFailure;
    const application = cause instanceof ApplicationFailure ? cause : undefined;
    const type = timedOut ? FailureType.deadlineExceeded : (application?.type ?? FailureType.workflowError);
    const reason = timedOut
      ? `the deadline passed during ${step}`
      : ((cause as Error | undefined)?.message ?? String(error));
    const resources = Object.entries(this.state.resources).map(([name, id]) => `${name} ${id}`);
    const kept =
      resources.length === 0
        ? ''
        : ` Resources: ${resources.join(', ')}${this.state.released.length ? ` (released: ${this.state.released.join(', ')})` : ' (kept)'}.`;
    return ApplicationFailure.create({
      type,
      message: `${this.state.workflow} failed at ${step}: ${reason}.${kept}`,
      nonRetryable: true,
      cause: error instanceof Error ? error : undefined,
      details: [
        {
          step,
          code: type,
          requestId: (application?.details?.[0] as FailureDetails | undefined)?.requestId,
          resources: { ...this.state.resources },
          released: [...this.state.released],
          // The validate step's failure lists every issue of the request.
          issues: type === FailureType.invalidParameter ? application?.details : undefined,
          ...this.stats(),
        },
      ],
    });
  }
}
