import { ApplicationFailure } from '@temporalio/common';
import { Context, type Info } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import { JOB_TAG_KEY } from '../../src/actions';
import { notReady } from '../../src/activities/failures';
import { ThrottledShare } from '../../src/activities/throttled-share';
import {
  HEARTBEAT_EVERY_MS,
  derivedClientToken,
  runStep,
  workflowRunTag,
  type StepContext,
} from '../../src/activities/step';
import { applicationFailureOf as rejection, startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';

/** The emulator's time scale (test/helpers/emulator.ts), which a step reports beside its value. */
const EMULATED_TIME_SCALE = 0.0001;

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud();
});
afterAll(() => env.close());
beforeEach(() => env.emulator.reset());

const RUN = { workflowId: 'order-7', runId: 'run-1' };

/** An activity environment for attempt `attempt` of a step of RUN, recording its heartbeats. */
function attemptOf(attempt: number, info: Partial<Info> = {}) {
  const activity = new MockActivityEnvironment({ attempt, workflowExecution: RUN, ...info });
  const heartbeats: unknown[] = [];
  activity.on('heartbeat', (details: unknown) => heartbeats.push(details));
  return { activity, heartbeats };
}

function step<T>(body: (context: StepContext) => Promise<T>) {
  return () => runStep({ cloud: env.cloud, throttling: new ThrottledShare(20) }, body);
}

const listStatuses = ({ call }: StepContext) => call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' });

describe('runStep', () => {
  it('counts the calls of a first attempt from zero', async () => {
    const { activity } = attemptOf(1);
    const result = await activity.run(
      step(async (context) => {
        await listStatuses(context);
        return context.attempt;
      }),
    );
    expect(result).toEqual({ value: 1, calls: 1, attempts: 1, lastError: undefined, timeScale: EMULATED_TIME_SCALE });
  });

  it('adds its calls to those of earlier attempts, and keeps their last failure', async () => {
    const lastError = { code: 'Throttling.User', requestId: 'req-1' };
    const { activity } = attemptOf(3, { heartbeatDetails: { calls: 4, lastError } });
    const result = await activity.run(
      step(async (context) => {
        await listStatuses(context);
        await listStatuses(context);
        return 'done';
      }),
    );
    expect(result).toEqual({ value: 'done', calls: 6, attempts: 3, lastError, timeScale: EMULATED_TIME_SCALE });
  });

  it('turns a cloud error into its ApplicationFailure and records it for the next attempt', async () => {
    env.emulator.faults.add({
      action: 'ecs:DescribeInstanceStatus',
      kind: 'error',
      code: 'InternalError',
      httpStatus: 500,
    });
    const { activity, heartbeats } = attemptOf(2, { heartbeatDetails: { calls: 1 } });
    const failure = await rejection(activity.run(step(listStatuses)));
    const details = failure.details?.[0] as { requestId: string; calls: number };

    expect([failure.type, failure.nonRetryable, details.calls]).toEqual(['InternalError', false, 2]);
    expect(details.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(heartbeats).toEqual([{ calls: 2, lastError: { code: 'InternalError', requestId: details.requestId } }]);
  });

  it('counts every answer of an action, and spreads a throttled retry by the share of them throttled', async () => {
    // A window of a minute: the test's calls all fall into one.
    const throttling = new ThrottledShare(60_000);
    const run = () => runStep({ cloud: env.cloud, throttling }, listStatuses);
    for (let call = 0; call < 3; call++) await attemptOf(1).activity.run(run);
    env.emulator.faults.add({ action: 'ecs:DescribeInstanceStatus', kind: 'error', code: 'Throttling.User' });
    const failure = await rejection(attemptOf(1).activity.run(run));

    expect([failure.type, throttling.of('ecs:DescribeInstanceStatus')]).toEqual(['Throttling.User', 0.25]);
    // A quarter throttled: the window, plus at most 0.25 / (1 - 0.25) of it.
    expect(failure.nextRetryDelay).toBeGreaterThanOrEqual(60_000);
    expect(failure.nextRetryDelay).toBeLessThanOrEqual(80_000);
  });

  it('retries a throttled call inside the attempt, after the delay its share gives', async () => {
    env.emulator.faults.add({ action: 'ecs:DescribeInstanceStatus', kind: 'error', code: 'Throttling.User', times: 2 });
    const result = await attemptOf(1).activity.run(step(listStatuses));

    expect(result).toMatchObject({ calls: 3, attempts: 1, lastError: { code: 'Throttling.User' } });
    expect(env.emulator.state.snapshot().calls['ecs:DescribeInstanceStatus']).toEqual({ 'Throttling.User': 2, OK: 1 });
  });

  it('leaves a call still throttled after half the attempt’s time to a retry through the server', async () => {
    env.emulator.faults.add({
      action: 'ecs:DescribeInstanceStatus',
      kind: 'error',
      code: 'Throttling.User',
      times: 1_000,
    });
    // Half of a start-to-close timeout of 1 s: 500 ms, past which a delay of 20 to 180 ms no longer fits.
    const { activity } = attemptOf(1, { startToCloseTimeoutMs: 1_000 });
    const started = Date.now();
    const failure = await rejection(
      activity.run(() => runStep({ cloud: env.cloud, throttling: new ThrottledShare(20) }, listStatuses)),
    );
    const { calls } = failure.details?.[0] as { calls: number };

    expect(failure.type).toBe('Throttling.User');
    expect(Date.now() - started).toBeGreaterThanOrEqual(500 - 180);
    expect(env.emulator.state.snapshot().calls['ecs:DescribeInstanceStatus']).toEqual({ 'Throttling.User': calls });
    expect(failure.nextRetryDelay).toBeGreaterThanOrEqual(20);
    expect(failure.nextRetryDelay).toBeLessThanOrEqual(180);
  });

  it('does not record "not ready yet" as a failure', async () => {
    const lastError = { code: 'InternalError', requestId: 'req-2' };
    const { activity, heartbeats } = attemptOf(2, { heartbeatDetails: { calls: 1, lastError } });
    const failure = await rejection(activity.run(step(() => Promise.reject(notReady('Status Pending', 1_000)))));
    expect(failure.type).toBe('NotReady');
    expect(heartbeats).toEqual([{ calls: 1, lastError }]);
  });

  it('does not record a failure that has no type', async () => {
    const { activity, heartbeats } = attemptOf(1);
    const untyped = ApplicationFailure.create({ message: 'untyped' });
    expect(await rejection(activity.run(step(() => Promise.reject(untyped))))).toBe(untyped);
    expect(heartbeats).toEqual([{ calls: 0, lastError: undefined }]);
  });

  it('turns an error that is not a cloud answer into a retryable ActivityError', async () => {
    const { activity, heartbeats } = attemptOf(1);
    const failure = await rejection(activity.run(step(() => Promise.reject(new Error('credentials file unreadable')))));
    expect([failure.type, failure.message, failure.nonRetryable, failure.details]).toEqual([
      'ActivityError',
      'credentials file unreadable',
      false,
      [{ calls: 0 }],
    ]);
    expect(heartbeats).toEqual([{ calls: 0, lastError: { code: 'ActivityError', requestId: undefined } }]);
  });

  describe('while an attempt runs', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('heartbeats every HEARTBEAT_EVERY_MS, and stops when it ends', async () => {
      const { activity, heartbeats } = attemptOf(1, { heartbeatDetails: { calls: 2 } });
      let finish: () => void = () => undefined;
      const running = activity.run(step(() => new Promise<void>((resolve) => (finish = resolve))));

      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 2);
      expect(heartbeats).toEqual([
        { calls: 2, lastError: undefined },
        { calls: 2, lastError: undefined },
      ]);
      finish();
      await running;
      jest.advanceTimersByTime(HEARTBEAT_EVERY_MS * 3);
      expect(heartbeats).toHaveLength(2);
    });
  });
});

describe('derivedClientToken', () => {
  const tokenIn = (info: Partial<Info>, name: string) =>
    new MockActivityEnvironment({ workflowExecution: RUN, ...info }).run(() =>
      Promise.resolve(derivedClientToken(name)),
    );

  it('is the same for every attempt of a step of a run, and differs between steps and runs', async () => {
    const first = await tokenIn({ attempt: 1 }, 'CreateInstance');
    expect(first).toMatch(/^ap-[A-Za-z0-9_-]{40}$/);
    expect(await tokenIn({ attempt: 4 }, 'CreateInstance')).toBe(first);
    expect(await tokenIn({ attempt: 1 }, 'RenewInstance')).not.toBe(first);
    expect(await tokenIn({ workflowExecution: { ...RUN, runId: 'run-2' } }, 'CreateInstance')).not.toBe(first);
  });

  // The mock's own logging reads the workflow run, so the run is taken away only around the call.
  it('needs a workflow run', async () => {
    const outsideAWorkflow = () => {
      const info = Context.current().info as { workflowExecution?: Info['workflowExecution'] };
      info.workflowExecution = undefined;
      try {
        return Promise.resolve(derivedClientToken('CreateInstance'));
      } finally {
        info.workflowExecution = RUN;
      }
    };
    await expect(new MockActivityEnvironment({ workflowExecution: RUN }).run(outsideAWorkflow)).rejects.toThrow(
      'this activity must run on behalf of a workflow',
    );
  });
});

describe('workflowRunTag', () => {
  const tagOf = (workflowId: string): Promise<ReturnType<typeof workflowRunTag>> =>
    new MockActivityEnvironment({ workflowExecution: { workflowId, runId: 'run-1' } }).run(() =>
      Promise.resolve(workflowRunTag()),
    );

  it('is `workflowId/runId` while that fits a tag value (128 characters)', async () => {
    const workflowId = 'w'.repeat(128 - '/run-1'.length);
    expect(await tagOf(workflowId)).toEqual({ Key: JOB_TAG_KEY, Value: `${workflowId}/run-1` });
    expect(JOB_TAG_KEY).toBe('alicloud-provisioner:workflow-run');
  });

  it('is a digest of it beyond, the same for the same run', async () => {
    const workflowId = 'w'.repeat(129 - '/run-1'.length);
    const tag = await tagOf(workflowId);
    expect(tag.Value).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
    expect(await tagOf(workflowId)).toEqual(tag);
    expect((await tagOf(`${workflowId}x`)).Value).not.toBe(tag.Value);
  });
});
