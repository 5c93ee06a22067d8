import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlibabaCloud, staticCredentials } from '../../src/alicloud/client';
import { DEFAULT_ACCESS_KEY } from '../../src/emulator/server';
import { startNodeProcess } from '../helpers/processes';

function requestFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'request-')), 'request.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const cli = (...args: string[]) => startNodeProcess('src/client.ts', args, { PROVISIONER_EMULATOR_PORT: '0' });

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

  it('`validate` exits 0 for a valid request and prints {"valid": true} with --json', async () => {
    const file = requestFile({ InstanceId: 'cas-5s1l1qmv4wmlbkbnjv2', Period: 1, PeriodUnit: 'Month' });
    const run = cli('validate', 'ens:RenewARMServerInstance', file, '--json');

    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.output())).toEqual({ valid: true, issues: [] });
  });

  it('`validate` exits 2 for an invalid request and prints one line per issue', async () => {
    const file = requestFile({
      RegionId: 'cn-hangzhou',
      InstanceType: 'ecs.g7.large',
      ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
      ImageFamily: 'acs:alibaba_cloud_linux_3_2104_lts_x64',
      'DataDisk.1.Category': 'cloud_ssd',
      'DataDisk.1.Size': 5,
    });
    const run = cli('validate', 'ecs:CreateInstance', file);

    expect(await run.exited).toBe(2);
    expect(run.output().trim().split('\n')).toEqual([
      'ImageFamily: must not be given with ImageId',
      'DataDisk.1.Size: must be 20 to 32768 GiB for cloud_ssd',
    ]);
  });

  it('`validate` exits 1 for a usage error: an unknown action, or a file that is not JSON', async () => {
    const unknown = cli('validate', 'ecs:LaunchRocket', requestFile({}));
    const notJson = cli('validate', 'ecs:CreateInstance', requestFile('{'));

    expect([await unknown.exited, await notJson.exited]).toEqual([1, 1]);
    expect(unknown.output()).toContain(
      'unknown action "ecs:LaunchRocket": expected one of alikafka:CreatePostPayOrder',
    );
    expect(notJson.output()).toContain('is not JSON');
  });

  it('looks an action or a kind up as a name only: __proto__ and constructor are unknown, before anything connects', async () => {
    const validate = cli('validate', '__proto__', requestFile({}));
    const provision = cli('provision', 'constructor', requestFile({}));

    expect([await validate.exited, await provision.exited]).toEqual([1, 2]);
    expect(validate.output()).toContain('unknown action "__proto__": expected one of alikafka:CreatePostPayOrder');
    expect(provision.output()).toContain(
      "error: command-argument value 'constructor' is invalid for argument 'kind'. Allowed choices are kafka, ecs, ens-lb.",
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
