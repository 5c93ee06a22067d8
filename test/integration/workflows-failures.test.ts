import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { startJob } from '../../src/starters';
import { provisionEcsInstance } from '../../src/workflows';
import { progressQuery } from '../../src/workflows/progress';
import { startEmulatedCloud, waitFor, type EmulatedCloud } from '../helpers/emulator';
import { FAST, withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
beforeEach(() => env.emulator.reset());
afterAll(() => env.close());

/** The ApplicationFailure a workflow ended with, and its details. */
async function failureOf(result: Promise<unknown>) {
  try {
    await result;
  } catch (error) {
    if (error instanceof WorkflowFailedError && error.cause instanceof ApplicationFailure) {
      return {
        type: error.cause.type,
        message: error.cause.message,
        details: error.cause.details?.[0] as Record<string, unknown>,
      };
    }
    throw error;
  }
  throw new Error('expected the workflow to fail');
}

describe('retries keyed to the error code', () => {
  it('retries a throttled CreateInstance pre-check (DryRun) and reports the throttling in its progress', async () => {
    env.emulator.faults.add({ action: 'ecs:CreateInstance', kind: 'error', code: 'Throttling.User', times: 3 });

    const { result, progress } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handle = await startJob(client, 'provisionEcsInstance', FAST.ecs('web-throttled'), { taskQueue });
      return { result: await handle.result(), progress: await handle.query(progressQuery) };
    });

    expect(result.Status).toBe('Running');
    expect(env.emulator.state.snapshot().calls['ecs:CreateInstance']).toEqual({
      DryRunOperation: 1,
      'Throttling.User': 3,
      OK: 1,
    });
    expect(progress).toMatchObject({ step: 'done', lastError: { step: 'DryRun', code: 'Throttling.User' } });
    expect(env.emulator.state.ecs.instances.size).toBe(1);
  });

  it('retries 5xx answers and an HTML error page', async () => {
    env.emulator.faults.add(
      { action: 'ens:CreateLoadBalancer', kind: 'error', code: 'ServiceUnavailable', httpStatus: 503 },
      { action: 'ens:DescribeLoadBalancerAttribute', kind: 'html503' },
    );

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'provisionEnsLoadBalancer', FAST.loadBalancer('edge-5xx'), { taskQueue })).result(),
    );

    const calls = env.emulator.state.snapshot().calls;
    expect(calls['ens:CreateLoadBalancer']).toEqual({ ServiceUnavailable: 1, OK: 1 });
    // The first status poll gets the HTML page; how many polls follow depends on timing.
    expect(calls['ens:DescribeLoadBalancerAttribute']).toEqual({ html503: 1, OK: expect.any(Number) as unknown });
    expect(result.LoadBalancerStatus).toBe('Active');
    expect(env.emulator.state.ens.loadBalancers.size).toBe(1);
  });

  it('fails at once on a terminal code, with the code, the message and the RequestId', async () => {
    env.emulator.faults.add({ action: 'ens:CreateLoadBalancer', kind: 'error', code: 'NoPermission', httpStatus: 403 });

    const failure = await withCloudWorker(env, async ({ client, taskQueue }) =>
      failureOf(
        (await startJob(client, 'provisionEnsLoadBalancer', FAST.loadBalancer('edge-denied'), { taskQueue })).result(),
      ),
    );

    expect(failure.type).toBe('NoPermission');
    expect(failure.message).toMatch(
      /^provisionEnsLoadBalancer failed at CreateLoadBalancer: CreateLoadBalancer failed: NoPermission: /,
    );
    expect(failure.details).toMatchObject({ step: 'CreateLoadBalancer', code: 'NoPermission', resources: {} });
    expect(failure.details.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(env.emulator.state.snapshot().calls['ens:CreateLoadBalancer']).toEqual({ NoPermission: 1 });
  });

  it('rejects an invalid request before any cloud call, listing every issue with its parameter', async () => {
    const input = FAST.ecs('web-invalid');
    const request = {
      ...input.request,
      SystemDisk: undefined,
      ImageFamily: 'acs:alibaba_cloud_linux_3_2104_lts_x64',
      'SystemDisk.Category': 'cloud_essd',
      'SystemDisk.Size': 10,
      'Tag.1.Key': 'acs:team',
    };

    // Started directly, past the client-side check startJob makes, to show the workflow's own first step.
    const failure = await withCloudWorker(env, async ({ client, taskQueue }) =>
      failureOf(
        client.workflow.execute(provisionEcsInstance, {
          taskQueue,
          workflowId: 'invalid-ecs',
          args: [{ ...input, request }],
        }),
      ),
    );

    expect(failure.type).toBe('InvalidParameter');
    expect(failure.details.issues).toEqual([
      { action: 'ecs:CreateInstance', path: 'SystemDisk.Size', message: 'must be an integer from 20 to 2048 GiB' },
      { action: 'ecs:CreateInstance', path: 'Tag.1.Key', message: 'must not start with aliyun or acs:' },
      { action: 'ecs:CreateInstance', path: 'ImageFamily', message: 'must not be given with ImageId' },
    ]);
    expect(env.emulator.state.snapshot().calls).toEqual({});
  });
});

describe('validation in the client', () => {
  it('refuses to start a job whose input breaks documented rules, naming each parameter', async () => {
    const input = FAST.kafka('orders-invalid');
    const invalid = {
      ...input,
      order: { ...input.order, DeployType: 4 },
      deploy: { ...input.deploy, DeployModule: 'internet' },
    } as unknown as typeof input;

    const attempt = withCloudWorker(env, ({ client, taskQueue }) =>
      startJob(client, 'provisionKafkaInstance', invalid, { taskQueue }),
    );

    await expect(attempt).rejects.toMatchObject({
      name: 'InvalidRequestError',
      issues: [
        { action: 'alikafka:CreatePostPayOrder', path: 'EipMax', message: expect.any(String) as unknown },
        { action: 'alikafka:StartInstance', path: 'DeployModule', message: expect.any(String) as unknown },
      ],
    });
    expect(env.emulator.state.snapshot().calls).toEqual({});
  });
});

describe('exactly once where the answer is lost ("applied but lost")', () => {
  it('CreatePostPayOrder: the retry finds the tagged order instead of buying another', async () => {
    env.emulator.faults.add({ action: 'alikafka:CreatePostPayOrder', kind: 'appliedButLost' });

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'provisionKafkaInstance', FAST.kafka('orders-lost'), { taskQueue })).result(),
    );

    const state = env.emulator.state.snapshot();
    // The one order call was applied and its answer lost: the retry adopted the order, it did not buy again.
    expect(state.calls['alikafka:CreatePostPayOrder']).toEqual({ appliedButLost: 1 });
    expect(result).toMatchObject({ adoptedOrder: true, ServiceStatus: 5 });
    expect(state.kafka).toHaveLength(1);
    expect(Object.values(state.ordersPerTag)).toEqual([1]);
  });

  it('CreateInstance: the retry with the same ClientToken gets the same instance', async () => {
    // Aimed past the DryRun pre-check, so that the real create is the one whose answer is lost.
    env.emulator.faults.add({ action: 'ecs:CreateInstance', kind: 'appliedButLost', skipDryRun: true });

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'provisionEcsInstance', FAST.ecs('web-lost'), { taskQueue })).result(),
    );

    const state = env.emulator.state.snapshot();
    // The DryRun passed, the real create was applied and its answer lost, the retry got an OK.
    expect(state.calls['ecs:CreateInstance']).toEqual({ DryRunOperation: 1, appliedButLost: 1, OK: 1 });
    expect(state.ecs.map((instance) => instance.InstanceId)).toEqual([result.InstanceId]);
  });

  it('CreateLoadBalancer: the retry with the same ClientToken gets the same load balancer', async () => {
    env.emulator.faults.add({ action: 'ens:CreateLoadBalancer', kind: 'appliedButLost' });

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (await startJob(client, 'provisionEnsLoadBalancer', FAST.loadBalancer('edge-lost'), { taskQueue })).result(),
    );

    const state = env.emulator.state.snapshot();
    expect(state.calls['ens:CreateLoadBalancer']).toEqual({ appliedButLost: 1, OK: 1 });
    expect(state.loadBalancers.map((balancer) => balancer.LoadBalancerId)).toEqual([result.LoadBalancerId]);
  });

  it('RenewARMServerInstance: the retry sees ExpiredTime moved and does not renew again', async () => {
    const [server] = env.emulator.seedArmServers({ count: 1, expiresFrom: Date.UTC(2027, 0, 10), expiresWithinMs: 0 });
    env.emulator.faults.add({ action: 'ens:RenewARMServerInstance', kind: 'appliedButLost' });

    const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
      (
        await startJob(
          client,
          'renewArmServerInstance',
          { request: { InstanceId: server!, Period: 1, PeriodUnit: 'Month' } },
          { taskQueue },
        )
      ).result(),
    );

    // The renewal was applied and its answer lost; the retry saw the new ExpiredTime and did not call again.
    expect(env.emulator.state.snapshot().calls['ens:RenewARMServerInstance']).toEqual({ appliedButLost: 1 });
    expect(result).toMatchObject({ alreadyRenewed: true, ExpiredTimeAfter: '2027-02-10 00:00:00' });
    expect(env.emulator.state.renewals.get(server!)).toBe(1);
  });
});

describe('failure, cancellation and clean-up', () => {
  it('fails fast on a Kafka deploy error (101), names what it bought, and releases it when asked', async () => {
    env.emulator.state.settings.kafkaDeployFails = true;
    try {
      const failure = await withCloudWorker(env, async ({ client, taskQueue }) =>
        failureOf(
          (
            await startJob(
              client,
              'provisionKafkaInstance',
              { ...FAST.kafka('orders-101'), onFailure: 'release' },
              { taskQueue },
            )
          ).result(),
        ),
      );

      const instanceId = (failure.details.resources as Record<string, string>).InstanceId!;
      expect(failure.type).toBe('ResourceFailed');
      expect(failure.message).toContain('the deploy failed (ServiceStatus 101)');
      expect(failure.details).toMatchObject({
        step: 'wait ServiceStatus 5',
        released: [`Kafka instance ${instanceId}`],
      });
      expect(env.emulator.state.kafka.instances.get(instanceId)?.deleted).toBe(true);
    } finally {
      env.emulator.state.settings.kafkaDeployFails = false;
    }
  });

  it('keeps what it bought by default, and names it when the deadline passes', async () => {
    const input = { ...FAST.loadBalancer('edge-deadline'), expectedActiveMs: 600_000, deadline: '2s' };

    const failure = await withCloudWorker(env, async ({ client, taskQueue }) =>
      failureOf((await startJob(client, 'provisionEnsLoadBalancer', input, { taskQueue })).result()),
    );

    const id = (failure.details.resources as Record<string, string>).LoadBalancerId!;
    expect(failure.type).toBe('DeadlineExceeded');
    expect(failure.message).toContain(`Resources: LoadBalancerId ${id} (kept).`);
    expect(env.emulator.state.ens.loadBalancers.has(id)).toBe(true);
  });

  it('stops waiting at once when cancelled, and releases what it bought with onCancel: release', async () => {
    const input = { ...FAST.loadBalancer('edge-cancel'), expectedActiveMs: 600_000, onCancel: 'release' as const };

    const { status, progress } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handle = await startJob(client, 'provisionEnsLoadBalancer', input, { taskQueue });
      await waitFor(
        () => handle.query(progressQuery),
        (value) => value.step === 'wait Active',
      );
      await handle.cancel();
      await handle.result().catch(() => undefined);
      return { status: (await handle.describe()).status.name, progress: await handle.query(progressQuery) };
    });

    expect(status).toBe('CANCELLED');
    expect(progress.step).toBe('cancelled');
    expect(progress.released).toEqual([`load balancer ${progress.resources.LoadBalancerId}`]);
    expect(env.emulator.state.ens.loadBalancers.size).toBe(0);
  });

  it('attaches a second start with the same business key to the running job', async () => {
    const input = { ...FAST.loadBalancer('edge-twice'), expectedActiveMs: 1_000 };

    const { first, second } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const one = await startJob(client, 'provisionEnsLoadBalancer', input, { taskQueue });
      const two = await startJob(client, 'provisionEnsLoadBalancer', input, { taskQueue });
      return {
        first: { runId: one.firstExecutionRunId, result: await one.result() },
        second: { runId: two.firstExecutionRunId, result: await two.result() },
      };
    });

    expect(second.runId).toBe(first.runId);
    expect(second.result.LoadBalancerId).toBe(first.result.LoadBalancerId);
    expect(env.emulator.state.ens.loadBalancers.size).toBe(1);
  });
});
