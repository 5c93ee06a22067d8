/**
 * The action table (src/actions.ts) against what derives from it and what it points at: each fact
 * it states holds where it is used.
 */
import fc from 'fast-check';
import {
  ACTIONS,
  DOCUMENTED_ACTIONS,
  isActionName,
  isValidatedAction,
  JOB_TAG_KEY,
  validateAction,
  validateJobRequest,
  VALIDATED_ACTIONS,
  type ActionName,
  type ActionSpec,
  type PeriodicAction,
} from '../../src/actions';
import { ERROR_CODES } from '../../src/alicloud/error-codes';
import { unitsOf } from '../../src/policy/periods';
import { validateJobInput } from '../../src/starters';
import { VALID_REQUESTS } from '../fuzz/requests';
import { FAST } from '../helpers/provisioning';

const ENTRIES = Object.entries(ACTIONS) as [ActionName, ActionSpec][];
const namesWhere = (test: (spec: ActionSpec) => boolean) =>
  ENTRIES.filter(([, spec]) => test(spec)).map(([name]) => name);

describe('the action table', () => {
  it('says how a retry is made safe for each mutating action, and for no read', () => {
    expect(namesWhere((spec) => spec.mutating !== (spec.retrySafety !== undefined))).toEqual([]);
  });

  it('validates exactly the actions that have a request schema', () => {
    expect(VALIDATED_ACTIONS).toEqual(namesWhere((spec) => spec.request !== undefined));
    for (const [name] of ENTRIES) expect(isValidatedAction(name)).toBe(ACTIONS[name].request !== undefined);
  });

  it('knows no action by a name every object has', () => {
    expect(
      ['constructor', 'toString', '__proto__'].filter((name) => isActionName(name) || isValidatedAction(name)),
    ).toEqual([]);
  });

  it('takes a ClientToken in the request of exactly the validated actions whose retry relies on one', () => {
    const takesToken = VALIDATED_ACTIONS.filter((name) => {
      const [valid] = VALID_REQUESTS[name];
      return validateAction(name, { ...valid, ClientToken: 'token-1' }).ok;
    });
    expect(takesToken).toEqual(VALIDATED_ACTIONS.filter((name) => ACTIONS[name].retrySafety === 'clientToken'));
    expect(takesToken.length).toBeGreaterThan(0);
  });

  it('names as documenting error codes exactly the actions the error catalogue has codes from', () => {
    const sources = new Set([...ERROR_CODES.values()].flatMap((entry) => entry.sources));
    sources.delete('gateway');
    expect([...sources].sort()).toEqual([...DOCUMENTED_ACTIONS].sort());
  });
});

describe('the periods an action takes, as its request schema checks them', () => {
  const periodic = namesWhere((spec) => spec.periods !== undefined) as PeriodicAction[];
  const SPELLINGS = ['Month', 'Year', 'Week', 'Day', 'month', 'YEAR'];

  it('are described for the create and renew actions', () => {
    expect(periodic.length).toBeGreaterThan(0);
  });

  it.each(periodic)('%s: takes a Period and PeriodUnit exactly when the table lists them', (action) => {
    const periods = ACTIONS[action].periods;
    const base = VALID_REQUESTS[action].find((request) => 'Period' in request)!;
    fc.assert(
      fc.property(fc.constantFrom(...SPELLINGS), fc.integer({ min: -1, max: 70 }), (unit, length) => {
        const listed = (periods as Readonly<Record<string, readonly number[]>>)[unit]?.includes(length) ?? false;
        const result = validateAction(action, { ...base, Period: length, PeriodUnit: unit });
        expect(result.ok).toBe(listed);
      }),
      { seed: 17, numRuns: 300 },
    );
    for (const unit of unitsOf(periods)) {
      expect(validateAction(action, { ...base, Period: periods[unit]![0], PeriodUnit: unit })).toMatchObject({
        ok: true,
      });
    }
  });
});

describe('a request whose resource the job tags with its run', () => {
  const tagged = namesWhere((spec) => spec.jobTagged !== undefined) as (typeof VALIDATED_ACTIONS)[number][];
  const tagsOf = (count: number) => Array.from({ length: count }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
  /** A valid request without tags of its own. */
  const untagged = (action: (typeof VALIDATED_ACTIONS)[number]) =>
    Object.fromEntries(Object.entries(VALID_REQUESTS[action][0]!).filter(([name]) => !name.startsWith('Tag')));

  it('is described for the actions that buy something', () => {
    expect(tagged.length).toBeGreaterThan(0);
  });

  it('refuses a job whose request leaves no room for its tag before it starts', () => {
    const input = FAST.ecs('full');
    expect(
      validateJobInput('provisionEcsInstance', { ...input, request: { ...input.request, Tag: tagsOf(20) } }),
    ).toEqual([
      {
        action: 'ecs:CreateInstance',
        path: 'Tag',
        message: `holds 20 tags, but the job adds its own (${JOB_TAG_KEY}), which takes one of the 20: give at most 19`,
      },
    ]);
  });

  it.each(tagged)('%s: may give one tag fewer than the API takes, and is told why', (action) => {
    const max = ACTIONS[action].jobTagged!.max;
    expect(validateJobRequest(action, { ...untagged(action), Tag: tagsOf(max - 1) }).ok).toBe(true);
    expect(validateAction(action, { ...untagged(action), Tag: tagsOf(max) }).ok).toBe(true);
    expect(validateJobRequest(action, { ...untagged(action), Tag: tagsOf(max) })).toEqual({
      ok: false,
      issues: [
        {
          path: 'Tag',
          message: `holds ${max} tags, but the job adds its own (${JOB_TAG_KEY}), which takes one of the ${max}: give at most ${max - 1}`,
        },
      ],
    });
  });
});
