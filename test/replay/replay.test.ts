import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { JOBS } from '../../src/job-kinds';
import { historyFromObject } from './history-file';

const HISTORIES = join(__dirname, 'histories');

describe('replay of recorded histories (a change that would break running jobs fails here)', () => {
  const files = readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));

  it('has a recorded history of every workflow', () => {
    expect(
      files
        .map((file) => file.replace(/(-throttled|-released)?\.json$/, ''))
        .filter((v, i, a) => a.indexOf(v) === i)
        .sort(),
    ).toEqual(
      Object.keys(JOBS)
        .map((workflow) => workflow.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`))
        .sort(),
    );
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = historyFromObject(
      JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')) as Record<string, unknown>,
    );

    await Worker.runReplayHistory(
      { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } },
      history,
      `replay-${file.replace(/\.json$/, '')}`,
    );
  });
});
