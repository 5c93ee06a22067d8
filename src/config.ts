/**
 * The process configuration, parsed once at start. A bad environment fails with one message that
 * lists every bad variable. The Temporal connection comes from `@temporalio/envconfig` (the standard
 * TEMPORAL_* variables and profile files); Alibaba Cloud credentials are not read here but by
 * `@alicloud/credentials`' default chain when the first API call is made, so STS tokens refresh.
 */
import { loadClientConnectConfig, type ClientConnectConfig } from '@temporalio/envconfig';
import { z } from 'zod';
import type { ObservabilitySettings } from './observability';
import { DOCUMENTED_RATE_LIMITS } from './actions';
import { RATE_LIMIT_WINDOW_MS } from './policy/rate-limits';
import { REGION_ID } from './schemas/region';
import { parseDuration } from './duration';

/** The sticky cache's default bound, in jobs (the measurements behind it: docs/operations.md, Many jobs in flight). */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1_000;

const duration = z.string().transform((value, ctx) => {
  try {
    const ms = parseDuration(value);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: `must be a duration such as 30s, 5m or 1500ms, got "${value}"` });
  return z.NEVER;
});

/**
 * Parses `ens:CreateLoadBalancer=4,ens:RenewARMServerInstance=8` over the documented limits. Only an
 * action with a documented limit has a task queue that enforces one, so no other can be given.
 */
export function parseRateLimits(text: string | undefined): Record<string, number> {
  const limits: Record<string, number> = { ...DOCUMENTED_RATE_LIMITS };
  const limited = Object.keys(DOCUMENTED_RATE_LIMITS);
  for (const entry of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [action = '', value] = entry.split('=');
    const perSecond = Number(value);
    if (!limited.includes(action))
      throw new Error(`"${entry}": only the rate-limited actions can be given: ${limited.join(', ')}`);
    if (!(perSecond > 0)) throw new Error(`"${entry}": the calls per second must be a number above 0`);
    limits[action] = perSecond;
  }
  return limits;
}

const EnvironmentSchema = z.object({
  /** Task queue the worker polls and the client starts workflows on. */
  PROVISIONER_TASK_QUEUE: z.string().min(1).default('alicloud-provisioner'),
  /** How long a stopping worker lets running activities finish before cancelling them. */
  PROVISIONER_SHUTDOWN_GRACE: duration.default(30_000),
  /**
   * Jobs a worker keeps in memory between their tasks (the sticky cache, about 0.2 MiB each); a job
   * woken outside it replays its history first. A bound of its own, not the SDK's, which grows with
   * the heap: past it, a worker's memory stays flat however many jobs sleep (docs/operations.md).
   */
  PROVISIONER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(DEFAULT_MAX_CACHED_WORKFLOWS),
  /** Where the local stack keeps the Temporal dev server's SQLite database. */
  PROVISIONER_DATA_DIR: z.string().min(1).default('.data'),
  /** Region used when a request names none. */
  ALIBABA_CLOUD_REGION_ID: z
    .string()
    .regex(REGION_ID, 'must be a region id such as cn-hangzhou')
    .default('cn-hangzhou'),
  /** Sends every product's calls to this endpoint instead of Alibaba Cloud's (the emulator, a VPC endpoint). */
  ALIBABA_CLOUD_ENDPOINT_OVERRIDE: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Least severe log level written. */
  PROVISIONER_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
  /** `text` for people, `json` for log collectors. */
  PROVISIONER_LOG_FORMAT: z.enum(['text', 'json']).default('text'),
  /** `host:port` of the worker's Prometheus endpoint (`/metrics`); none when unset. */
  PROVISIONER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port, e.g. 0.0.0.0:9464')
    .optional(),
  /** Per-call timeout of Alibaba Cloud API calls. */
  PROVISIONER_API_TIMEOUT: duration.default(15_000),
  /** How long a throttled call waits at least: the limit's window (a spread that follows the share of calls throttled comes on top). */
  PROVISIONER_THROTTLED_RETRY_DELAY: duration.default(RATE_LIMIT_WINDOW_MS),
  /** Per-user rate limits over the documented ones, e.g. `ens:CreateLoadBalancer=5,ens:RenewARMServerInstance=10`. */
  PROVISIONER_RATE_LIMITS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      try {
        return parseRateLimits(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** `auto`: the embedded emulator when no Alibaba Cloud credentials are configured, else Alibaba Cloud. */
  PROVISIONER_CLOUD: z.enum(['auto', 'emulator', 'alibaba-cloud']).default('auto'),
  /** Port of the embedded emulator. */
  PROVISIONER_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(8765),
  /** Multiplies the emulator's realistic durations (0.05: a 20-minute Kafka deploy takes a minute). */
  PROVISIONER_EMULATOR_TIME_SCALE: z.coerce.number().positive().default(0.05),
  /** Payload encryption keys, `id=base64key,...` (32-byte keys); default: one generated under the data folder. */
  PROVISIONER_CODEC_KEYS: z.string().min(1).optional(),
  /** Which of PROVISIONER_CODEC_KEYS seals new payloads (default: the first). */
  PROVISIONER_CODEC_KEY_ID: z.string().min(1).optional(),
  /** Bearer token the codec server requires on /encode and /decode; none (no token needed) when unset. */
  PROVISIONER_CODEC_SERVER_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The key pair the emulator accepts (default: the documented pair, docs/emulator.md). */
  PROVISIONER_EMULATOR_ACCESS_KEY_ID: z.string().min(1).optional(),
  PROVISIONER_EMULATOR_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  /** Makes the emulator's key an STS key, accepted only with this token. */
  PROVISIONER_EMULATOR_SECURITY_TOKEN: z.string().min(1).optional(),
  ALIBABA_CLOUD_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: z.string().min(1).optional(),
});

export interface Config {
  taskQueue: string;
  shutdownGraceMs: number;
  /** The sticky cache's size: jobs kept in memory between their tasks. */
  maxCachedWorkflows: number;
  dataDir: string;
  regionId: string;
  endpointOverride: string | undefined;
  apiTimeoutMs: number;
  observability: ObservabilitySettings;
  /** How long a throttled call waits at least before its retry. */
  throttledRetryDelayMs: number;
  /** Calls per second of each rate-limited action, keyed `product:Action`. */
  rateLimits: Record<string, number>;
  cloud: 'auto' | 'emulator' | 'alibaba-cloud';
  emulatorPort: number;
  emulatorTimeScale: number;
  codecKeys: string | undefined;
  codecKeyId: string | undefined;
  /** The bearer token the codec server requires; never printed. */
  codecServerToken: string | undefined;
  /** Set when both PROVISIONER_EMULATOR_ACCESS_KEY_* variables are. */
  emulatorAccessKey: { accessKeyId: string; accessKeySecret: string; securityToken?: string } | undefined;
  temporal: ClientConnectConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  // Empty variables count as unset, as they do for the Alibaba Cloud and Temporal SDKs.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvironmentSchema.safeParse(present);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Never echo a secret back, even a malformed one.
      const message = issue.path.some((key) => /SECRET|CODEC_KEYS/.test(String(key))) ? 'is invalid' : issue.message;
      problems.push(`${issue.path.join('.')}: ${message}`);
    }
  }
  let temporal: ClientConnectConfig | undefined;
  try {
    temporal = loadClientConnectConfig({ overrideEnvVars: present as Record<string, string> });
  } catch (error) {
    problems.push(`Temporal client configuration (TEMPORAL_* variables or profile file): ${(error as Error).message}`);
  }
  // Half a key pair is always a mistake; the SDK would otherwise fall through to another credential source.
  for (const prefix of ['ALIBABA_CLOUD', 'PROVISIONER_EMULATOR']) {
    const [id, secret] = [`${prefix}_ACCESS_KEY_ID`, `${prefix}_ACCESS_KEY_SECRET`];
    if (Boolean(present[id]) !== Boolean(present[secret])) {
      problems.push(`${present[id] ? secret : id}: must be set together with its pair`);
    }
  }
  if (!parsed.success || !temporal || problems.length > 0) throw new ConfigError(problems);
  const values = parsed.data;
  return {
    taskQueue: values.PROVISIONER_TASK_QUEUE,
    shutdownGraceMs: values.PROVISIONER_SHUTDOWN_GRACE,
    maxCachedWorkflows: values.PROVISIONER_MAX_CACHED_WORKFLOWS,
    dataDir: values.PROVISIONER_DATA_DIR,
    regionId: values.ALIBABA_CLOUD_REGION_ID,
    endpointOverride: values.ALIBABA_CLOUD_ENDPOINT_OVERRIDE,
    apiTimeoutMs: values.PROVISIONER_API_TIMEOUT,
    observability: {
      logLevel: values.PROVISIONER_LOG_LEVEL,
      logFormat: values.PROVISIONER_LOG_FORMAT,
      metricsAddress: values.PROVISIONER_METRICS_ADDRESS,
    },
    throttledRetryDelayMs: values.PROVISIONER_THROTTLED_RETRY_DELAY,
    rateLimits: values.PROVISIONER_RATE_LIMITS,
    cloud: values.PROVISIONER_CLOUD,
    emulatorPort: values.PROVISIONER_EMULATOR_PORT,
    emulatorTimeScale: values.PROVISIONER_EMULATOR_TIME_SCALE,
    codecKeys: values.PROVISIONER_CODEC_KEYS,
    codecKeyId: values.PROVISIONER_CODEC_KEY_ID,
    codecServerToken: values.PROVISIONER_CODEC_SERVER_TOKEN,
    emulatorAccessKey:
      values.PROVISIONER_EMULATOR_ACCESS_KEY_ID && values.PROVISIONER_EMULATOR_ACCESS_KEY_SECRET
        ? {
            accessKeyId: values.PROVISIONER_EMULATOR_ACCESS_KEY_ID,
            accessKeySecret: values.PROVISIONER_EMULATOR_ACCESS_KEY_SECRET,
            ...(values.PROVISIONER_EMULATOR_SECURITY_TOKEN
              ? { securityToken: values.PROVISIONER_EMULATOR_SECURITY_TOKEN }
              : {}),
          }
        : undefined,
    temporal,
  };
}
