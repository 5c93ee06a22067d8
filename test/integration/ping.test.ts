import { hostname } from 'node:os';
import { createActivities } from '../../src/activities';
import { AlibabaCloud } from '../../src/alicloud/client';
import { runPing } from '../../src/client';
import { withWorker } from '../helpers/temporal';

describe('ping workflow on the real Temporal dev server', () => {
  it('runs describeWorker on the worker of its task queue and returns what that worker reports', async () => {
    const cloud = new AlibabaCloud({ regionId: 'cn-shanghai', endpointOverride: 'http://127.0.0.1:8765' });
    const activities = createActivities({ cloud, regionId: 'cn-shanghai' });

    const { result, taskQueue } = await withWorker(activities, async ({ client, taskQueue }) => ({
      result: await runPing(client, taskQueue, 30_000),
      taskQueue,
    }));

    expect(result).toEqual({
      host: hostname(),
      pid: process.pid,
      taskQueue,
      regionId: 'cn-shanghai',
      endpoint: 'http://127.0.0.1:8765',
    });
  });
});
