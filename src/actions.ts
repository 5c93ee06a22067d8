/**
 * Every product and API action the project calls, described once: the product's API version and
 * endpoint; the action's product (in its name), whether it changes anything, how
 * a retry after a lost answer is kept from doing it twice, the parameters it takes as JSON strings,
 * its request schema, its documented rate limit, whether its document lists its error codes, and the
 * periods it takes. The transport, the validation, the rate-limited task queues, the CLI and the
 * emulator's routing all read this table; none of them lists actions of its own. Plain data and zod
 * schemas: both sides of the wire (the client in src/alicloud, the emulator) share it.
 */
import type { z } from 'zod';
import type { Periods } from './policy/periods';
import { validateRequest, type TagRules, type ValidationResult } from './schemas/common';
import {
  CREATE_INSTANCE_PERIODS,
  ECS_TAGS,
  CreateInstanceSchema,
  EcsStartInstanceSchema,
  RENEW_INSTANCE_PERIODS,
  RenewInstanceSchema,
} from './schemas/ecs';
import { CreateLoadBalancerSchema, RENEW_ARM_SERVER_PERIODS, RenewARMServerInstanceSchema } from './schemas/ens';
import { CreatePostPayOrderSchema, KAFKA_TAGS, KafkaStartInstanceSchema } from './schemas/kafka';

export type ProductName = 'alikafka' | 'ecs' | 'ens';

export interface Product {
  name: ProductName;
  /** The RPC API version, which also routes the call (the emulator relies on it). */
  version: string;
  /** Alibaba Cloud's public endpoint for the region (ENS has one central endpoint). */
  endpoint(regionId: string): string;
}

export const PRODUCTS: Readonly<Record<ProductName, Product>> = {
  alikafka: {
    name: 'alikafka',
    version: '2019-09-16',
    endpoint: (regionId) => `https://alikafka.${regionId}.aliyuncs.com`,
  },
  ecs: {
    name: 'ecs',
    version: '2014-05-26',
    // cn-hangzhou's endpoint keeps its historical spelling.
    endpoint: (regionId) =>
      regionId === 'cn-hangzhou' ? 'https://ecs-cn-hangzhou.aliyuncs.com' : `https://ecs.${regionId}.aliyuncs.com`,
  },
  ens: {
    name: 'ens',
    version: '2017-11-10',
    endpoint: () => 'https://ens.aliyuncs.com',
  },
};

/**
 * How a retry of a mutating action after a lost answer (a timeout, a dropped connection) is kept from
 * doing it twice:
 * - `clientToken`: the retry sends the first attempt's ClientToken, and the API answers it with the
 *   first attempt's outcome;
 * - `tag`: the retry first looks for what the first attempt made by the job's tag (Kafka orders);
 * - `reRead`: the retry first reads the resource (its status, its ExpiredTime) and calls again only
 *   if the first attempt left no mark;
 * - `notCalled`: no job calls it; the emulator serves it so that tests can act behind a job's back.
 */
export type RetrySafety = 'clientToken' | 'tag' | 'reRead' | 'notCalled';

/** An action, named `product:Action` (`ecs:CreateInstance`): the name says its product. */
export interface ActionSpec {
  /**
   * True when the call changes something, so a timeout or dropped connection after it was sent
   * leaves its outcome unknown (the caller must reconcile before calling again).
   */
  mutating: boolean;
  /** For a mutating action: how its retry is made safe. */
  retrySafety?: RetrySafety;
  /** Parameters the API takes as one JSON string rather than a flattened list. */
  json?: readonly string[];
  /** The request schema a job's request of this action is validated against before any call. */
  request?: z.ZodType;
  /** The documented per-user limit, in calls per second. */
  rateLimitPerSecond?: number;
  /** Whether the action's document lists its error codes (they are in `error-codes.ts`). */
  documentsErrors?: boolean;
  /** The values of Period the action takes, by PeriodUnit. */
  periods?: Periods;
  /**
   * For an action whose resource the job tags with its run (JOB_TAG_KEY), the request's tag rules:
   * the job's tag takes one of the slots, so a request may give one tag fewer than the API takes.
   */
  jobTagged?: TagRules;
}

type Facts = Omit<ActionSpec, 'mutating' | 'retrySafety'>;

const read = <const F extends Facts>(facts?: F) => ({ mutating: false, ...facts }) as ActionSpec & F;
const write = <const F extends Facts>(retrySafety: RetrySafety, facts?: F) =>
  ({ mutating: true, retrySafety, ...facts }) as ActionSpec & F;

export const ACTIONS = {
  'alikafka:CreatePostPayOrder': write('tag', {
    json: ['ServerlessConfig'],
    request: CreatePostPayOrderSchema,
    documentsErrors: true,
    jobTagged: KAFKA_TAGS,
  }),
  'alikafka:GetInstanceList': read(),
  'alikafka:StartInstance': write('reRead', { request: KafkaStartInstanceSchema }),
  'alikafka:ReleaseInstance': write('reRead'),
  'alikafka:DeleteInstance': write('reRead'),
  'ecs:CreateInstance': write('clientToken', {
    request: CreateInstanceSchema,
    documentsErrors: true,
    periods: CREATE_INSTANCE_PERIODS,
    jobTagged: ECS_TAGS,
  }),
  'ecs:DescribeInstanceStatus': read(),
  'ecs:DescribeInstances': read({ json: ['InstanceIds'] }),
  'ecs:StartInstance': write('reRead', { request: EcsStartInstanceSchema }),
  'ecs:StopInstance': write('notCalled'),
  'ecs:RenewInstance': write('clientToken', { request: RenewInstanceSchema, periods: RENEW_INSTANCE_PERIODS }),
  'ecs:DeleteInstance': write('reRead'),
  'ens:CreateLoadBalancer': write('clientToken', {
    request: CreateLoadBalancerSchema,
    rateLimitPerSecond: 5,
    documentsErrors: true,
  }),
  'ens:DescribeLoadBalancerAttribute': read(),
  'ens:DescribeLoadBalancers': read({ json: ['EnsRegionIds'] }),
  'ens:ReleaseInstance': write('reRead'),
  'ens:DescribeARMServerInstances': read({ json: ['ServerIds', 'States', 'EnsRegionIds', 'ServerSpecs'] }),
  'ens:RenewARMServerInstance': write('reRead', {
    request: RenewARMServerInstanceSchema,
    rateLimitPerSecond: 10,
    documentsErrors: true,
    periods: RENEW_ARM_SERVER_PERIODS,
  }),
} as const satisfies Record<`${ProductName}:${string}`, ActionSpec>;

type Actions = typeof ACTIONS;

/** `product:Action`, e.g. `ecs:CreateInstance`. */
export type ActionName = keyof Actions;

/** The actions whose descriptor has `fact` (e.g. `request`, `rateLimitPerSecond`). */
type ActionsWith<F extends keyof Facts> = {
  [K in ActionName]: Actions[K] extends Record<F, unknown> ? K : never;
}[ActionName];

/** Actions with a request schema: what a job validates and `alicloud-provisioner validate` takes. */
export type ValidatedAction = ActionsWith<'request'>;
/** Actions with a documented rate limit: each has a task queue of its own. */
export type RateLimitedAction = ActionsWith<'rateLimitPerSecond'>;
/** Actions whose document lists error codes. */
export type DocumentedAction = ActionsWith<'documentsErrors'>;
/** Actions that take a Period. */
export type PeriodicAction = ActionsWith<'periods'>;
/** The action names of one product, without the product (`CreateInstance`). */
export type ActionOf<P extends ProductName> = ActionName extends infer K
  ? K extends `${P}:${infer Action}`
    ? Action
    : never
  : never;

const ENTRIES = Object.entries(ACTIONS) as [ActionName, ActionSpec][];

function namesWith(fact: keyof Facts): ActionName[] {
  return ENTRIES.filter(([, spec]) => spec[fact] !== undefined).map(([name]) => name);
}

export const VALIDATED_ACTIONS = namesWith('request') as ValidatedAction[];
export const DOCUMENTED_ACTIONS = namesWith('documentsErrors') as DocumentedAction[];

/** The documented per-user rate limits, in calls per second, keyed `product:Action`. */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = Object.fromEntries(
  ENTRIES.flatMap(([name, spec]) => (spec.rateLimitPerSecond === undefined ? [] : [[name, spec.rateLimitPerSecond]])),
);

export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}

export function isValidatedAction(name: string): name is ValidatedAction {
  return isActionName(name) && ACTIONS[name].request !== undefined;
}

export function actionOf(name: ActionName): { spec: ActionSpec; product: Product; action: string } {
  const spec: ActionSpec = ACTIONS[name];
  const colon = name.indexOf(':');
  return { spec, product: PRODUCTS[name.slice(0, colon) as ProductName], action: name.slice(colon + 1) };
}

/** Validates `input` as a request of `action`: the parsed request, or every issue. */
export function validateAction(action: ValidatedAction, input: unknown): ValidationResult<unknown> {
  return validateRequest<unknown>(ACTIONS[action].request, input);
}

/** The tag key that marks what a job bought with the workflow run that bought it. */
export const JOB_TAG_KEY = 'alicloud-provisioner:workflow-run';

/**
 * Validates a request a job sends: the action's rules, and, where the job adds its own tag to what it
 * buys, room for that tag among the request's.
 */
export function validateJobRequest(action: ValidatedAction, input: unknown): ValidationResult<unknown> {
  const result = validateAction(action, input);
  const rules = (ACTIONS[action] as ActionSpec).jobTagged;
  const given = result.ok ? ((result.value as { Tag?: unknown[] }).Tag?.length ?? 0) : 0;
  if (!rules || given < rules.max) return result;
  const message = `holds ${given} tags, but the job adds its own (${JOB_TAG_KEY}), which takes one of the ${rules.max}: give at most ${rules.max - 1}`;
  return { ok: false, issues: [{ path: 'Tag', message }] };
}
