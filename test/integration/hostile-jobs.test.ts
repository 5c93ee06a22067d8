/**
 * Jobs started around the client (as the Web UI, a portal on @temporalio/client or a schedule can):
 * a hostile input fails its own job with InvalidParameter naming the parameter, reaches nothing the
 * worker's other jobs use, calls nothing, and the worker goes on serving.
 */
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { startJob, type WorkflowName } from '../../src/starters';
import * as workflows from '../../src/workflows';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { FAST, withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
beforeEach(() => env.emulator.reset());
afterAll(() => env.close());

/** Starts `workflow` with `input` directly on Temporal, without the client's checks. */
async function startDirectly(client: Client, taskQueue: string, workflow: WorkflowName, input: unknown) {
  return client.workflow.start(workflows[workflow] as (input: unknown) => Promise<unknown>, {
    taskQueue,
    workflowId: `hostile-${randomUUID()}`,
    args: [input],
  });
}

/** How a job ended: its failure's type and message, or `completed`. */
async function ending(result: Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await result;
    return { type: 'completed', message: '' };
  } catch (error) {
    if (error instanceof WorkflowFailedError && error.cause instanceof ApplicationFailure)
      return { type: error.cause.type ?? 'unknown', message: error.cause.message };
    throw error;
  }
}

const apiCalls = () =>
  Object.values(env.emulator.state.snapshot().calls)
    .flatMap((codes) => Object.values(codes))
    .reduce((sum, count) => sum + count, 0);

const ecs = FAST.ecs('hostile-ecs');

describe('nothing from one job reaches another', () => {
  it('runs a job whose request names __proto__, then a clean one on the same worker: the clean one buys what it asked for', async () => {
    const polluting = {
      ...ecs,
      request: { ...ecs.request, '__proto__.InstanceChargeType': 'PrePaid', '__proto__.Period': 1 },
    };
    const jsonMember = JSON.parse(
      JSON.stringify({ ...ecs, request: { ...ecs.request, InstanceName: 'json-proto' } }).replace(
        '"request":{',
        '"request":{"__proto__":{"InstanceChargeType":"PrePaid","Period":1},',
      ),
    ) as unknown;

    const { endings, clean } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const endings = [
        await ending((await startDirectly(client, taskQueue, 'provisionEcsInstance', polluting)).result()),
        await ending((await startDirectly(client, taskQueue, 'provisionEcsInstance', jsonMember)).result()),
      ];
      const clean = await (
        await startJob(client, 'provisionEcsInstance', FAST.ecs('clean-after'), { taskQueue })
      ).result();
      return { endings, clean };
    });

    expect(endings.map(({ type }) => type)).toEqual(['InvalidParameter', 'InvalidParameter']);
    expect(endings[0]!.message).toContain('__proto__.InstanceChargeType');
    expect(endings[1]!.message).toContain('__proto__');
    expect(clean.Status).toBe('Running');
    expect([...env.emulator.state.ecs.instances.values()].map((instance) => instance.InstanceChargeType)).toEqual([
      'PostPaid',
    ]);
    expect(({} as Record<string, unknown>).InstanceChargeType).toBeUndefined();
  });
});

describe('a bad input fails its own job, never the worker', () => {
  const cases: [string, WorkflowName, unknown, string][] = [
    ['no input at all', 'provisionEcsInstance', null, "must be a JSON object: the job's options and requests"],
    [
      'a request that is text',
      'provisionEcsInstance',
      { ...ecs, request: 'CreateInstance' },
      'must be a JSON object of parameters',
    ],
    [
      'Tag.50000000.Key',
      'provisionEcsInstance',
      { ...ecs, request: { ...ecs.request, 'Tag.50000000.Key': 'k' } },
      'Tag.50000000',
    ],
    [
      'a 20,000-part name',
      'provisionEcsInstance',
      { ...ecs, request: { ...ecs.request, [`${'a.'.repeat(20_000)}b`]: 1 } },
      'is too long for a parameter name',
    ],
    [
      'a deadline that is not one',
      'provisionEcsInstance',
      { ...ecs, deadline: 'soon' },
      'deadline: must be a duration',
    ],
    ['a negative expected duration', 'provisionEcsInstance', { ...ecs, expectedCreateMs: -1 }, 'expectedCreateMs'],
    [
      'onFailure that is neither keep nor release',
      'provisionEnsLoadBalancer',
      { ...FAST.loadBalancer('lb'), onFailure: 'explode' },
      'onFailure: must be keep or release',
    ],
    [
      'an ECS renewal whose RegionId is a host name',
      'renewEcsInstance',
      { RegionId: 'evil.example/x#', request: { InstanceId: 'i-1', Period: 1 } },
      'RegionId: must be a region id',
    ],
    [
      'an ECS renewal without a RegionId',
      'renewEcsInstance',
      { request: { InstanceId: 'i-1', Period: 1 } },
      'RegionId: is required',
    ],
    [
      'a fleet renewal whose filters would set the Action',
      'renewFleet',
      { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' }, filters: { Action: 'ReleaseInstance' } },
      'filters.Action: is not a filter',
    ],
    [
      'an ECS fleet renewal whose filters would set the Action',
      'renewEcsFleet',
      {
        regions: ['cn-hangzhou'],
        window: '7d',
        renewal: { Period: 1 },
        filters: { Action: 'DeleteInstance', Force: true },
      },
      'filters.Action: is not a filter',
    ],
    [
      'an ECS fleet renewal whose region is a host name',
      'renewEcsFleet',
      { regions: ['cn-hangzhou', 'evil.example/x#'], window: '7d', renewal: { Period: 1 } },
      'regions: must be a list of 1 to 50 region ids',
    ],
    [
      'a Kafka order without its deploy',
      'provisionKafkaInstance',
      { order: FAST.kafka('k').order },
      'must be a JSON object of parameters',
    ],
  ];

  it.each(cases)(
    'fails a job with %s with InvalidParameter naming it, calling nothing',
    async (_label, workflow, input, named) => {
      const result = await withCloudWorker(env, async ({ client, taskQueue }) =>
        ending((await startDirectly(client, taskQueue, workflow, input)).result()),
      );

      expect(result.type).toBe('InvalidParameter');
      expect(result.message).toContain(named);
      expect(apiCalls()).toBe(0);
    },
  );

  it('serves the next job on the same worker after every one of them', async () => {
    const { endings, next } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handles = await Promise.all(
        cases.map(([, workflow, input]) => startDirectly(client, taskQueue, workflow, input)),
      );
      const endings = await Promise.all(handles.map((handle) => ending(handle.result())));
      const next = await (
        await startJob(client, 'provisionEcsInstance', FAST.ecs('served-after'), { taskQueue })
      ).result();
      return { endings, next };
    });

    expect(endings.map(({ type }) => type)).toEqual(cases.map(() => 'InvalidParameter'));
    expect(next.Status).toBe('Running');
    expect(env.emulator.state.ecs.instances.size).toBe(1);
  });
});

describe('the client refuses the same inputs before starting anything', () => {
  it.each([
    ['deadline', { ...ecs, deadline: 'soon' }],
    [
      '__proto__.InstanceChargeType',
      { ...ecs, request: { ...ecs.request, '__proto__.InstanceChargeType': 'PrePaid' } },
    ],
    ['expectedCreateMs', { ...ecs, expectedCreateMs: Number.NaN }],
  ])('startJob refuses an input naming %s', async (named, input) => {
    const refusal = await withCloudWorker(env, async ({ client, taskQueue }) =>
      startJob(client, 'provisionEcsInstance', input as never, { taskQueue }).then(
        () => 'started',
        (error: Error) => `${error.name}: ${error.message}`,
      ),
    );

    expect(refusal).toMatch(/^InvalidRequestError: /);
    expect(refusal).toContain(named);
  });
});
