import { deadlineMsOf, jobInputIssues } from '../../src/workflows/job-input';

describe("a job's own options", () => {
  it('accepts an input that gives none of them, or valid ones', () => {
    expect(jobInputIssues('provisionEcsInstance', { request: {} })).toEqual([]);
    expect(
      jobInputIssues('provisionEcsInstance', {
        onFailure: 'release',
        onCancel: 'keep',
        deadline: '30m',
        start: false,
        expectedCreateMs: 0,
        expectedStartMs: 20_000,
      }),
    ).toEqual([]);
  });

  it.each([null, 'text', 42, [], undefined])('refuses an input that is %p: it must be an object', (input) => {
    expect(jobInputIssues('provisionEcsInstance', input)).toEqual([
      { path: '', message: "must be a JSON object: the job's options and requests" },
    ]);
  });

  it.each([
    ['onFailure', 'explode', 'must be keep or release'],
    ['onCancel', true, 'must be keep or release'],
    ['deadline', 'soon', 'must be a duration such as 30m, or milliseconds, from 1 ms to 168 hours'],
    ['deadline', -5, 'must be a duration such as 30m, or milliseconds, from 1 ms to 168 hours'],
    ['deadline', '8d', 'must be a duration such as 30m, or milliseconds, from 1 ms to 168 hours'],
    ['start', 'no', 'must be true or false'],
    ['expectedDeployMs', -1, 'must be a number of milliseconds from 0 to 86400000'],
    ['expectedCreateMs', '45000', 'must be a number of milliseconds from 0 to 86400000'],
    ['expectedActiveMs', Number.POSITIVE_INFINITY, 'must be a number of milliseconds from 0 to 86400000'],
    ['RegionId', 'cn-hangzhou.evil.example', 'must be a region id such as cn-hangzhou'],
  ])('refuses %s %p', (path, value, message) => {
    expect(jobInputIssues('provisionEcsInstance', { [path]: value })).toEqual([{ path, message }]);
  });

  it('requires the RegionId of an ECS renewal, whose endpoint is per region, and of no other job', () => {
    expect(jobInputIssues('renewEcsInstance', { request: {} })).toEqual([{ path: 'RegionId', message: 'is required' }]);
    expect(jobInputIssues('renewArmServerInstance', { request: {} })).toEqual([]);
  });

  it('reads only the input’s own options, never inherited ones', () => {
    const input = Object.create({ deadline: 'soon' }) as Record<string, unknown>;

    expect(jobInputIssues('constructor', input)).toEqual([]);
  });

  it('reads a deadline as a duration or milliseconds', () => {
    expect([deadlineMsOf('30m'), deadlineMsOf(1_500), deadlineMsOf('1e3'), deadlineMsOf(Number.NaN)]).toEqual([
      1_800_000,
      1_500,
      undefined,
      undefined,
    ]);
  });
});
