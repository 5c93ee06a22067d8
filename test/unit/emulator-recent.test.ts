/** The emulator's bounded list of recent values (the request signatures it keeps for secrets scans). */
import { Recent } from '../../src/emulator/recent';

describe('Recent', () => {
  test('keeps every value until it is full', () => {
    const recent = new Recent<number>(3);
    recent.add(1);
    recent.add(2);
    expect(recent.values()).toEqual([1, 2]);
  });

  test('once full, each new value takes the place of the oldest', () => {
    const recent = new Recent<number>(3);
    for (const value of [1, 2, 3, 4, 5]) recent.add(value);
    expect(recent.values()).toEqual([3, 4, 5]);
    for (const value of [6, 7]) recent.add(value);
    expect(recent.values()).toEqual([5, 6, 7]);
  });
});
