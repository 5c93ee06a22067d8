import { FaultPlan } from '../../src/emulator/faults';

const CREATE = 'ecs:CreateInstance';

describe('aiming a fault rule past the DryRun pre-check', () => {
  it('with skipDryRun, skips the DryRun call and hits the next real one', () => {
    const plan = new FaultPlan();
    plan.add({ action: CREATE, kind: 'appliedButLost', skipDryRun: true });

    expect(plan.next(CREATE, { DryRun: 'true' })).toEqual([]);
    expect(plan.snapshot().injected).toEqual({});
    expect(plan.snapshot().pendingRules).toHaveLength(1);

    expect(plan.next(CREATE, { InstanceType: 'ecs.g7.large' })).toEqual([
      expect.objectContaining({ kind: 'appliedButLost' }),
    ]);
    expect(plan.snapshot().injected).toEqual({ appliedButLost: 1 });
    expect(plan.snapshot().pendingRules).toEqual([]);
    expect(plan.next(CREATE, {})).toEqual([]);
  });

  it('reads DryRun in the wire spellings, and counts DryRun=false as a real call', () => {
    const plan = new FaultPlan();
    plan.add({ action: CREATE, kind: 'drop', skipDryRun: true, times: 2 });

    expect(plan.next(CREATE, { DryRun: 'True' })).toEqual([]);
    expect(plan.next(CREATE, { DryRun: true })).toEqual([]);
    expect(plan.next(CREATE, { DryRun: 'false' })).toEqual([expect.objectContaining({ kind: 'drop' })]);
    expect(plan.next(CREATE, {})).toEqual([expect.objectContaining({ kind: 'drop' })]);
    expect(plan.snapshot().injected).toEqual({ drop: 2 });
  });

  it('without skipDryRun, hits the DryRun call first', () => {
    const plan = new FaultPlan();
    plan.add({ action: CREATE, kind: 'appliedButLost' });

    expect(plan.next(CREATE, { DryRun: 'true' })).toEqual([expect.objectContaining({ kind: 'appliedButLost' })]);
    expect(plan.snapshot().injected).toEqual({ appliedButLost: 1 });
    expect(plan.next(CREATE, {})).toEqual([]);
    expect(plan.snapshot().injected).toEqual({ appliedButLost: 1 });
  });

  it('lets a later rule take the DryRun call that an aimed rule skips', () => {
    const plan = new FaultPlan();
    plan.add(
      { action: CREATE, kind: 'appliedButLost', skipDryRun: true },
      { action: CREATE, kind: 'error', code: 'Throttling.User' },
    );

    expect(plan.next(CREATE, { DryRun: 'true' })).toEqual([expect.objectContaining({ code: 'Throttling.User' })]);
    expect(plan.next(CREATE, {})).toEqual([expect.objectContaining({ kind: 'appliedButLost' })]);
    expect(plan.snapshot().injected).toEqual({ 'Throttling.User': 1, appliedButLost: 1 });
  });

  it('leaves the storm as it was: a DryRun call can still draw a storm fault', () => {
    const storm = { seed: 7, actions: [CREATE], rates: { appliedButLost: 1 } };
    const plan = new FaultPlan();
    plan.setStorm(storm);

    expect(plan.next(CREATE, { DryRun: 'true' })).toEqual([{ kind: 'appliedButLost' }]);
    expect(plan.snapshot().injected).toEqual({ appliedButLost: 1 });
  });
});
