/**
 * Requests for the validators, as hostile as they come: random JSON and objects of every kind (without
 * a prototype, with `__proto__` and `constructor` names), hostile names (`__proto__.X`,
 * `Tag.__proto__.Key`), huge, sparse and malformed list positions, dotted names of up to 20,000 parts
 * and nesting as deep, odd Unicode, numbers at the edges, the wire's strings, and valid requests with
 * one thing changed.
 */
import fc from 'fast-check';
import type { ValidatedAction } from '../../src/actions';
import { FAST } from '../helpers/provisioning';
import { labelled, preview, recordOf, shownName, words, type Labelled } from './labels';

const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'];
/** Characters that have broken parsers: lone surrogates, NUL, bidi controls, joiners, separators, emoji. */
const ODD_CHARACTERS = [
  ...LONE_SURROGATES,
  ...['\u0000', '\u0007', '\r', '\n', '\t', ' ', '\u2028'], // controls and separators
  ...['\u202E', '\u200F', '\u200B', '\uFEFF', '\u0301'], // bidi override and mark, zero width, BOM, an accent
  ...['😀', '👨‍👩‍👧', '１', '٣'], // an emoji, a joined one, a full-width and an Arabic-Indic digit
  ...words(`% & = + . " ' \\ / # ? *`), // what URLs, forms and dotted names give a meaning
];
const oddCharacter = fc.oneof(
  fc.constantFrom(...ODD_CHARACTERS),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);
/** Short strings of odd characters. */
export const oddString = fc.string({ unit: oddCharacter, maxLength: 16 });

/** What a parameter looks like on the wire, and what a lenient parser would take for a number or boolean. */
const WIRE_STRINGS = [
  ...words('True False TRUE true false yes 1 0 +1 -1 -0 01 0x0C 0b1 0o7 1e3 1E3 1.0 1.5 .5 5. 20 40 ２０ ٢٠'),
  ...words('Infinity -Infinity NaN null undefined [] {} [["zonek"],[]] {"__proto__":{"polluted":true}}'),
  ...words(
    '{"constructor":{"prototype":{"polluted":true}}} {"ReservedPublishCapacity":"1e3","ReservedSubscribeCapacity":-0}',
  ),
  ...words('Month Year PostPaid PrePaid cloud_essd vpc eip cn-hangzhou cn-hangzhou.evil.example https://example.com'),
  ...words('aliyun-tag acs:tag'),
  ...[' 1', '1 ', ' ', '', '9'.repeat(400)],
];
export const wireString = fc.constantFrom(...WIRE_STRINGS);

/** Numbers at the edges: NaN is not JSON, but a JS caller can pass it. */
const EDGE_NUMBERS = [
  ...[Number.NaN, -0, 0, 1, -1, 1.5, 0.1 + 0.2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
  // documented bounds, and where int32, uint32 and exact doubles end
  ...[20, 32_768, 65_536, 999_999_999, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2],
  ...[Number.MIN_SAFE_INTEGER - 2, 1e21, 1e308, -1e308, Number.MAX_VALUE],
  ...[Number.MIN_VALUE, -Number.MIN_VALUE, 1e-300, Number.EPSILON], // very small
];
const edgeNumber = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double(), fc.integer());

/** Strings around the documented lengths (64, 80, 128, UserData's 43,692) and the 128 Ki bound. */
export const longString = fc
  .tuple(
    fc.constantFrom(64, 65, 80, 81, 128, 129, 4_097, 43_692, 43_693, 131_073, 1_000_000),
    fc.constantFrom('A', 'é'),
  )
  .map(([length, character]) => character.repeat(length));

/** Values no JSON parser makes, each made fresh (nothing is shared between inputs). */
const EXOTIC: Readonly<Record<string, () => unknown>> = {
  'a function': () => () => 'i-1',
  'a symbol': () => Symbol('i-1'),
  'a bigint': () => 10n ** 30n,
  'a Date': () => new Date(0),
  'a Map': () => new Map([['InstanceId', 'i-1']]),
  'a Set': () => new Set(['i-1']),
  'a RegExp': () => /i-1/,
  'a boxed string': () => Object('i-1') as unknown,
  'a typed array': () => new Uint8Array([1, 2, 3]),
  'an Error': () => new Error('i-1'),
  'a class instance': () =>
    new (class Request {
      InstanceId = 'i-1';
    })(),
  'an object over an object without a prototype': () =>
    Object.assign(Object.create(Object.create(null) as object) as object, { InstanceId: 'i-1' }),
  'a getter that throws': () =>
    Object.defineProperty({}, 'InstanceId', {
      enumerable: true,
      get() {
        throw new Error('read me not');
      },
    }),
  'a proxy whose traps throw': () =>
    new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
        getPrototypeOf() {
          throw new Error('no prototype');
        },
      },
    ),
  'a revoked proxy': () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  'a cycle': () => {
    const request: Record<string, unknown> = { InstanceId: 'i-1' };
    request.Self = request;
    return request;
  },
  'a frozen object': () => Object.freeze({ InstanceId: 'i-1', Period: 1 }),
  'a parsed __proto__ name': () => JSON.parse('{"__proto__":{"polluted":true},"InstanceId":"i-1"}') as unknown,
  'a parsed constructor.prototype': () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
  'Object.prototype': () => Object.prototype,
  'Array.prototype': () => Array.prototype as unknown,
  'a list of 3,000': () => Array.from({ length: 3_000 }, (_, index) => index),
  'a sparse list of 50,000,001': () => {
    const list: unknown[] = [];
    list[50_000_000] = 'x';
    return list;
  },
  'a list of length 4,294,967,295': () => {
    const list: unknown[] = [];
    list.length = 2 ** 32 - 1;
    return list;
  },
  'an object of 5,000 names': () =>
    recordOf(Array.from({ length: 5_000 }, (_, index) => [`N${index}`, index] as const)),
};
const exoticValue = fc.constantFrom(...Object.keys(EXOTIC)).map((name) => labelled(name, EXOTIC[name]!()));

/** Nesting far beyond REQUEST_LIMITS.maxDepth (8): an object or a list, hundreds to 20,000 deep. */
const deepValue = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 9, max: 64 }), fc.integer({ min: 100, max: 2_000 }), fc.constantFrom(20_000)),
    list: fc.boolean(),
    // Names of the longest length allowed, so that a path through them is as long as a path can be.
    name: fc.oneof(
      fc.constantFrom('a', 'Tag', 'DataDisk', '__proto__', 'constructor', 'prototype'),
      fc.constant('N'.repeat(128)),
    ),
  })
  .map(({ depth, list, name }) => {
    let value: unknown = 'bottom';
    for (let level = 0; level < depth; level++) value = list ? [value] : recordOf([[name, value]]);
    return labelled(`${list ? 'a list' : `an object (${shownName(name)})`} nested ${depth} deep`, value);
  });

const plainValue = fc.oneof(
  { arbitrary: edgeNumber, weight: 3 },
  { arbitrary: wireString, weight: 3 },
  { arbitrary: oddString, weight: 3 },
  { arbitrary: fc.constantFrom(undefined, null, true, false), weight: 2 },
  { arbitrary: longString, weight: 1 },
);

/** Objects of any kind fast-check makes: without a prototype, boxed values, Maps, sparse lists... */
const anyObject = fc.object({
  key: fc.oneof(
    fc.string(),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'Key', 'Size', '1', '01', 'K'.repeat(128)),
  ),
  values: [plainValue],
  maxDepth: 3,
  maxKeys: 6,
  withNullPrototype: true,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
});

const carried = (value: unknown) => labelled(preview(value, 40), value);

/**
 * Any value a parameter may be given, carried in a Labelled until the input is put together: fast-check
 * looks into every value it makes, and a revoked proxy cannot be looked into.
 */
const hostileValue: fc.Arbitrary<Labelled<unknown>> = fc.oneof(
  { arbitrary: plainValue.map(carried), weight: 12 },
  { arbitrary: exoticValue, weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map(carried), weight: 2 },
  { arbitrary: anyObject.map(carried), weight: 2 },
  { arbitrary: fc.array(plainValue, { maxLength: 24 }).map(carried), weight: 1 },
  { arbitrary: fc.sparseArray(plainValue, { maxLength: 40 }).map(carried), weight: 1 },
  { arbitrary: deepValue, weight: 1 },
);

const entriesOf = (pairs: readonly [string, Labelled<unknown>][]) =>
  pairs.map(([name, item]): [string, unknown] => [name, item.value]);

// ---- parameter names ----

const FAMILIES = ['Tag', 'DataDisk', 'SystemDisk', 'Arn', 'VSwitchIds', 'PrivatePoolOptions', 'ServerlessConfig'];
const MEMBERS = ['Key', 'Value', 'key', 'value', 'Size', 'Category', 'PerformanceLevel', 'KMSKeyId', 'RoleType', 'Id'];
/** Names every object inherits, or that reach its prototype. */
export const PROTOTYPE_NAMES = [
  ...words('__proto__ constructor prototype toString valueOf hasOwnProperty isPrototypeOf'),
  ...words('__defineGetter__ __lookupGetter__ length then'),
];
/** List positions: the documented maxima and one past, huge, sparse, leading zeros, 0, negatives, other digits. */
const POSITIONS = [
  ...words('1 2 16 17 20 21 100 101 0 -1 +1 01 001 1e3 1.5 0x1 １ ٣ NaN Infinity'),
  ...words('50000000 999999999 1000000000 4294967295 9007199254740993 99999999999999999999'),
  '',
];
const HOSTILE_NAMES = [
  ...words('__proto__.X __proto__.polluted constructor.prototype.X constructor.prototype.polluted'),
  ...words('Tag.__proto__.Key Tag.constructor.prototype Tag.1.__proto__ Tag.1.constructor DataDisk.1.__proto__.Size'),
  ...words('SystemDisk.__proto__ SystemDisk.constructor.prototype'),
  ...words(
    'Tag.50000000.Key DataDisk.99999999999999999999.Size DataDisk.999999999.Size Tag.01.Key Tag.0.Key Tag.-1.Key',
  ),
  ...words('Tag.1 Tag.1.Key.Extra Tag..Key Tag. .Tag . .. a.a.a.a.a.a.a.a a.a.a.a.a.a.a.a.a'),
  ...['', 'A'.repeat(128), 'A'.repeat(129), `Tag.1.${'K'.repeat(200)}`],
];

/** A dotted name of hundreds to 20,000 parts. */
const deepDottedName = fc
  .tuple(
    fc.constantFrom('Tag', 'DataDisk', 'a', '__proto__', ''),
    fc.oneof(fc.integer({ min: 9, max: 64 }), fc.integer({ min: 100, max: 2_000 }), fc.constantFrom(20_000)),
    fc.constantFrom('1', 'a', '__proto__', 'constructor', ''),
  )
  .map(([head, parts, part]) => [head, ...Array.from({ length: parts - 1 }, () => part)].join('.'));

/** Any parameter name, dotted or not. */
export const hostileName: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_NAMES, ...PROTOTYPE_NAMES), weight: 4 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom(...FAMILIES, ...PROTOTYPE_NAMES),
        fc.constantFrom(...POSITIONS),
        fc.constantFrom(...MEMBERS, ...PROTOTYPE_NAMES),
      )
      .map((parts) => parts.join('.')),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...FAMILIES, ...PROTOTYPE_NAMES), fc.constantFrom(...MEMBERS, ...PROTOTYPE_NAMES))
      .map((parts) => parts.join('.')),
    weight: 2,
  },
  { arbitrary: deepDottedName, weight: 1 },
  { arbitrary: oddString, weight: 2 },
  { arbitrary: fc.string(), weight: 1 },
);

// ---- requests: valid ones, and what is done to them ----

/** Valid requests of every action, where the mutations start (test/helpers/provisioning.ts, the schema tests). */
export const VALID_REQUESTS: Readonly<Record<ValidatedAction, readonly Record<string, unknown>[]>> = {
  'alikafka:CreatePostPayOrder': [
    { ...FAST.kafka('fuzz').order, 'Tag.1.Key': 'team', 'Tag.1.Value': 'fuzz' },
    {
      RegionId: 'cn-hangzhou',
      DeployType: 5,
      PaidType: 3,
      SpecType: 'normal',
      ServerlessConfig: '{"ReservedPublishCapacity":60,"ReservedSubscribeCapacity":20}',
    },
  ],
  'alikafka:StartInstance': [
    { InstanceId: 'alikafka_post-cn-v0h1fgs2****', RegionId: 'cn-hangzhou', ...FAST.kafka('fuzz').deploy },
    {
      InstanceId: 'alikafka_post-cn-v0h1fgs2****',
      RegionId: 'cn-hangzhou',
      VpcId: 'vpc-bp1r4eg3yrxmygv****',
      VSwitchIds: ['vsw-bp1j3sg5979fstnpl****'],
      ZoneId: 'cn-hangzhou-k',
      DeployModule: 'eip',
      IsEipInner: true,
      SelectedZones: '[["zonel"],["zonek"]]',
      Config: '{"kafka.log.retention.hours":"33"}',
      ServiceVersion: '2.2.0',
      IsSetUserAndPassword: true,
      Username: 'username',
      Password: 'password',
    },
  ],
  'ecs:CreateInstance': [
    { ...FAST.ecs('fuzz').request },
    {
      ...FAST.ecs('fuzz').request,
      InstanceChargeType: 'PrePaid',
      Period: 1,
      PeriodUnit: 'Month',
      AutoRenew: true,
      AutoRenewPeriod: 1,
      InternetMaxBandwidthOut: 20,
      InternetMaxBandwidthIn: 20,
      DataDisk: [
        { Category: 'cloud_essd', Size: 40, PerformanceLevel: 'PL1' },
        { Category: 'cloud_efficiency', Size: 100, Encrypted: true, KMSKeyId: 'key-1' },
      ],
      Tag: [
        { Key: 'team', Value: 'fuzz' },
        { Key: 'job', Value: '' },
      ],
      ClientToken: '123e4567-e89b-12d3-a456-426655440000',
    },
  ],
  'ecs:StartInstance': [{ InstanceId: 'i-bp67acfmxazb4p****', DryRun: 'true' }],
  'ecs:RenewInstance': [
    {
      InstanceId: 'i-bp67acfmxazb4p****',
      Period: 1,
      PeriodUnit: 'Month',
      ClientToken: '123e4567-e89b-12d3-a456-426655440000',
    },
  ],
  'ens:CreateLoadBalancer': [{ ...FAST.loadBalancer('fuzz').request, ClientToken: 'fuzz-1' }],
  'ens:RenewARMServerInstance': [{ InstanceId: 'aic-fuzz', Period: 1, PeriodUnit: 'Month', AutoRenew: true }],
};

type Path = readonly (string | number)[];

/** The path of every value of a request (lists 0-based), families first. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [at];
  const children = Object.entries(value).flatMap(([key, item]) =>
    pathsOf(item, [...at, Array.isArray(value) ? Number(key) : key]),
  );
  return at.length === 0 ? children : [at, ...children];
}

/** A path as the API names it: `DataDisk.2.Size`. */
export const dotted = (path: Path) =>
  path.map((part) => (typeof part === 'number' ? String(part + 1) : part)).join('.');

/** The request as dotted names, each value kept (`dotted`) or written as the wire's text (`wire`). */
function flatten(request: Record<string, unknown>, wire: boolean): [string, unknown][] {
  return pathsOf(request)
    .filter((path) => {
      const value = valueAt(request, path);
      return typeof value !== 'object' || value === null;
    })
    .map((path) => {
      const value = valueAt(request, path);
      return [dotted(path), wire ? String(value) : value];
    });
}

function valueAt(request: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, part) => (value as Record<string, unknown>)[part], request);
}

/** A copy of a nested request with `value` at `path` (DELETE takes it out). */
function withValueAt(request: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [part, ...rest] = path;
  const copy: unknown = Array.isArray(request) ? [...(request as unknown[])] : { ...(request as object) };
  const next = withValueAt((copy as Record<string, unknown>)[part!], rest, value);
  if (next === DELETE) delete (copy as Record<string, unknown>)[part!];
  else Object.defineProperty(copy, part!, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

export const DELETE = Symbol('delete');
type Form = 'nested' | 'dotted' | 'wire';

/** A valid request of `action` in one form with one thing changed: a value set, a parameter taken out or added. */
export function mutatedRequest(action: ValidatedAction): fc.Arbitrary<Labelled<unknown>> {
  const bases = VALID_REQUESTS[action];
  return fc
    .record({
      base: fc.nat(bases.length - 1),
      form: fc.constantFrom<Form>('nested', 'dotted', 'wire'),
      change: fc.constantFrom('set', 'delete', 'add'),
      pick: fc.nat(),
      name: hostileName,
      value: hostileValue,
      nullPrototype: fc.boolean(),
    })
    .map(({ base: index, form, change, pick, name, value: { label: shown, value }, nullPrototype }) => {
      const base = bases[index]!;
      if (form === 'nested') {
        const paths = pathsOf(base);
        const path = paths[pick % paths.length]!;
        if (change === 'add') {
          // Into the object the value is in (a list has positions, not names).
          let parent = path.slice(0, -1);
          while (parent.length > 0 && Array.isArray(valueAt(base, parent))) parent = parent.slice(0, -1);
          const request = withValueAt(base, [...parent, name], value);
          return labelled(`${action} (nested), ${shownName(dotted([...parent, name]))} added: ${shown}`, request);
        }
        const request = withValueAt(base, path, change === 'delete' ? DELETE : value);
        const what = change === 'delete' ? 'taken out' : `set to ${shown}`;
        return labelled(`${action} (nested), ${dotted(path)} ${what}`, request);
      }
      const entries = flatten(base, form === 'wire');
      const at = pick % entries.length;
      const changed = change === 'add' ? shownName(name) : entries[at]![0];
      if (change === 'add') entries.push([name, value]);
      else if (change === 'delete') entries.splice(at, 1);
      else entries[at] = [changed, value];
      const what = change === 'delete' ? 'taken out' : `${change === 'add' ? 'added' : 'set to'} ${shown}`;
      return labelled(`${action} (${form}), ${changed} ${what}`, recordOf(entries, nullPrototype));
    });
}

/** A valid request of `action` plus a few hostile names. */
function requestWithHostileNames(action: ValidatedAction): fc.Arbitrary<Labelled<unknown>> {
  return fc
    .record({
      base: fc.nat(VALID_REQUESTS[action].length - 1),
      wire: fc.boolean(),
      extra: fc.array(fc.tuple(hostileName, hostileValue), { minLength: 1, maxLength: 6 }),
    })
    .map(({ base, wire, extra }) => {
      const entries = [...flatten(VALID_REQUESTS[action][base]!, wire), ...entriesOf(extra)];
      return labelled(`${action} plus ${extra.map(([name]) => shownName(name)).join(', ')}`, recordOf(entries));
    });
}

/** Up to 2,600 names of one pattern: positions far beyond a list's maximum, or too many names in all. */
const manyNames = fc
  .tuple(
    fc.integer({ min: 1, max: 2_600 }),
    fc.constantFrom(
      (n: number) => `Tag.${n}.Key`,
      (n: number) => `DataDisk.${n * 1_000_003}.Size`,
      (n: number) => `VSwitchIds.${n}`,
      (n: number) => `Unknown${n}`,
    ),
  )
  .map(([count, name]) =>
    labelled(
      `${count} names such as ${name(count)}`,
      recordOf(Array.from({ length: count }, (_, index) => [name(index + 1), 'x'] as const)),
    ),
  );

/** Any input `validateAction(action, ·)` may be given. */
export function requestInput(action: ValidatedAction): fc.Arbitrary<Labelled<unknown>> {
  return fc.oneof(
    { arbitrary: mutatedRequest(action), weight: 8 },
    { arbitrary: requestWithHostileNames(action), weight: 3 },
    {
      arbitrary: fc
        .array(fc.tuple(hostileName, hostileValue), { maxLength: 8 })
        .map((pairs) =>
          labelled(`names ${pairs.map(([name]) => shownName(name)).join(', ')}`, recordOf(entriesOf(pairs))),
        ),
      weight: 3,
    },
    { arbitrary: manyNames, weight: 1 },
    { arbitrary: fc.jsonValue().map((value) => labelled('random JSON', value)), weight: 1 },
    { arbitrary: anyObject.map((value) => labelled('random object', value)), weight: 1 },
    { arbitrary: exoticValue.map((item) => labelled(`${item.label} as the request`, item.value)), weight: 1 },
    {
      arbitrary: fc
        .tuple(deepValue, fc.constantFrom(...FAMILIES, 'InstanceId'))
        .map(([item, family]) =>
          labelled(`${family}: ${item.label}`, { ...VALID_REQUESTS[action][0], [family]: item.value }),
        ),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(deepDottedName, hostileValue)
        .map(([name, { value }]) =>
          labelled(`a dotted name of ${name.split('.').length} parts`, recordOf([[name, value]])),
        ),
      weight: 1,
    },
  );
}

/** A value as a wire request carries it: text (an object, which the wire cannot carry, as a short text of it). */
export function wireText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'object' && value !== null ? preview(value, 200) : preview(value);
}
