import { temporal } from '@temporalio/proto';
import { startJob } from '../../src/starters';
import { startEmulatedCloud, type EmulatedCloud } from '../helpers/emulator';
import { FAST, withCloudWorker } from '../helpers/provisioning';

let env: EmulatedCloud;
beforeAll(async () => {
  env = await startEmulatedCloud({ timeScale: 0.001 });
});
afterAll(() => env.close());

const PASSWORD = 'Sup3r!Secret-Pw';

function historyBytes(history: temporal.api.history.v1.IHistory): Buffer {
  return Buffer.from(temporal.api.history.v1.History.encode(history).finish());
}

describe('secrets in Temporal history', () => {
  it('stores no byte of an instance password: inputs, results and failures are encrypted', async () => {
    const input = FAST.ecs('web-secret');
    input.request.Password = PASSWORD;

    const { result, history } = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handle = await startJob(client, 'provisionEcsInstance', input, { taskQueue });
      return { result: await handle.result(), history: await handle.fetchHistory() };
    });

    const bytes = historyBytes(history);
    expect(result.Status).toBe('Running');
    expect(env.emulator.state.ecs.instances.get(result.InstanceId)?.request.Password).toBe(PASSWORD);
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(PASSWORD).toString('base64')))).toBe(false);
    expect(bytes.includes(Buffer.from('binary/encrypted'))).toBe(true);
  });

  it('encrypts failure messages too (they may quote what the cloud answered)', async () => {
    env.emulator.faults.add({
      action: 'ens:CreateLoadBalancer',
      kind: 'error',
      code: 'NoPermission',
      httpStatus: 403,
      message: 'a message only the failure carries',
    });

    const history = await withCloudWorker(env, async ({ client, taskQueue }) => {
      const handle = await startJob(client, 'provisionEnsLoadBalancer', FAST.loadBalancer('edge-secret'), {
        taskQueue,
      });
      await handle.result().catch(() => undefined);
      return handle.fetchHistory();
    });

    const bytes = historyBytes(history);
    expect(bytes.includes(Buffer.from('a message only the failure carries'))).toBe(false);
    expect(history.events?.at(-1)?.eventType).toBe(
      temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
    );
  });
});
