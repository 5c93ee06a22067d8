/**
 * ApsaraMQ for Kafka (alikafka 2019-09-16) requests: the pay-as-you-go order that buys an instance,
 * and StartInstance, which deploys it.
 */
import { z } from 'zod';
import {
  boolean,
  given,
  integer,
  integerOneOf,
  jsonObject,
  numberOf,
  oneOf,
  tags,
  withRules,
  required,
  text,
  integerFrom,
  wireBoolean,
  list,
  regionId,
} from './common';
import { UNDOCUMENTED_LIST_MAX } from './limits';
import type { TagRules } from './common';

// ---- builders these two actions need and common.ts does not have ----

/** A string code the API also receives as a bare number (`DiskType: 0` is the code "0"). */
function code<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((value) => (typeof value === 'number' ? String(value) : value), oneOf(values));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object parameter as the rules see it: already parsed, or still the JSON text it travels as. */
function objectOf(value: unknown): Record<string, unknown> | undefined {
  if (isRecord(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A parameter that travels as JSON text: stays the string it is, but its content must pass `check`. */
function jsonText(check: (parsed: unknown) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be valid JSON text' });
      return;
    }
    const problem = check(parsed);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

// ---- alikafka:CreatePostPayOrder ----

/** PaidType 1: pay-as-you-go reserved capacity; 3: reserved plus on-demand capacity, i.e. a serverless instance. */
const SERVERLESS_PAID_TYPE = 3;
/**
 * SpecType values by PaidType (the document's table); the first list covers every value either allows.
 * Newer SDK models also list basic and professional for PaidType 3; the document, which rules here, does not.
 */
const SPEC_TYPES = ['normal', 'professional', 'professionalForHighRead'] as const;
const SERVERLESS_SPEC_TYPES: readonly string[] = ['normal'];

/** Kafka's tag limits: N up to 20, keys up to 128 characters, values 1 to 128, no value without a key. */
export const KAFKA_TAGS: TagRules = { max: 20, keyMax: 128, valueMin: 1, valueMax: 128, valueNeedsKey: true };

const serverlessConfig = jsonObject(
  z.strictObject(
    {
      // Reserved publish / subscribe capacity: integers with documented minimums; the maximum
      // depends on what the region has in stock, so it is not checked here.
      ReservedPublishCapacity: integerFrom(60).optional(),
      ReservedSubscribeCapacity: integerFrom(20).optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'must be an object, or its JSON text' : undefined) },
  ),
);

/** alikafka:CreatePostPayOrder (ApsaraMQ for Kafka 2019-09-16, CreatePostPayOrder document) */
export const CreatePostPayOrderSchema = withRules(
  z.strictObject({
    // Where, and how the instance is reached: 4 Internet and VPC, 5 VPC only.
    RegionId: regionId(),
    DeployType: required(integerOneOf([4, 5])),
    // Billing and edition (see SPEC_TYPES; PaidType 3 makes the instance serverless).
    PaidType: integerOneOf([1, SERVERLESS_PAID_TYPE]).optional(),
    SpecType: oneOf(SPEC_TYPES).optional(),
    // Disk: type 0 ultra disk, 1 standard SSD; sizes are priced on the Billing page, not stated here.
    DiskType: code(['0', '1']).optional(),
    DiskSize: integer().optional(),
    // Traffic: Internet (EipMax), instance-wide (IoMax, or the preferred IoMaxSpec such as alikafka.hw.2xlarge).
    EipMax: integer().optional(),
    IoMax: integer().optional(),
    IoMaxSpec: z.string().optional(),
    // Capacity: partitions (preferred) or topics.
    PartitionNum: integer().optional(),
    TopicQuota: integer().optional(),
    // Serverless reserved capacity, sent as one JSON text.
    ServerlessConfig: serverlessConfig.optional(),
    // Ownership: resource group (empty means the default group) and Tag.N.Key / Tag.N.Value.
    ResourceGroupId: z.string().optional(),
    Tag: tags(KAFKA_TAGS).optional(),
  }),
  (input, issue) => {
    // PaidType defaults to 1 (the official SDK's model says so; the document gives no default).
    const serverless = numberOf(input.PaidType) === SERVERLESS_PAID_TYPE;
    if (serverless) {
      const spec = input.SpecType;
      // A value no PaidType allows is already reported by SpecType's own check.
      if (
        typeof spec === 'string' &&
        SPEC_TYPES.some((known) => known === spec) &&
        !SERVERLESS_SPEC_TYPES.includes(spec)
      )
        issue(['SpecType'], `must be ${SERVERLESS_SPEC_TYPES.join(', ')} when PaidType is 3 (serverless)`);
      const config = objectOf(input.ServerlessConfig);
      if (!given(input.ServerlessConfig)) issue(['ServerlessConfig'], 'is required when PaidType is 3 (serverless)');
      else if (config)
        for (const name of ['ReservedPublishCapacity', 'ReservedSubscribeCapacity'])
          if (!given(config[name])) issue(['ServerlessConfig', name], 'is required when PaidType is 3 (serverless)');
      return;
    }
    // Everything below is what the document asks of a reserved (non-serverless) instance only.
    if (numberOf(input.DeployType) === 4 && !given(input.EipMax))
      issue(['EipMax'], 'is required when DeployType is 4 (Internet and VPC access)');
    if (!given(input.IoMax) && !given(input.IoMaxSpec))
      issue(['IoMaxSpec'], 'is required, or IoMax, unless PaidType is 3 (serverless)');
    if (!given(input.PartitionNum) && !given(input.TopicQuota))
      issue(['PartitionNum'], 'is required, or TopicQuota, unless PaidType is 3 (serverless)');
  },
);
export type CreatePostPayOrderRequest = z.infer<typeof CreatePostPayOrderSchema>;

// ---- alikafka:StartInstance ----

/** Zone codes come as `zone{letter}` (zonek) or as the region ID plus the zone (cn-hangzhou-k). */
const ZONE = /^(zone[a-z]+|[a-z]+(-[a-z0-9]+)+)$/;
const zoneId = z.string().regex(ZONE, 'must be a zone code such as zonek or cn-hangzhou-k');

/** Versions the SDK model lists: reserved 2.2.0 / 2.6.2, serverless 3.3.1, Confluent 7.4.0. */
const SERVICE_VERSIONS = ['2.2.0', '2.6.2', '3.3.1', '7.4.0'] as const;

/** Settings Config may carry: reserved instances, then serverless ones (the SDK model's two lists). */
const CONFIG_KEYS = new Set([
  'enable.vpc_sasl_ssl',
  'enable.acl',
  'kafka.log.retention.hours',
  'kafka.message.max.bytes',
  'log.retention.hours',
  'offsets.retention.minutes',
  'message.max.bytes',
  'auto.create.topics.enable',
  'num.partitions',
]);

/** `SelectedZones`: two candidate lists, primary then secondary; only the secondary may be empty. */
function checkSelectedZones(parsed: unknown): string | undefined {
  const shape = 'must be JSON text of two zone lists, primary then secondary ([["zonek"],[]])';
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((item) => Array.isArray(item))) return shape;
  const [primary, secondary] = parsed as [unknown[], unknown[]];
  if (primary.length === 0) return 'must name at least one primary zone (the first list)';
  const bad = [...primary, ...secondary].find((zone) => typeof zone !== 'string' || !ZONE.test(zone));
  if (bad !== undefined) return `has ${JSON.stringify(bad)}, which is not a zone code such as zonek or cn-hangzhou-k`;
  return undefined;
}

/** `Config`: a JSON object of the supported settings, each a plain value. */
function checkConfig(parsed: unknown): string | undefined {
  if (!isRecord(parsed)) return 'must be JSON text of an object of settings';
  const unknown = Object.keys(parsed).filter((key) => !CONFIG_KEYS.has(key));
  if (unknown.length > 0) return `sets ${unknown.join(', ')}, which StartInstance does not support`;
  const bad = Object.entries(parsed).find(([, value]) => !['string', 'number', 'boolean'].includes(typeof value));
  if (bad) return `sets ${bad[0]} to something other than a string, number or boolean`;
  return undefined;
}

/** alikafka:StartInstance */
export const KafkaStartInstanceSchema = withRules(
  z.strictObject({
    // The bought instance, and its region.
    InstanceId: text(),
    RegionId: regionId(),
    // Network: the VPC, its vSwitch (VSwitchId, or the VSwitchIds list, which wins when both are given) and zone.
    VpcId: text(),
    VSwitchId: z.string().optional(),
    VSwitchIds: list(text(), UNDOCUMENTED_LIST_MAX, 'vSwitches').optional(), // no documented limit on N
    ZoneId: zoneId,
    SecurityGroup: z.string().optional(),
    // Access: vpc or eip. Cross-document: eip is for an instance bought with DeployType 4 and vpc for
    // DeployType 5; this request does not carry DeployType, so that match is not checked here.
    DeployModule: required(oneOf(['vpc', 'eip'])),
    IsEipInner: boolean().optional(),
    // Zones: across zones or not, candidate zones as JSON text, and whether to insist on them.
    CrossZone: boolean().optional(),
    SelectedZones: jsonText(checkSelectedZones).optional(),
    IsForceSelectedZones: boolean().optional(),
    // The instance: name, version, initial settings (JSON text) and disk encryption key.
    Name: z.string().optional(),
    ServiceVersion: oneOf(SERVICE_VERSIONS).optional(),
    Config: jsonText(checkConfig).optional(),
    KMSKeyId: z.string().optional(),
    // Credentials, for Internet/VPC (eip) instances only.
    IsSetUserAndPassword: boolean().optional(),
    Username: z.string().optional(),
    Password: z.string().optional(),
    // Alert contact.
    Notifier: z.string().optional(),
    UserPhoneNum: z.string().optional(),
  }),
  (input, issue) => {
    const vSwitchIds = input.VSwitchIds;
    if (!given(input.VSwitchId) && !(Array.isArray(vSwitchIds) && vSwitchIds.length > 0))
      issue(['VSwitchId'], 'is required, or VSwitchIds');
    // IsEipInner states the same thing as DeployModule (true: Internet/VPC, false: VPC only).
    const eipInner = wireBoolean(input.IsEipInner) === true;
    const vpcOnly = wireBoolean(input.IsEipInner) === false;
    if (input.DeployModule === 'vpc' && eipInner) issue(['IsEipInner'], 'must be false when DeployModule is vpc');
    if (input.DeployModule === 'eip' && vpcOnly) issue(['IsEipInner'], 'must be true when DeployModule is eip');
    // A username and password exist only on Internet/VPC instances.
    if (input.DeployModule === 'vpc') {
      const setsCredentials = wireBoolean(input.IsSetUserAndPassword) === true;
      if (setsCredentials) issue(['IsSetUserAndPassword'], 'may be true only when DeployModule is eip');
      for (const name of ['Username', 'Password'])
        if (given(input[name])) issue([name], 'may be given only when DeployModule is eip');
    }
  },
);
export type KafkaStartInstanceRequest = z.infer<typeof KafkaStartInstanceSchema>;
