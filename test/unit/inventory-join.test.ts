import fc from 'fast-check';
import { JOB_TAG_KEY } from '../../src/actions';
import type { CloudResource } from '../../src/activities/inventory';
import { runTagValue } from '../../src/activities/step';
import { coveringSchedule, type ScheduleRecord } from '../../src/inventory/coverage';
import { joinInventory, type JobRecord } from '../../src/inventory/join';

const NOW = Date.UTC(2026, 11, 1);
const OPTIONS = { now: NOW, windowMs: 7 * 86_400_000 };

const ecs = (id: string, more: Partial<CloudResource> = {}): CloudResource => ({
  ResourceId: id,
  kind: 'ecs',
  RegionId: 'cn-hangzhou',
  Status: 'Running',
  Tags: [],
  ...more,
});
const tagged = (run: string) => [{ Key: JOB_TAG_KEY, Value: runTagValue(run) }];
const job = (workflowId: string, status: string, resource?: JobRecord['resource']): JobRecord => ({
  workflowId,
  runId: 'run-1',
  workflowType: 'provisionEcsInstance',
  status,
  resource,
});
const resource = (ResourceId: string, role: NonNullable<JobRecord['resource']>['role'] = 'bought') => ({
  kind: 'ecs' as const,
  ResourceId,
  RegionId: 'cn-hangzhou',
  role,
});

describe('joinInventory', () => {
  it.each([
    ['RUNNING', []],
    ['COMPLETED', []],
    ['FAILED', ['orphan']],
    ['TERMINATED', ['orphan']],
    ['CANCELLED', ['orphan']],
    ['TIMED_OUT', ['orphan']],
  ])('flags a tagged resource whose job is %s as %j', (status, flags) => {
    const [row] = joinInventory([ecs('i-1', { Tags: tagged('job-1/run-1') })], [job('job-1', status)], [], OPTIONS);
    expect(row).toMatchObject({ flags, workflowId: 'job-1', jobStatus: status, bought: true });
  });

  it('calls the job of a tag Temporal no longer has gone, and the resource an orphan', () => {
    const [row] = joinInventory([ecs('i-1', { Tags: tagged('job-9/run-3') })], [], [], OPTIONS);
    expect(row).toMatchObject({ flags: ['orphan'], workflowId: 'job-9', runId: 'run-3', jobStatus: 'gone' });
  });

  it('finds the job of a tag that is a digest (a run id too long for a tag value)', () => {
    const long = 'j'.repeat(200);
    const [row] = joinInventory([ecs('i-1', { Tags: tagged(`${long}/run-1`) })], [job(long, 'COMPLETED')], [], OPTIONS);
    expect(row).toMatchObject({ flags: [], workflowId: long });
  });

  it('knows an untagged resource (a load balancer) by the job that names it', () => {
    const balancer: CloudResource = { ResourceId: 'lb-1', kind: 'ens-lb', Status: 'Active', Tags: [] };
    const lbJob = job('lb-job', 'TERMINATED', { kind: 'ens-lb', ResourceId: 'lb-1', role: 'bought' });
    expect(joinInventory([balancer], [lbJob], [], OPTIONS)).toEqual([
      expect.objectContaining({ ResourceId: 'lb-1', flags: ['orphan'], workflowId: 'lb-job', bought: true }),
    ]);
  });

  it("flags a completed job's resource that is gone as missing, and not one a failed job released", () => {
    const rows = joinInventory(
      [],
      [job('done', 'COMPLETED', resource('i-1')), job('failed', 'FAILED', resource('i-2'))],
      [],
      OPTIONS,
    );
    expect(rows).toEqual([expect.objectContaining({ ResourceId: 'i-1', Status: 'absent', flags: ['missing'] })]);
  });

  it('counts a completed adoption as the owner, and a completed release as the end of a resource it no longer finds', () => {
    const failed = job('bought', 'FAILED');
    const adopted = { ...job('adopt', 'COMPLETED', resource('i-1', 'adopted')), runId: 'run-2' };
    const stillRunning = { ...job('adopt-2', 'RUNNING', resource('i-2', 'adopted')), runId: 'run-2' };
    const adoptFailed = { ...job('adopt-3', 'FAILED', resource('i-3', 'adopted')), runId: 'run-2' };
    const cloud = ['i-1', 'i-2', 'i-3'].map((id) => ecs(id, { Tags: tagged('bought/run-1') }));
    expect(
      joinInventory(cloud, [failed, adopted, stillRunning, adoptFailed], [], OPTIONS).map((row) => [
        row.ResourceId,
        row.flags,
        row.workflowId,
      ]),
    ).toEqual([
      ['i-1', [], 'adopt'],
      ['i-2', [], 'adopt-2'],
      ['i-3', ['orphan'], 'bought'],
    ]);

    const completed = job('done', 'COMPLETED', resource('i-9'));
    const release = (status: string) => ({ ...job('release', status, resource('i-9', 'released')), runId: 'run-2' });
    expect(joinInventory([], [completed, release('COMPLETED')], [], OPTIONS)).toEqual([]);
    expect(joinInventory([], [completed, release('FAILED')], [], OPTIONS).map((row) => row.flags)).toEqual([
      ['missing'],
    ]);
  });

  it('flags a subscription within the window unless a schedule renews it; never one beyond it', () => {
    const soon = ecs('i-soon', { ExpiredTime: '2026-12-05T00:00Z', Tags: [{ Key: 'team', Value: 'web' }] });
    const later = ecs('i-later', { ExpiredTime: '2027-01-05T00:00Z' });
    const renewal = job('renewal', 'COMPLETED', resource('i-soon', 'renewed'));
    expect(
      joinInventory([soon, later], [renewal], [], OPTIONS).map((row) => [row.ResourceId, row.flags, row.bought]),
    ).toEqual([
      ['i-soon', ['expiring'], false],
      ['i-later', [], false],
    ]);
    const schedule = (input: unknown, paused = false): ScheduleRecord => ({
      scheduleId: 'daily',
      paused,
      workflowType: 'renewEcsFleet',
      input,
    });
    const covering = schedule({ regions: ['cn-hangzhou'], filters: { Tag: [{ Key: 'team' }] } });
    expect(joinInventory([soon], [], [covering], OPTIONS)[0]).toMatchObject({ flags: [], renewedBy: 'daily' });
    for (const notCovering of [
      schedule({ regions: ['cn-hangzhou'] }, true),
      schedule({ regions: ['cn-shanghai'] }),
      schedule({ regions: ['cn-hangzhou'], filters: { Tag: [{ Key: 'team', Value: 'data' }] } }),
      schedule({ regions: ['cn-hangzhou'], filters: { Status: 'Stopped' } }),
      schedule({ regions: ['cn-hangzhou'], filters: { InstanceIds: ['i-other'] } }),
      { ...schedule({ regions: ['cn-hangzhou'] }), workflowType: 'renewFleet' },
      schedule('not an input'),
      schedule({ regions: 'cn-hangzhou' }),
    ]) {
      expect(joinInventory([soon], [], [notCovering], OPTIONS)[0]?.flags).toEqual(['expiring']);
    }
  });

  it('shows each resource of the cloud once, and flags it orphan exactly when a job bought it and no running or completed job owns it', () => {
    const status = fc.constantFrom('RUNNING', 'COMPLETED', 'FAILED', 'TERMINATED', 'CANCELLED', 'TIMED_OUT');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.stringMatching(/^i-[0-9a-f]{4}$/), owner: fc.option(fc.nat(5)) }), {
          selector: (each) => each.id,
          maxLength: 8,
        }),
        fc.array(status, { minLength: 6, maxLength: 6 }),
        (resources, statuses) => {
          const jobs = statuses.map((each, index) => job(`job-${index}`, each));
          const cloud = resources.map(({ id, owner }) =>
            ecs(id, { Tags: owner === null ? [] : tagged(`job-${owner}/run-1`) }),
          );
          const rows = joinInventory(cloud, jobs, [], OPTIONS);
          expect(rows.map((row) => row.ResourceId)).toEqual(resources.map((each) => each.id));
          rows.forEach((row, index) => {
            const owner = resources[index]!.owner;
            const orphan = owner !== null && !['RUNNING', 'COMPLETED'].includes(statuses[owner]!);
            expect(row.flags).toEqual(orphan ? ['orphan'] : []);
          });
        },
      ),
    );
  });
});

describe('coveringSchedule', () => {
  it('reads an ARM fleet renewal by its filters', () => {
    const server: CloudResource = {
      ResourceId: 'cas-1',
      kind: 'ens-arm',
      Status: 'running',
      Tags: [],
      EnsRegionId: 'cn-hangzhou-telecom',
      SpecName: 'cas.cf2.xlarge',
      State: 'success',
    };
    const fleet = (filters: unknown): ScheduleRecord => ({
      scheduleId: 'arm',
      paused: false,
      workflowType: 'renewFleet',
      input: { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' }, filters },
    });
    expect(coveringSchedule(server, [fleet(undefined)])).toBe('arm');
    expect(coveringSchedule(server, [fleet({ EnsRegionIds: ['cn-hangzhou-telecom'], States: ['success'] })])).toBe(
      'arm',
    );
    expect(coveringSchedule(server, [fleet({ EnsRegionIds: ['cn-beijing-unicom'] })])).toBeUndefined();
    expect(coveringSchedule(server, [fleet({ ServerSpecs: ['other'] })])).toBeUndefined();
    expect(coveringSchedule(server, [fleet({ ServerIds: ['cas-2'] })])).toBeUndefined();
  });
});
