/**
 * ECS (2014-05-26) requests: CreateInstance, StartInstance and RenewInstance.
 *
 * CreateInstance comes from the 2026 Traditional Chinese edition of its document (which wins where
 * the editions differ) and the older English edition, which adds facts the newer one does not
 * contradict. Every parameter the newer edition lists is here, with its type, values and the
 * cross-field rules the documents state (prose and error-code table alike). Rules that need the
 * cloud's state (image size, the switch's zone, the instance's OS) are left to the API and DryRun.
 * StartInstance and RenewInstance follow the notes on ECS's neighbouring actions that came with those documents.
 */
import { z } from 'zod';
import {
  boolean,
  clientToken,
  given,
  integer,
  integerIn,
  integerOneOf,
  list,
  notStartingWithUrl,
  numberOf,
  oneOf,
  tags,
  withRules,
  type TagRules,
  required,
  text,
  integerFrom,
  wireBoolean,
  regionId,
  periodUnit,
} from './common';
import type { Periods } from '../policy/periods';
import { UNDOCUMENTED_LIST_MAX } from './limits';
import { ECS_TAG_LIMITS } from './ecs-listing';

// ---- builders these actions need and common.ts does not have ----

/** A price: a positive decimal (JSON number or the wire's string) with at most `places` decimal places. */
function price(places: number) {
  const message = `must be a positive number with at most ${places} decimal places`;
  const pattern = new RegExp(`^\\d+(\\.\\d{1,${places}})?$`);
  return z
    .union([z.number(), z.string()], { error: message })
    .refine((value) => pattern.test(String(value)) && Number(value) > 0, message)
    .transform(Number);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Base64 text whose decoded content is at most `maxBytes` bytes. */
function base64(maxBytes: number) {
  const decodedSize = (text: string) => (text.length / 4) * 3 - (text.match(/=+$/)?.[0].length ?? 0);
  return z
    .string()
    .regex(BASE64, 'must be Base64 text (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4)')
    .refine((text) => !BASE64.test(text) || decodedSize(text) <= maxBytes, {
      message: `must decode to at most ${maxBytes / 1024} KB (${maxBytes} bytes)`,
    });
}

/** An IPv4 address in dotted-decimal form. */
function ipv4() {
  return z.ipv4('must be an IPv4 address such as 172.16.236.10');
}

const URL_PREFIX = /^https?:\/\//;
const NAME = /^\p{L}[\p{L}\p{N}:_.-]*$/u;

/**
 * InstanceName, SystemDisk.DiskName, DataDisk.N.DiskName: 2 to 128 characters; a Unicode letter
 * (English, Chinese, ...) first, then letters, digits, `:`, `_`, `.` and `-`; not a URL.
 */
function resourceName() {
  return notStartingWithUrl(
    z.string().min(2, 'must be at least 2 characters').max(128, 'must be at most 128 characters'),
  ).refine((name) => URL_PREFIX.test(name) || NAME.test(name), {
    message: 'must start with a letter and contain only letters, digits, colons, underscores, periods and hyphens',
  });
}

/** Description, SystemDisk.Description, DataDisk.N.Description: 2 to 256 characters, not a URL. */
function description() {
  return notStartingWithUrl(
    z.string().min(2, 'must be at least 2 characters').max(256, 'must be at most 256 characters'),
  );
}

/**
 * HostName. Windows allows 2 to 15 characters without periods and not only digits; Linux and the
 * others allow 2 to 64 characters in period-separated segments. Which one applies depends on the
 * image's OS, which the request does not state: this accepts what either allows and refuses only
 * what both forbid (other characters, more than 64, a leading or trailing `.`/`-`, two in a row).
 */
function hostName() {
  return z
    .string()
    .min(2, 'must be at least 2 characters')
    .max(64, 'must be at most 64 characters (at most 15 on Windows)')
    .regex(/^[A-Za-z0-9.-]*$/, 'may contain only letters, digits, periods (.) and hyphens (-)')
    .refine((name) => !/^[.-]|[.-]$/.test(name), { message: 'must not start or end with a period or a hyphen' })
    .refine((name) => !/[.-]{2}/.test(name), { message: 'must not have two periods or hyphens in a row' });
}

const PASSWORD_SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";
const PASSWORD_CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, new RegExp(`[${PASSWORD_SPECIALS.replace(/[\]\\^-]/g, '\\$&')}]`)];

/**
 * Password: 8 to 30 characters from upper case, lower case, digits and the documented specials, at
 * least three of those four kinds. (Windows also refuses a leading `/`; the OS is not known here.)
 */
function password() {
  const allowed = (char: string) => PASSWORD_CLASSES.some((kind) => kind.test(char));
  return z
    .string()
    .min(8, 'must be at least 8 characters')
    .max(30, 'must be at most 30 characters')
    .refine((text) => [...text].every(allowed), {
      message: `may contain only letters, digits and these specials: ${PASSWORD_SPECIALS}`,
    })
    .refine((text) => PASSWORD_CLASSES.filter((kind) => kind.test(text)).length >= 3, {
      message: 'must mix at least three of: upper-case letters, lower-case letters, digits, special characters',
    });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A boolean as the rules see it: parsed already, or still the wire's string (`true` or `True`). */
const isTrue = (value: unknown) => wireBoolean(value) === true;

// ---- ecs:CreateInstance: the documented values ----

/** Disk categories: the newer edition's lists (the older one also had ephemeral_ssd, since dropped). */
const SYSTEM_DISK_CATEGORIES = [
  'cloud_efficiency',
  'cloud_ssd',
  'cloud_essd',
  'cloud',
  'cloud_auto',
  'cloud_essd_entry',
] as const;
const DATA_DISK_CATEGORIES = [
  ...SYSTEM_DISK_CATEGORIES,
  'elastic_ephemeral_disk_standard',
  'elastic_ephemeral_disk_premium',
] as const;
const PERFORMANCE_LEVELS = ['PL0', 'PL1', 'PL2', 'PL3'] as const;

/** cloud_essd_entry is only for the u1 (ecs.u1-...) and e (ecs.e-...) instance families. */
const ESSD_ENTRY_FAMILIES = /^ecs\.(u1|e)[-.]/;

/** Subscription lengths by PeriodUnit (the newer edition: Month only, and fewer values than the older). */
export const CREATE_INSTANCE_PERIODS = { Month: [1, 2, 3, 6, 12] } as const satisfies Periods;
const AUTO_RENEW_PERIODS = [1, 2, 3, 6, 12];

/** User data: at most 32 KB before Base64 encoding (the older edition said 16 KB). */
const USER_DATA_MAX_BYTES = 32 * 1024;

/**
 * ECS tags: N 1 to 20; keys up to 128 characters (the older edition: 64); values may be empty, up to
 * 128. The document keeps the lower-case `Tag.N.key` / `Tag.N.value` for compatibility.
 */
export const ECS_TAGS: TagRules = {
  ...ECS_TAG_LIMITS,
  valueMin: 0,
  aliases: { key: 'Key', value: 'Value' },
};

/** Data disk sizes in GiB by category; cloud_essd by performance level (no range is documented for the rest). */
const DATA_DISK_SIZES = new Map<string, readonly [number, number]>([
  ['cloud', [5, 2000]],
  ['cloud_efficiency', [20, 32768]],
  ['cloud_ssd', [20, 32768]],
]);
const ESSD_SIZES = new Map<string, readonly [number, number]>([
  ['PL0', [1, 65536]],
  ['PL1', [20, 65536]],
  ['PL2', [461, 65536]],
  ['PL3', [1261, 65536]],
]);
/** System disk: 20 to 500 GiB on a basic disk (cloud), 20 to 2048 GiB on the others. */
const SYSTEM_DISK_SIZE = [20, 2048] as const;
const SYSTEM_DISK_CLOUD_MAX = 500;

/** Inbound bandwidth: up to 10 Mbit/s, or up to the outbound bandwidth when that is above 10. */
const BANDWIDTH_IN_FLOOR = 10;

const SPOT_STRATEGIES = ['SpotWithPriceLimit', 'SpotAsPriceGo'];

// ---- ecs:CreateInstance: nested families ----

const systemDisk = z.strictObject({
  Category: oneOf(SYSTEM_DISK_CATEGORIES).optional(),
  Size: integerIn(SYSTEM_DISK_SIZE[0], SYSTEM_DISK_SIZE[1], 'GiB').optional(),
  DiskName: resourceName().optional(),
  Description: description().optional(),
  PerformanceLevel: oneOf(PERFORMANCE_LEVELS).optional(),
  StorageClusterId: z.string().optional(),
});

const dataDisk = z.strictObject({
  // What kind and how big (the size's range depends on Category and PerformanceLevel: see the rules).
  Category: oneOf(DATA_DISK_CATEGORIES).optional(),
  Size: integerFrom(1, 'GiB').optional(),
  PerformanceLevel: oneOf(PERFORMANCE_LEVELS).optional(),
  // Where it comes from and where it is mounted.
  SnapshotId: z.string().optional(),
  Device: z.string().optional(),
  StorageClusterId: z.string().optional(),
  // Naming and lifetime.
  DiskName: resourceName().optional(),
  Description: description().optional(),
  DeleteWithInstance: boolean().optional(),
  // Encryption (EncryptAlgorithm is not open for use yet).
  Encrypted: boolean().optional(),
  KMSKeyId: z.string().optional(),
  EncryptAlgorithm: z.string().optional(),
});

/** Arn.N.*: in invitational preview; no limit on N is documented (UNDOCUMENTED_LIST_MAX). */
const arn = z.strictObject({
  RoleType: z.string().optional(),
  Rolearn: z.string().optional(),
  AssumeRoleFor: integer().optional(),
});

// ---- ecs:CreateInstance: the request ----

const createInstanceShape = z.strictObject({
  // Where, and what: region, zone, instance type, image (ImageId or ImageFamily).
  RegionId: regionId(),
  ZoneId: z.string().optional(),
  InstanceType: text(),
  ImageId: z.string().optional(),
  ImageFamily: z.string().optional(),
  // Naming.
  InstanceName: resourceName().optional(),
  Description: description().optional(),
  HostName: hostName().optional(),
  // Login: a password, the image's password, or a key pair.
  Password: password().optional(),
  PasswordInherit: boolean().optional(),
  KeyPairName: z.string().optional(),
  // Network: security group, VPC switch, addresses, I/O optimisation.
  SecurityGroupId: z.string().optional(),
  VSwitchId: z.string().optional(),
  PrivateIpAddress: ipv4().optional(),
  InnerIpAddress: ipv4().optional(),
  VlanId: z.string().optional(),
  IoOptimized: oneOf(['none', 'optimized']).optional(),
  // Public bandwidth, Mbit/s.
  InternetChargeType: oneOf(['PayByBandwidth', 'PayByTraffic']).optional(),
  InternetMaxBandwidthOut: integerIn(0, 100, 'Mbit/s').optional(),
  InternetMaxBandwidthIn: integerIn(1, 100, 'Mbit/s').optional(),
  // Disks: the system disk and up to 16 data disks.
  SystemDisk: systemDisk.optional(),
  DataDisk: list(dataDisk, 16, 'data disks').optional(),
  // Billing: subscription (Period in PeriodUnit, auto-renewal) or pay-as-you-go.
  InstanceChargeType: oneOf(['PrePaid', 'PostPaid']).optional(),
  Period: integerOneOf(CREATE_INSTANCE_PERIODS.Month).optional(),
  PeriodUnit: periodUnit(CREATE_INSTANCE_PERIODS).optional(),
  AutoRenew: boolean().optional(),
  AutoRenewPeriod: integerOneOf(AUTO_RENEW_PERIODS).optional(),
  // Preemptible (spot) instances.
  SpotStrategy: oneOf(['NoSpot', 'SpotWithPriceLimit', 'SpotAsPriceGo']).optional(),
  SpotPriceLimit: price(3).optional(),
  SpotDuration: integerOneOf([0, 1]).optional(),
  SpotInterruptionBehavior: oneOf(['Terminate']).optional(),
  // Placement: deployment set, HPC cluster, storage set, dedicated host, cluster.
  DeploymentSetId: z.string().optional(),
  DeploymentSetGroupNo: integerIn(1, 7).optional(),
  HpcClusterId: z.string().optional(),
  StorageSetId: z.string().optional(),
  StorageSetPartitionNumber: integerFrom(2).optional(),
  DedicatedHostId: z.string().optional(),
  Affinity: oneOf(['default', 'host']).optional(),
  Tenancy: oneOf(['default', 'host']).optional(),
  ClusterId: z.string().optional(),
  NodeControllerId: z.string().optional(),
  // Private pool capacity (elasticity assurance, capacity reservation).
  PrivatePoolOptions: z
    .strictObject({ MatchCriteria: oneOf(['Open', 'Target', 'None']).optional(), Id: z.string().optional() })
    .optional(),
  // Instance metadata access (HttpPutResponseHopLimit: 1 to 64 per the error table; not open for use yet).
  HttpEndpoint: oneOf(['enabled', 'disabled']).optional(),
  HttpTokens: oneOf(['optional', 'required']).optional(),
  HttpPutResponseHopLimit: integerIn(1, 64).optional(),
  // Instance behaviour: user data, extras, security hardening, burstable mode, release protection, hibernation.
  UserData: base64(USER_DATA_MAX_BYTES).optional(),
  UseAdditionalService: boolean().optional(),
  SecurityEnhancementStrategy: oneOf(['Active', 'Deactive']).optional(),
  CreditSpecification: oneOf(['Standard', 'Unlimited']).optional(),
  DeletionProtection: boolean().optional(),
  HibernationOptions: z.strictObject({ Configured: boolean().optional() }).optional(),
  // Identity and ownership: RAM role, Arn.N (preview), resource group, tags.
  RamRoleName: z.string().optional(),
  Arn: list(arn, UNDOCUMENTED_LIST_MAX, 'roles').optional(),
  ResourceGroupId: z.string().optional(),
  Tag: tags(ECS_TAGS).optional(),
  // Request handling.
  ClientToken: clientToken().optional(),
  DryRun: boolean().optional(),
});

/** The cross-field rules. The input may still be wrong anywhere, so every read is defensive. */
function createInstanceRules(input: Record<string, unknown>, issue: (path: PropertyKey[], message: string) => void) {
  const prePaid = input.InstanceChargeType === 'PrePaid';
  const spot = typeof input.SpotStrategy === 'string' && SPOT_STRATEGIES.includes(input.SpotStrategy);
  const instanceType = typeof input.InstanceType === 'string' ? input.InstanceType : undefined;
  const ioOptimized = input.IoOptimized;

  // Image: ImageId or ImageFamily, exactly one.
  if (!given(input.ImageId) && !given(input.ImageFamily)) issue(['ImageId'], 'is required, or ImageFamily');
  if (given(input.ImageId) && given(input.ImageFamily)) issue(['ImageFamily'], 'must not be given with ImageId');

  // Login: the image's password excludes a password of one's own.
  if (isTrue(input.PasswordInherit) && given(input.Password))
    issue(['Password'], 'must not be given when PasswordInherit is true');
  if (ioOptimized === 'none' && given(input.KeyPairName))
    issue(['KeyPairName'], 'needs an I/O optimized instance (IoOptimized must not be none)');

  // Network: a private address is chosen within a vSwitch.
  if (given(input.PrivateIpAddress) && !given(input.VSwitchId))
    issue(['VSwitchId'], 'is required when PrivateIpAddress is given');

  // Bandwidth: inbound up to 10 Mbit/s, or up to the outbound bandwidth when that is above 10.
  const bandwidthIn = numberOf(input.InternetMaxBandwidthIn);
  const bandwidthOut = given(input.InternetMaxBandwidthOut) ? numberOf(input.InternetMaxBandwidthOut) : 0;
  if (bandwidthIn !== undefined && bandwidthOut !== undefined && bandwidthOut >= 0 && bandwidthOut <= 100) {
    const limit = Math.max(BANDWIDTH_IN_FLOOR, bandwidthOut);
    if (bandwidthIn >= 1 && bandwidthIn <= 100 && bandwidthIn > limit)
      issue(
        ['InternetMaxBandwidthIn'],
        bandwidthOut > BANDWIDTH_IN_FLOOR
          ? `must be at most InternetMaxBandwidthOut (${bandwidthOut} Mbit/s)`
          : `must be at most ${BANDWIDTH_IN_FLOOR} Mbit/s while InternetMaxBandwidthOut is ${BANDWIDTH_IN_FLOOR} or less`,
      );
  }

  // Subscription: Period is required for, and only for, PrePaid; auto-renewal too needs PrePaid.
  if (prePaid && !given(input.Period)) issue(['Period'], 'is required when InstanceChargeType is PrePaid');
  if (!prePaid && given(input.Period)) issue(['Period'], 'applies only when InstanceChargeType is PrePaid');
  if (isTrue(input.AutoRenew)) {
    if (!given(input.AutoRenewPeriod)) issue(['AutoRenewPeriod'], 'is required when AutoRenew is true');
    if (!prePaid) issue(['AutoRenew'], 'may be true only when InstanceChargeType is PrePaid');
  }

  // Spot: pay-as-you-go only, a price limit only with SpotWithPriceLimit, and a known zone.
  if (spot && prePaid) issue(['SpotStrategy'], 'must be NoSpot (or left out) when InstanceChargeType is PrePaid');
  if (given(input.SpotPriceLimit) && input.SpotStrategy !== 'SpotWithPriceLimit')
    issue(['SpotPriceLimit'], 'applies only when SpotStrategy is SpotWithPriceLimit');
  if (spot && !given(input.ZoneId) && !given(input.VSwitchId))
    issue(['ZoneId'], 'is required for a preemptible instance (SpotStrategy), unless VSwitchId gives the zone');

  // Release protection: pay-as-you-go instances only, not subscriptions nor preemptible ones.
  if (isTrue(input.DeletionProtection) && (prePaid || spot))
    issue(['DeletionProtection'], 'may be true only for a pay-as-you-go instance that is not preemptible');

  // Placement: a group number lives in a deployment set.
  if (given(input.DeploymentSetGroupNo) && !given(input.DeploymentSetId))
    issue(['DeploymentSetGroupNo'], 'needs DeploymentSetId');

  // Private pools: Target names the pool; none is used by spot instances or on dedicated hosts.
  const pool = isRecord(input.PrivatePoolOptions) ? input.PrivatePoolOptions : {};
  if (pool.MatchCriteria === 'Target' && !given(pool.Id))
    issue(['PrivatePoolOptions', 'Id'], 'is required when PrivatePoolOptions.MatchCriteria is Target');
  if (pool.MatchCriteria === 'Open' || pool.MatchCriteria === 'Target') {
    const onHost = given(input.DedicatedHostId) || input.Tenancy === 'host';
    if (spot || onHost)
      issue(
        ['PrivatePoolOptions', 'MatchCriteria'],
        `must be None (or left out) for ${spot ? 'a preemptible instance (SpotStrategy)' : 'an instance on a dedicated host'}`,
      );
  }

  // User data needs an I/O optimized instance.
  if (ioOptimized === 'none' && given(input.UserData))
    issue(['UserData'], 'needs an I/O optimized instance (IoOptimized must not be none)');

  // Disks, and the zone a dedicated block storage cluster needs.
  let needsZone = false;
  const system = isRecord(input.SystemDisk) ? input.SystemDisk : undefined;
  if (system) needsZone = systemDiskRules(system, instanceType, issue) || needsZone;
  if (Array.isArray(input.DataDisk))
    input.DataDisk.forEach((disk: unknown, index) => {
      if (isRecord(disk)) needsZone = dataDiskRules(disk, index, instanceType, ioOptimized, issue) || needsZone;
    });
  if (needsZone && !given(input.ZoneId)) issue(['ZoneId'], 'is required when a disk names a StorageClusterId');
}

/** SystemDisk's rules; true when it names a dedicated block storage cluster. */
function systemDiskRules(
  disk: Record<string, unknown>,
  instanceType: string | undefined,
  issue: (path: PropertyKey[], message: string) => void,
): boolean {
  // Size is checked against 20 to 2048 on its own; a basic disk (cloud) stops at 500.
  const size = numberOf(disk.Size);
  const inRange = size !== undefined && Number.isInteger(size) && size <= SYSTEM_DISK_SIZE[1];
  if (disk.Category === 'cloud' && inRange && size > SYSTEM_DISK_CLOUD_MAX)
    issue(['SystemDisk', 'Size'], `must be ${SYSTEM_DISK_SIZE[0]} to ${SYSTEM_DISK_CLOUD_MAX} GiB for cloud`);
  if (given(disk.PerformanceLevel) && disk.Category !== 'cloud_essd')
    issue(['SystemDisk', 'PerformanceLevel'], 'applies only when SystemDisk.Category is cloud_essd');
  essdEntryRule(disk.Category, ['SystemDisk', 'Category'], instanceType, issue);
  if (!given(disk.StorageClusterId)) return false;
  if (!given(disk.Size)) issue(['SystemDisk', 'Size'], 'is required when SystemDisk.StorageClusterId is given');
  return true;
}

/** DataDisk.N's rules; true when it names a dedicated block storage cluster. */
function dataDiskRules(
  disk: Record<string, unknown>,
  index: number,
  instanceType: string | undefined,
  ioOptimized: unknown,
  issue: (path: PropertyKey[], message: string) => void,
): boolean {
  const at = (name: string) => ['DataDisk', index, name];
  const size = numberOf(disk.Size);
  if (size !== undefined && Number.isInteger(size) && size >= 1) {
    const range = dataDiskSizeRange(disk, ioOptimized);
    if (range && (size < range.min || size > range.max))
      issue(at('Size'), `must be ${range.min} to ${range.max} GiB for ${range.label}`);
  }
  if (given(disk.PerformanceLevel) && disk.Category !== 'cloud_essd')
    issue(at('PerformanceLevel'), `applies only when DataDisk.${index + 1}.Category is cloud_essd`);
  essdEntryRule(disk.Category, at('Category'), instanceType, issue);
  if (!isTrue(disk.Encrypted)) {
    if (given(disk.KMSKeyId)) issue(at('Encrypted'), `must be true when DataDisk.${index + 1}.KMSKeyId is given`);
    if (given(disk.EncryptAlgorithm))
      issue(at('Encrypted'), `must be true when DataDisk.${index + 1}.EncryptAlgorithm is given`);
  }
  if (ioOptimized === 'none' && given(disk.KMSKeyId))
    issue(at('KMSKeyId'), 'needs an I/O optimized instance (IoOptimized must not be none)');
  if (!given(disk.StorageClusterId)) return false;
  if (!given(disk.Size)) issue(at('Size'), `is required when DataDisk.${index + 1}.StorageClusterId is given`);
  return true;
}

/**
 * The documented size range of a data disk. Without Category the default depends on I/O
 * optimisation (optimized: cloud_efficiency, none: cloud); when that is not given either, either
 * range is accepted. cloud_essd without PerformanceLevel is PL1.
 */
function dataDiskSizeRange(
  disk: Record<string, unknown>,
  ioOptimized: unknown,
): { min: number; max: number; label: string } | undefined {
  const category = disk.Category;
  if (category === 'cloud_essd') {
    const level = disk.PerformanceLevel ?? 'PL1';
    if (typeof level !== 'string') return undefined;
    const range = ESSD_SIZES.get(level);
    return range && { min: range[0], max: range[1], label: `cloud_essd at ${level}` };
  }
  if (typeof category === 'string') {
    const range = DATA_DISK_SIZES.get(category);
    return range && { min: range[0], max: range[1], label: category };
  }
  if (category !== undefined) return undefined;
  const fallback = ioOptimized === 'none' ? 'cloud' : ioOptimized === 'optimized' ? 'cloud_efficiency' : undefined;
  if (fallback) {
    const range = DATA_DISK_SIZES.get(fallback)!;
    return { min: range[0], max: range[1], label: `${fallback} (the default Category here)` };
  }
  const [cloud, efficiency] = [DATA_DISK_SIZES.get('cloud')!, DATA_DISK_SIZES.get('cloud_efficiency')!];
  return { min: cloud[0], max: efficiency[1], label: 'the default Category (cloud or cloud_efficiency)' };
}

function essdEntryRule(
  category: unknown,
  path: PropertyKey[],
  instanceType: string | undefined,
  issue: (path: PropertyKey[], message: string) => void,
): void {
  if (category === 'cloud_essd_entry' && instanceType !== undefined && !ESSD_ENTRY_FAMILIES.test(instanceType))
    issue(path, 'may be cloud_essd_entry only for the ecs.u1 and ecs.e instance families');
}

/** ecs:CreateInstance (ECS 2014-05-26, CreateInstance documents) */
export const CreateInstanceSchema = withRules(createInstanceShape, createInstanceRules);
export type CreateInstanceRequest = z.infer<typeof CreateInstanceSchema>;

// ---- ecs:StartInstance ----

/** ecs:StartInstance */
export const EcsStartInstanceSchema = z.strictObject({
  // The stopped instance to start.
  InstanceId: text(),
  // Only check the request (the API answers DryRunOperation when it would pass).
  DryRun: boolean().optional(),
});
export type EcsStartInstanceRequest = z.infer<typeof EcsStartInstanceSchema>;

// ---- ecs:RenewInstance ----

/** Renewal lengths: months only, 1 to 9 and 12 (the neighbouring-action notes; none allows 24 to 60 for RenewInstance). */
export const RENEW_INSTANCE_PERIODS = { Month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 12] } as const satisfies Periods;

/** ecs:RenewInstance */
export const RenewInstanceSchema = z.strictObject({
  // The subscription instance to renew.
  InstanceId: text(),
  // How long: Period in PeriodUnit, which has one value, Month (the default when left out).
  Period: required(integerOneOf(RENEW_INSTANCE_PERIODS.Month)),
  PeriodUnit: periodUnit(RENEW_INSTANCE_PERIODS).optional(),
  // Idempotence.
  ClientToken: clientToken().optional(),
});
export type RenewInstanceRequest = z.infer<typeof RenewInstanceSchema>;
