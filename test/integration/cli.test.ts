import { AlibabaCloud, staticCredentials } from '../../src/alicloud/client';
import { DEFAULT_ACCESS_KEY } from '../../src/emulator/server';
import { startTsProcess } from '../helpers/processes';

const cli = (...args: string[]) => startTsProcess('src/client.ts', args, { PROVISIONER_EMULATOR_PORT: '0' });

describe('the alicloud-provisioner command line', () => {
  it('`errors CODE --json` explains one code', async () => {
    const run = cli('errors', 'Throttling.Resource', '--json');

    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.output())).toMatchObject({
      code: 'Throttling.Resource',
      httpStatus: 429,
      retryClass: 'throttled',
      sources: ['ecs:CreateInstance'],
    });
  });

  it('`errors --class` refuses an unknown class with exit code 2 and names the choices', async () => {
    const run = cli('errors', '--class', 'flaky');

    expect(await run.exited).toBe(2);
    expect(run.output()).toContain(
      "error: option '--class <class>' argument 'flaky' is invalid. Allowed choices are throttled, transient, terminal, ambiguous.",
    );
  });

  it('`emulator` serves signed API calls until SIGTERM, then exits 0', async () => {
    const run = cli('emulator', '--port', '0', '--time-scale', '0.001');
    await run.waitForOutput('Alibaba Cloud emulator on ');
    const endpoint = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())![1]!;
    const cloud = new AlibabaCloud({
      regionId: 'cn-hangzhou',
      endpointOverride: endpoint,
      credentials: staticCredentials(DEFAULT_ACCESS_KEY),
    });

    const answer = await cloud.call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' });
    cloud.close();
    run.child.kill('SIGTERM');

    expect(answer.TotalCount).toBe(0);
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain(`(AccessKeyId ${DEFAULT_ACCESS_KEY.accessKeyId})`);
    expect(run.output()).not.toContain(DEFAULT_ACCESS_KEY.accessKeySecret);
  });
});
