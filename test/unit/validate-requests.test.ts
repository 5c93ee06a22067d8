/**
 * The validate step's answer: null for a request that parsing leaves as given (so the history does
 * not hold another copy of it), the parsed request where parsing changed it, every issue otherwise.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createValidateActivities } from '../../src/activities/validate';
import { FAST } from '../helpers/provisioning';

// validateRequests makes no call: it needs none of the step dependencies.
const { validateRequests } = createValidateActivities({} as Parameters<typeof createValidateActivities>[0]);

describe('validateRequests', () => {
  test('answers null for requests already in the parsed form', async () => {
    const { order, deploy } = FAST.kafka('orders');
    await expect(
      validateRequests([
        { action: 'ecs:CreateInstance', request: FAST.ecs('web-1').request },
        { action: 'alikafka:CreatePostPayOrder', request: order },
        {
          action: 'alikafka:StartInstance',
          request: { ...deploy, InstanceId: 'alikafka_post-1', RegionId: 'cn-hangzhou' },
        },
      ]),
    ).resolves.toEqual([null, null, null]);
  });

  test('answers the parsed request where parsing changed it, null beside it for one it did not', async () => {
    const { SystemDisk, ...request } = FAST.ecs('web-1').request;
    const wire = {
      ...request,
      'SystemDisk.Category': SystemDisk!.Category,
      'SystemDisk.Size': String(SystemDisk!.Size),
    };
    await expect(
      validateRequests([
        { action: 'ecs:CreateInstance', request: wire },
        { action: 'ecs:CreateInstance', request: FAST.ecs('web-2').request },
      ]),
    ).resolves.toEqual([{ ...request, SystemDisk }, null]);
  });

  test('throws InvalidParameter with every issue of every request', async () => {
    let failure: unknown;
    try {
      await validateRequests([
        { action: 'ecs:CreateInstance', request: { ...FAST.ecs('web-1').request, InstanceName: 'x' } },
        { action: 'ens:CreateLoadBalancer', request: { ...FAST.loadBalancer('edge-1').request, LoadBalancerSpec: '' } },
      ]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe('InvalidParameter');
    expect((failure as ApplicationFailure).details?.map((issue) => (issue as { path: string }).path)).toEqual([
      'InstanceName',
      'LoadBalancerSpec',
    ]);
  });
});
