import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startDevServer } from '../../src/local/dev-server';
import { findTemporalCli } from '../../src/local/temporal-cli';
import { onFreePorts, restartablePort } from '../helpers/processes';

describe('the local stack’s Temporal dev server', () => {
  it('keeps workflow history in its SQLite file across a restart', async () => {
    const cli = findTemporalCli();
    if (!cli) throw new Error('the global setup should have installed the Temporal CLI');
    const dbFilename = join(mkdtempSync(join(tmpdir(), 'dev-server-')), 'temporal.db');
    const workflowId = `survives-restart-${Date.now()}`;

    // Below the ephemeral range, so that no client's socket takes the ports while the server is down.
    const { first, options } = await onFreePorts(
      2,
      async ([port, uiPort]) => {
        const options = { cliPath: cli.path, dbFilename, port, uiPort };
        return { first: await startDevServer(options), options };
      },
      restartablePort,
    );
    try {
      const connection = await Connection.connect({ address: first.address });
      // No worker polls this queue: the workflow stays open, recorded only in the database.
      await new Client({ connection }).workflow.start('ping', { taskQueue: 'nobody-polls', workflowId });
      await connection.close();
    } finally {
      await first.stop();
    }
    expect(first.process.exitCode !== null || first.process.signalCode !== null).toBe(true);

    const second = await startDevServer(options);
    try {
      const connection = await Connection.connect({ address: second.address });
      const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
      await connection.close();
      expect({ type: description.type, status: description.status.name }).toEqual({ type: 'ping', status: 'RUNNING' });
    } finally {
      await second.stop();
    }
  });

  it('refuses a port that is taken and says how to use the server already there', async () => {
    const cli = findTemporalCli();
    if (!cli) throw new Error('the global setup should have installed the Temporal CLI');
    const [host, port] = (process.env.TEST_TEMPORAL_ADDRESS ?? '').split(':');

    const dbFilename = join(mkdtempSync(join(tmpdir(), 'dev-server-')), 'never-created.db');
    const attempt = startDevServer({ cliPath: cli.path, dbFilename, ip: host, port: Number(port) });

    await expect(attempt).rejects.toThrow(
      `Port ${host}:${port} is in use. If a Temporal server already runs there, set TEMPORAL_ADDRESS=${host}:${port} to use it.`,
    );
  });
});
