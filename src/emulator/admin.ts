/**
 * The emulator's admin API (`/__admin/...`): state, faults, settings, a seeded fleet, reset, an
 * outage, the signatures received. It can reset everything and inject faults, so it answers only a
 * local program: a loopback peer, a loopback `Host` (a page that rebinds its own name to 127.0.0.1
 * still sends its name), no foreign `Origin` (a page in the operator's browser sends its own), and a
 * JSON body on every change (a page cannot send `application/json` to another origin unasked).
 * Every body is checked before anything is changed: a bad one gets 400 naming what is wrong.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FaultPlan, FaultRule, FaultStorm } from './faults';
import { seedArmServers } from './products/ens';
import { seedEcsInstances } from './products/ecs';
import { ECS_TAG_LIMITS, INSTANCE_CHARGE_TYPES } from '../schemas/ecs-listing';
import { REGION_ID } from '../schemas/region';
import type { Recent } from './recent';
import type { EmulatorSettings, EmulatorState } from './store';

export interface AdminTarget {
  state: EmulatorState;
  settings: EmulatorSettings;
  faults: FaultPlan;
  signatures: Recent<string>;
  reset(): void;
  /** Starts an outage once the answer is sent; false when one is already under way. */
  outage(ms: number, response: ServerResponse): boolean;
}

export type SendJson = (response: ServerResponse, status: number, body: unknown) => void;

export const MAX_OUTAGE_MS = 10 * 60_000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isLoopbackAddress(address: string | undefined): boolean {
  return !!address && (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'));
}

/** The host of a `Host` header or an `Origin`'s authority, without the port. */
function hostOf(authority: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d+)?$/.exec(authority);
  if (bracketed) return bracketed[1]!;
  return authority.replace(/:\d+$/, '').toLowerCase();
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/** Why the request may not use the admin API, if it may not: the status and the reason. */
export function adminRefusal(request: IncomingMessage): [number, string] | undefined {
  if (!isLoopbackAddress(request.socket.remoteAddress)) return [403, 'the admin API is loopback only'];
  const host = request.headers.host;
  if (!host || !LOOPBACK_HOSTS.has(hostOf(host))) return [403, 'the admin API answers only a loopback Host'];
  const origin = request.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin))
    return [403, `the admin API does not answer pages of another origin (${origin})`];
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (request.method !== 'GET' && contentType !== 'application/json')
    return [415, 'a change to the admin API must be sent as application/json'];
  return undefined;
}

// ---- what each route accepts ----

const count = (max: number) => z.number().int().min(0).max(max);
const ms = z.number().finite().min(0);

const SettingsSchema = z.strictObject({
  timeScale: z.number().finite().min(0).max(1_000).optional(),
  durations: z
    .strictObject({
      kafkaDeployMs: ms.optional(),
      kafkaReleaseMs: ms.optional(),
      ecsCreateMs: ms.optional(),
      ecsStartMs: ms.optional(),
      ecsStopMs: ms.optional(),
      loadBalancerCreateMs: ms.optional(),
    })
    .optional(),
  rateLimits: z
    .record(z.string().regex(/^[a-z]+:[A-Za-z]+$/, 'must be product:Action'), z.number().finite().positive())
    .optional(),
  kafkaDeployFails: z.boolean().optional(),
});

const action = z.string().regex(/^(\*|[a-z]+:[A-Za-z]+)$/, 'must be product:Action or *');
const times = { action, times: count(1_000_000).min(1).optional(), skipDryRun: z.boolean().optional() };

const FaultRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error'),
    code: z.string().min(1).max(200),
    httpStatus: z.number().int().min(100).max(599).optional(),
    message: z.string().max(10_000).optional(),
    ...times,
  }),
  z.strictObject({ kind: z.literal('html503'), ...times }),
  z.strictObject({ kind: z.literal('drop'), ...times }),
  z.strictObject({ kind: z.literal('appliedButLost'), ...times }),
  z.strictObject({ kind: z.literal('latency'), ms: ms.max(MAX_OUTAGE_MS), ...times }),
]);

const rate = z.number().finite().min(0).max(1).optional();
const FaultStormSchema = z
  .strictObject({
    seed: z.number().int(),
    actions: z.array(action).max(1_000),
    rates: z.strictObject({ throttling: rate, serverError: rate, html503: rate, reset: rate, appliedButLost: rate }),
  })
  .refine((storm) => Object.values(storm.rates).reduce((sum: number, each) => sum + (each ?? 0), 0) <= 1, {
    message: 'the rates add up to more than 1',
    path: ['rates'],
  });

const FaultsSchema = z.strictObject({
  rules: z.array(FaultRuleSchema).max(10_000).optional(),
  storm: FaultStormSchema.nullable().optional(),
});

const ArmServerSeedSchema = z.strictObject({
  count: count(100_000).min(1),
  expiresFrom: z.number().finite(),
  expiresWithinMs: ms,
  EnsRegionId: z.string().min(1).max(64).optional(),
  SpecName: z.string().min(1).max(64).optional(),
  PayType: z.enum(['PrePaid', 'PostPaid']).optional(),
});

const EcsInstanceSeedSchema = z.strictObject({
  count: count(100_000).min(1),
  expiresFrom: z.number().finite(),
  expiresWithinMs: ms,
  RegionId: z.string().regex(REGION_ID).max(64).optional(),
  InstanceChargeType: z.enum(INSTANCE_CHARGE_TYPES).optional(),
  Tag: z
    .array(
      z.strictObject({
        Key: z.string().min(1).max(ECS_TAG_LIMITS.keyMax),
        Value: z.string().max(ECS_TAG_LIMITS.valueMax).optional(),
      }),
    )
    .max(ECS_TAG_LIMITS.max)
    .optional(),
});

const OutageSchema = z.strictObject({ ms: ms.max(MAX_OUTAGE_MS).refine((value) => value > 0, 'must be positive') });

/**
 * Where the body names `__proto__`, if it does. JSON.parse keeps it as a plain name, but zod leaves
 * it out of what it returns, so a map of them (rateLimits) would silently come back empty.
 */
function protoPath(value: unknown, path = 'the body'): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [name, item] of Object.entries(value)) {
    if (name === '__proto__') return path;
    const found = protoPath(item, `${path}.${name}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `text` as JSON parsed by `schema`, or the answer that says what is wrong with it. */
function parse<T>(schema: z.ZodType<T>, text: string): { ok: true; value: T } | { ok: false; error: string } {
  let body: unknown;
  try {
    body = text === '' ? {} : (JSON.parse(text) as unknown);
  } catch (error) {
    return { ok: false, error: `the body is not JSON: ${(error as Error).message}` };
  }
  const proto = protoPath(body);
  if (proto !== undefined) return { ok: false, error: `${proto}: __proto__ is not a name any admin body has` };
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the body'}: ${issue.message}`);
  return { ok: false, error: issues.join('; ') };
}

/** Answers one admin request whose body is `text`. */
export function handleAdmin(
  route: string,
  text: string,
  response: ServerResponse,
  target: AdminTarget,
  send: SendJson,
): void {
  const { state, settings, faults } = target;
  const answer = <T>(schema: z.ZodType<T>, apply: (value: T) => unknown) => {
    const parsed = parse(schema, text);
    if (!parsed.ok) return send(response, 400, { error: parsed.error });
    send(response, 200, apply(parsed.value));
  };
  switch (route) {
    case 'GET /__admin/state':
      return send(response, 200, { ...state.snapshot(), faults: faults.snapshot(), settings });
    case 'GET /__admin/signatures':
      return send(response, 200, { signatures: target.signatures.values() });
    case 'POST /__admin/faults':
      return answer(FaultsSchema, (body) => {
        faults.add(...((body.rules ?? []) as FaultRule[]));
        if (body.storm !== undefined) faults.setStorm((body.storm as FaultStorm | null) ?? undefined);
        return faults.snapshot();
      });
    case 'DELETE /__admin/faults':
      faults.clear();
      return send(response, 200, faults.snapshot());
    case 'POST /__admin/settings':
      return answer(SettingsSchema, ({ durations, ...rest }) => {
        Object.assign(settings, rest, { durations: { ...settings.durations, ...durations } });
        return settings;
      });
    case 'POST /__admin/arm-servers':
      return answer(ArmServerSeedSchema, (seed) => ({ ServerIds: seedArmServers(state, seed) }));
    case 'POST /__admin/ecs-instances':
      return answer(EcsInstanceSeedSchema, (seed) => ({ InstanceIds: seedEcsInstances(state, seed) }));
    case 'POST /__admin/reset':
      target.reset();
      return send(response, 200, { reset: true });
    case 'POST /__admin/outage': {
      const parsed = parse(OutageSchema, text);
      if (!parsed.ok)
        return send(response, 400, {
          error: `ms must be a positive number of milliseconds, at most ${MAX_OUTAGE_MS}: ${parsed.error}`,
        });
      if (!target.outage(parsed.value.ms, response))
        return send(response, 409, { error: 'an outage is already under way' });
      return send(response, 200, { outageMs: parsed.value.ms });
    }
    default:
      return send(response, 404, { error: `no admin route ${route}` });
  }
}
