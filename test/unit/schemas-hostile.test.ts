/**
 * Requests as a hostile caller writes them: every one gets an answer (valid, or issues naming the
 * parameter), none changes anything shared by the process, and none makes validation allocate,
 * recurse or loop beyond the request's bounds.
 */
import { validateAction } from '../../src/actions';
import { REQUEST_LIMITS } from '../../src/schemas/limits';

const ECS = {
  RegionId: 'cn-hangzhou',
  InstanceType: 'ecs.g7.large',
  ImageId: 'ubuntu_22_04_x64_20G_alibase_20240101.vhd',
};

const issues = (input: unknown, action: Parameters<typeof validateAction>[0] = 'ecs:CreateInstance') => {
  const result = validateAction(action, input);
  return result.ok ? [] : result.issues;
};

describe('nothing from one request reaches another', () => {
  it('validates a polluting request, then a clean one, and the clean one comes out as given', () => {
    const polluting = issues({ ...ECS, '__proto__.InstanceChargeType': 'PrePaid', '__proto__.Period': 1 });
    const clean = validateAction('ecs:CreateInstance', ECS);

    expect(polluting).toEqual([
      {
        path: '__proto__.InstanceChargeType',
        message: 'is not a parameter name: it must start with a name such as Tag or DataDisk',
      },
      {
        path: '__proto__.Period',
        message: 'is not a parameter name: it must start with a name such as Tag or DataDisk',
      },
    ]);
    expect(clean).toEqual({ ok: true, value: ECS });
    expect(({} as Record<string, unknown>).InstanceChargeType).toBeUndefined();
  });

  it('refuses a JSON "__proto__" member as a parameter this action does not have, and keeps it out of every object', () => {
    const input = JSON.parse(
      JSON.stringify({ ...ECS }).replace('{', '{"__proto__": {"InstanceChargeType": "PrePaid", "Period": 1},'),
    ) as object;

    expect(issues(input)).toEqual([{ path: '', message: 'is not a parameter of this action: __proto__' }]);
    expect(validateAction('ecs:CreateInstance', ECS)).toEqual({ ok: true, value: ECS });
  });

  it.each([
    ['constructor.prototype.InstanceChargeType', ''],
    ['SystemDisk.__proto__.Size', 'SystemDisk.__proto__.Size'],
    ['Tag.1.__proto__', 'Tag.1.__proto__'],
    ['DataDisk.1.constructor', 'DataDisk.1'],
  ])('refuses %s without reaching any prototype', (name, path) => {
    const found = issues({ ...ECS, [name]: 'x' });

    expect(found.map((issue) => issue.path)).toEqual([path]);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('InstanceChargeType');
    expect(({} as Record<string, unknown>).Size).toBeUndefined();
  });

  it('leaves the caller’s request as it was, even when it gives a family both dotted and nested', () => {
    const input = { ...ECS, SystemDisk: { Category: 'cloud_essd' }, 'SystemDisk.Size': 40 };

    const result = validateAction('ecs:CreateInstance', input);

    expect(result).toEqual({ ok: true, value: { ...ECS, SystemDisk: { Category: 'cloud_essd', Size: 40 } } });
    expect(input.SystemDisk).toEqual({ Category: 'cloud_essd' });
  });

  it('returns plain objects, never one without a prototype', () => {
    const result = validateAction('ecs:CreateInstance', { ...ECS, 'SystemDisk.Size': 40, 'Tag.1.Key': 'team' });

    expect(result.ok).toBe(true);
    const value = (result as { value: { SystemDisk: object; Tag: object[] } }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.SystemDisk)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.Tag[0])).toBe(Object.prototype);
  });
});

describe('list positions: canonical, and within the list’s documented maximum before anything is made', () => {
  it.each([
    ['Tag.50000000.Key', 'Tag.50000000', 'is beyond the last position: at most 20 tags'],
    ['Tag.21.Key', 'Tag.21', 'is beyond the last position: at most 20 tags'],
    ['DataDisk.17.Size', 'DataDisk.17', 'is beyond the last position: at most 16 data disks'],
    ['Arn.101.RoleType', 'Arn.101', 'is beyond the last position: at most 100 roles'],
  ])('%s is refused on its position', (name, path, message) => {
    expect(issues({ ...ECS, [name]: 'x' })).toEqual([{ path, message }]);
  });

  it.each(['Tag.99999999999999999999.Key', 'Tag.01.Key', 'Tag.0.Key', 'Tag.-1.Key', 'Tag.1e3.Key', 'Tag.１.Key'])(
    '%s is not a parameter name',
    (name) => {
      const [issue, ...more] = issues({ ...ECS, [name]: 'x' });

      expect(more).toEqual([]);
      expect(issue).toEqual({ path: name, message: expect.stringMatching(/^is not a parameter name/) as unknown });
    },
  );

  it('accepts the last position of a list and reports the gap before it', () => {
    expect(issues({ ...ECS, 'DataDisk.16.Size': 40 })).toEqual(
      Array.from({ length: 15 }, (_, index) => ({ path: `DataDisk.${index + 1}`, message: 'is required' })),
    );
  });

  it('reads a list given by every position up to its last, the last one included', () => {
    const tags = Object.fromEntries(
      Array.from({ length: 20 }, (_, index) => [`Tag.${index + 1}.Key`, `k${index + 1}`]),
    );
    expect(issues({ ...ECS, ...tags, 'Tag.20.Key': '' })).toEqual([
      { path: 'Tag.20.Key', message: 'must not be empty' },
    ]);
  });

  it('merges positions given dotted into a list given nested', () => {
    const result = validateAction('ecs:CreateInstance', {
      ...ECS,
      Tag: [{ Key: 'a' }],
      'Tag.2.Key': 'b',
      'Tag.1.Value': 'x',
    });

    expect(result).toEqual({
      ok: true,
      value: { ...ECS, Tag: [{ Key: 'a', Value: 'x' }, { Key: 'b' }] },
    });
  });
});

describe('names given two ways that do not agree', () => {
  it.each([
    [{ 'SystemDisk.Size': 40, SystemDisk: { Size: 50 } }, 'SystemDisk.Size', 'is given twice (dotted and nested)'],
    [{ 'Tag.1.Key': 'a', Tag: [{ Key: 'b' }] }, 'Tag.1.Key', 'is given twice (dotted and nested)'],
    [{ 'SystemDisk.Size': 40, SystemDisk: 'cloud' }, 'SystemDisk', 'is given twice (dotted and nested)'],
    [{ 'Tag.1.Key': 'a', Tag: { Key: 'b' } }, 'Tag', 'conflicts with Tag given in another form'],
    [
      { SystemDisk: [{ Size: 40 }], 'SystemDisk.Size': 40 },
      'SystemDisk.Size',
      'conflicts with SystemDisk given in another form',
    ],
    [{ Tag: { Key: 'b' }, 'Tag.1.Key': 'a' }, 'Tag.1.Key', 'conflicts with Tag given in another form'],
  ])('%j is refused on %s', (given, path, message) => {
    expect(issues({ ...ECS, ...given })).toContainEqual({ path, message });
  });

  it('refuses them in a request that is otherwise valid, where the normalizer is the only one to object', () => {
    expect(validateAction('ecs:RenewInstance', { InstanceId: 'i-1', Period: 1, 'Period..': 2 })).toEqual({
      ok: false,
      issues: [
        {
          path: 'Period..',
          message:
            'is not a parameter name: "" is neither a name nor a list position (1 to 999999999, no leading zeros)',
        },
      ],
    });
  });
});

describe('bounds on a request, checked before it is read further', () => {
  it('refuses a name longer than a parameter name can be, without echoing it whole', () => {
    const name = `${'a.'.repeat(20_000)}b`;
    const [issue, ...more] = issues({ ...ECS, [name]: 1 });

    expect(more).toEqual([]);
    expect(issue!.message).toBe(`is too long for a parameter name: at most ${REQUEST_LIMITS.maxNameLength} characters`);
    expect(issue!.path.length).toBeLessThanOrEqual(64);
  });

  it('refuses a name of more parts than any parameter has', () => {
    expect(issues({ ...ECS, 'A.B.C.D.E.F.G.H.I': 1 })).toEqual([
      { path: 'A.B.C.D.E.F.G.H.I', message: `has too many parts: at most ${REQUEST_LIMITS.maxNameParts}` },
    ]);
  });

  it('refuses nesting deeper than any parameter has, at the level where it goes too deep', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 50; level++) deep = { Size: deep };

    expect(issues({ ...ECS, SystemDisk: deep })).toEqual([
      { path: 'SystemDisk.Size.Size.Size.Size.Size.Size.Size', message: 'nests too deeply: at most 8 levels' },
    ]);
  });

  it('refuses a request larger than the bound, and still takes the largest documented value (32 KB of UserData)', () => {
    const userData = Buffer.alloc(32 * 1024, 1).toString('base64');

    expect(issues({ ...ECS, UserData: userData })).toEqual([]);
    expect(issues({ ...ECS, Description: 'x'.repeat(REQUEST_LIMITS.maxCharacters) })).toEqual([
      {
        path: 'Description',
        message: `makes the request too large: at most ${REQUEST_LIMITS.maxCharacters} characters of names and text in all`,
      },
    ]);
  });

  it('refuses a list of millions of items before reading them', () => {
    expect(issues({ ...ECS, Tag: new Array(5_000_000).fill({ Key: 'k' }) })).toEqual([
      { path: '', message: `has too many values: at most ${REQUEST_LIMITS.maxValues} in all` },
    ]);
  });

  it('refuses a cyclic request as too deep rather than walking it forever', () => {
    const cyclic: Record<string, unknown> = { ...ECS };
    cyclic.SystemDisk = cyclic;

    expect(issues(cyclic)).toEqual([
      {
        path: 'SystemDisk.SystemDisk.SystemDisk.SystemDisk.SystemDisk.System...',
        message: 'nests too deeply: at most 8 levels',
      },
    ]);
  });

  it.each([
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a date', new Date(0)],
    ['a map', new Map()],
  ])('refuses %s as a value: requests are JSON data', (_label, value) => {
    expect(issues({ ...ECS, Description: value })).toEqual([
      { path: 'Description', message: 'must be JSON data: a string, number, boolean, list or object' },
    ]);
  });

  it('answers a request whose reading throws (a getter, a proxy) with an issue, not an exception', () => {
    const getter = Object.defineProperty({ ...ECS }, 'Description', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );

    expect(issues(getter)).toEqual([{ path: '', message: 'could not be read: boom' }]);
    expect(issues(proxy)).toEqual([{ path: '', message: 'could not be read: no keys' }]);
  });

  it('lists at most five unknown names in one message', () => {
    const unknown = Object.fromEntries(Array.from({ length: 300 }, (_, index) => [`Unknown${index}`, 1]));

    expect(issues({ ...ECS, ...unknown })).toEqual([
      {
        path: '',
        message: 'is not a parameter of this action: Unknown0, Unknown1, Unknown2, Unknown3, Unknown4 and 295 more',
      },
    ]);
  });
});

describe('a region id becomes part of a host name: nothing else passes', () => {
  it.each(['evil.example/x#', 'cn-hangzhou.evil.example', 'CN-HANGZHOU', 'cn_hangzhou', 'cn-hangzhou:443', 'cn'])(
    'RegionId %s is refused',
    (RegionId) => {
      expect(issues({ ...ECS, RegionId })).toEqual([
        { path: 'RegionId', message: 'must be a region id such as cn-hangzhou' },
      ]);
    },
  );
});
