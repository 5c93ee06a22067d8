/**
 * The command line's contract, as a user meets it: the installed command (`bin/`, over the compiled
 * `lib/`), run as an OS process against the dev server and the emulator. One row per command and
 * outcome: the arguments, the exit code the README documents for that outcome, and what it prints
 * (the `--json` shape, or the line a person reads).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AlibabaCloud, staticCredentials } from '../../src/alicloud/client';
import { DEFAULT_ACCESS_KEY } from '../../src/emulator/server';
import { dataConverter, parseKeys } from '../../src/secrets/keys';
import { startJob } from '../../src/starters';
import { progressQuery } from '../../src/workflows/progress';
import { startEmulatedCloud, subscriptionEcsInstance, waitFor, type EmulatedCloud } from '../helpers/emulator';
import { cliEnvironment, PROJECT_ROOT, startNodeProcess, type StartedProcess } from '../helpers/processes';
import { FAST, withCloudWorker } from '../helpers/provisioning';
import { TEST_CODEC_KEYS, type WorkerContext } from '../helpers/temporal';

const BIN = 'bin/alicloud-provisioner.js';
const EXIT = { ok: 0, other: 1, invalidInput: 2, workflowFailed: 3, timedOut: 4, flagged: 5 };

/** What the rows refer to: jobs in each end state, resources to renew, input files. */
interface Fixtures {
  taskQueue: string;
  completed: string;
  failed: string;
  timedOut: string;
  running: string;
  toCancel: string;
  armServer: string;
  ecsInstance: string;
  file: Record<'ecs' | 'ecsNamed' | 'invalidLb' | 'renewal' | 'invalidEcs' | 'notJson', string>;
}

interface Row {
  /** What the user types after `alicloud-provisioner`. */
  args: (f: Fixtures) => string[];
  exit: number;
  /** The JSON it prints last (matched as a subset). */
  json?: (f: Fixtures) => unknown;
  /** Text it prints (each of them, when several), stdout and stderr together. */
  text?: (f: Fixtures) => string | string[];
  /** The environment beside the test's Temporal server, task queue and payload key. */
  env?: (f: Fixtures) => NodeJS.ProcessEnv;
  stdin?: string;
}

let env: EmulatedCloud;
let fixtures: Fixtures;
let stopWorker: () => void;
let workerStopped: Promise<unknown>;

function file(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cli-contract-')), 'input.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string): StartedProcess {
  return startNodeProcess(BIN, args, { ...cliEnvironment(fixtures.taskQueue), ...extraEnv }, { input });
}

/** Runs the command to its end: its exit code, its output, and the JSON on its last line. */
async function run(args: string[], extraEnv?: NodeJS.ProcessEnv, input?: string) {
  const process = cli(args, extraEnv, input);
  const code = await process.exited;
  const text = process.output();
  const last = text.trim().split('\n').at(-1) ?? '';
  const json = /^[[{]/.test(last) ? (JSON.parse(last) as unknown) : undefined;
  return { code, text, json };
}

/** Jobs in each end state, started the way a portal would (the client library), so rows only read them. */
async function startFixtures({ client, taskQueue }: WorkerContext): Promise<Fixtures> {
  const start = <Name extends Parameters<typeof startJob>[1]>(
    name: Name,
    input: Parameters<typeof startJob<Name>>[2],
  ) => startJob(client, name, input, { taskQueue });

  // A terminal code on the real create: the job fails (exit 3).
  env.emulator.faults.add({ action: 'ens:CreateLoadBalancer', kind: 'error', code: 'NoPermission', httpStatus: 403 });
  const failed = await start('provisionEnsLoadBalancer', FAST.loadBalancer('contract-failed'));
  await failed.result().catch(() => undefined);

  const completed = await start('provisionEcsInstance', FAST.ecs('contract-completed'));
  // Its first look at the load balancer is 10 minutes away: the deadline passes first (exit 4).
  const timedOut = await start('provisionEnsLoadBalancer', {
    ...FAST.loadBalancer('contract-timed-out'),
    expectedActiveMs: 600_000,
    deadline: '2s',
  });
  const asleep = (name: string) =>
    start('provisionEnsLoadBalancer', { ...FAST.loadBalancer(name), expectedActiveMs: 600_000 });
  const [running, toCancel] = await Promise.all([asleep('contract-running'), asleep('contract-cancel')]);
  await Promise.all([
    completed.result(),
    timedOut.result().catch(() => undefined),
    ...[running, toCancel].map((handle) =>
      waitFor(
        () => handle.query(progressQuery),
        (progress) => progress.step === 'wait Active',
      ),
    ),
  ]);

  const [armServer] = env.emulator.seedArmServers({ count: 1, expiresFrom: Date.UTC(2027, 2, 1), expiresWithinMs: 0 });
  // The one server the schedule's renewal finds within its 7-day window.
  env.emulator.seedArmServers({ count: 1, expiresFrom: Date.now() + 86_400_000, expiresWithinMs: 0 });
  const ecsInstance = await subscriptionEcsInstance(env, Date.UTC(2027, 0, 31, 15, 59));
  // The one instance the renew-ecs schedule's run finds within its 7-day window.
  env.emulator.seedEcsInstances({
    RegionId: 'cn-shanghai',
    count: 1,
    expiresFrom: Date.now() + 86_400_000,
    expiresWithinMs: 0,
  });

  const lb = FAST.loadBalancer('contract-invalid');
  return {
    taskQueue,
    completed: completed.workflowId,
    failed: failed.workflowId,
    timedOut: timedOut.workflowId,
    running: running.workflowId,
    toCancel: toCancel.workflowId,
    armServer: armServer!,
    ecsInstance,
    file: {
      ecs: file(FAST.ecs('contract-cli')),
      ecsNamed: file(FAST.ecs('contract-cli-id')),
      invalidLb: file({ ...lb, request: { ...lb.request, PayType: 'PrePaid' } }),
      renewal: file({ InstanceId: 'cas-5s1l1qmv4wmlbkbnjv2', Period: 1, PeriodUnit: 'Month' }),
      invalidEcs: file({
        RegionId: 'cn-hangzhou',
        InstanceType: 'ecs.g7.large',
        ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
        ImageFamily: 'acs:alibaba_cloud_linux_3_2104_lts_x64',
        'DataDisk.1.Category': 'cloud_ssd',
        'DataDisk.1.Size': 5,
      }),
      notJson: file('{'),
    },
  };
}

const JOB_REPORT = { workflowId: expect.any(String) as unknown, runId: expect.any(String) as unknown };

/** Commands that run to an end, in any order: each row reads the fixtures and changes only its own job. */
const ROWS: [string, Row][] = [
  // The program itself.
  [
    '--help lists every command',
    {
      args: () => ['--help'],
      exit: EXIT.ok,
      text: () =>
        ['dev', 'worker', 'ping', 'errors', 'provision', 'renew', 'status', 'result', 'cancel', 'list', 'inventory']
          .concat(['adopt', 'release', 'schedule'])
          .concat(['validate', 'codec-server', 'emulator'])
          .map((command) => `\n  ${command} `),
    },
  ],
  ['an unknown command', { args: () => ['launch'], exit: EXIT.invalidInput, text: () => "unknown command 'launch'" }],

  // Without Temporal: errors, validate.
  [
    'errors CODE --json',
    {
      args: () => ['errors', 'Throttling.Resource', '--json'],
      exit: EXIT.ok,
      json: () => ({
        code: 'Throttling.Resource',
        httpStatus: 429,
        retryClass: 'throttled',
        sources: ['ecs:CreateInstance'],
      }),
    },
  ],
  [
    'errors --class throttled --json',
    {
      args: () => ['errors', '--class', 'throttled', '--json'],
      exit: EXIT.ok,
      json: () =>
        expect.arrayContaining([
          expect.objectContaining({ code: 'Throttling.User', retryClass: 'throttled' }),
        ]) as unknown,
    },
  ],
  [
    'errors --class with an unknown class',
    {
      args: () => ['errors', '--class', 'flaky'],
      exit: EXIT.invalidInput,
      text: () =>
        "error: option '--class <class>' argument 'flaky' is invalid. Allowed choices are throttled, transient, terminal, ambiguous.",
    },
  ],
  [
    'validate a valid request --json',
    {
      args: (f) => ['validate', 'ens:RenewARMServerInstance', f.file.renewal, '--json'],
      exit: EXIT.ok,
      json: () => ({ valid: true, issues: [] }),
    },
  ],
  [
    'validate a request from standard input',
    {
      args: () => ['validate', 'ens:RenewARMServerInstance', '-'],
      stdin: JSON.stringify({ InstanceId: 'cas-5s1l1qmv4wmlbkbnjv2', Period: 1, PeriodUnit: 'Month' }),
      exit: EXIT.ok,
      text: () => 'ens:RenewARMServerInstance: valid',
    },
  ],
  [
    'validate an invalid request --json',
    {
      args: (f) => ['validate', 'ecs:CreateInstance', f.file.invalidEcs, '--json'],
      exit: EXIT.invalidInput,
      json: () => ({
        valid: false,
        issues: [
          { path: 'ImageFamily', message: 'must not be given with ImageId' },
          { path: 'DataDisk.1.Size', message: 'must be 20 to 32768 GiB for cloud_ssd' },
        ],
      }),
    },
  ],
  [
    'validate an invalid request: one line per issue',
    {
      args: (f) => ['validate', 'ecs:CreateInstance', f.file.invalidEcs],
      exit: EXIT.invalidInput,
      text: () =>
        'ImageFamily: must not be given with ImageId\nDataDisk.1.Size: must be 20 to 32768 GiB for cloud_ssd\n',
    },
  ],
  [
    'validate an unknown action (a usage error)',
    {
      args: (f) => ['validate', '__proto__', f.file.renewal],
      exit: EXIT.other,
      text: () => 'unknown action "__proto__": expected one of alikafka:CreatePostPayOrder',
    },
  ],
  [
    'validate a file that is not JSON (a usage error)',
    { args: (f) => ['validate', 'ecs:CreateInstance', f.file.notJson], exit: EXIT.other, text: () => 'is not JSON' },
  ],

  // Configuration, refused before anything connects.
  [
    'a bad environment variable',
    {
      args: () => ['list'],
      env: () => ({ PROVISIONER_LOG_FORMAT: 'xml' }),
      exit: EXIT.invalidInput,
      text: () => 'PROVISIONER_LOG_FORMAT',
    },
  ],
  [
    'worker with no Alibaba Cloud credentials',
    {
      args: () => ['worker'],
      env: () => ({ PROVISIONER_CLOUD: 'auto', HOME: mkdtempSync(join(tmpdir(), 'no-credentials-')) }),
      exit: EXIT.invalidInput,
      text: () => [
        'no Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        'or PROVISIONER_CLOUD=emulator to run against the embedded emulator',
      ],
    },
  ],
  [
    'dev with a port out of range',
    {
      args: () => ['dev', '--port', '70000'],
      exit: EXIT.invalidInput,
      text: () => "option '--port <port>' argument '70000' is invalid. expected a port number from 0 to 65535",
    },
  ],

  [
    'dev --once --no-examples: the local stack on the configured server, stopped after its summary',
    {
      args: () => ['dev', '--once', '--no-examples'],
      env: () => ({
        PROVISIONER_TASK_QUEUE: `dev-${randomUUID()}`,
        PROVISIONER_CLOUD: 'emulator',
        PROVISIONER_EMULATOR_PORT: '0',
      }),
      exit: EXIT.ok,
      text: () => 'Done (--once).',
    },
  ],

  // ping.
  [
    'ping --json: the worker that answered',
    {
      args: () => ['ping', '--json'],
      exit: EXIT.ok,
      json: (f) => ({
        pid: process.pid,
        taskQueue: f.taskQueue,
        regionId: 'cn-hangzhou',
        endpoint: env.emulator.endpoint,
      }),
    },
  ],
  [
    'ping with no worker on the task queue',
    {
      args: () => ['ping', '--timeout', '2s'],
      env: () => ({ PROVISIONER_TASK_QUEUE: `nobody-${randomUUID()}` }),
      exit: EXIT.timedOut,
      text: () => 'No worker answered on task queue "nobody-',
    },
  ],
  [
    'ping with a timeout that is not a duration',
    {
      args: () => ['ping', '--timeout', 'soon'],
      exit: EXIT.invalidInput,
      text: () => "option '--timeout <duration>' argument 'soon' is invalid. expected a duration such as 30s or 2m",
    },
  ],

  // provision.
  [
    'provision --json: started',
    { args: (f) => ['provision', 'ecs', f.file.ecs, '--json'], exit: EXIT.ok, json: () => JOB_REPORT },
  ],
  [
    'provision --id --wait --json: followed to its end',
    {
      args: (f) => ['provision', 'ecs', f.file.ecsNamed, '--id', 'contract-cli-by-id', '--wait', '--json'],
      exit: EXIT.ok,
      json: () => ({ workflowId: 'contract-cli-by-id', status: 'COMPLETED', result: { Status: 'Running' } }),
    },
  ],
  [
    'provision an invalid input',
    {
      args: (f) => ['provision', 'ens-lb', f.file.invalidLb],
      exit: EXIT.invalidInput,
      text: () => 'ens:CreateLoadBalancer PayType: must be one of PostPaid',
    },
  ],
  [
    'provision an unknown kind',
    {
      args: (f) => ['provision', 'constructor', f.file.ecs],
      exit: EXIT.invalidInput,
      text: () =>
        "error: command-argument value 'constructor' is invalid for argument 'kind'. Allowed choices are kafka, ecs, ens-lb.",
    },
  ],
  [
    'provision a missing file',
    {
      args: () => ['provision', 'ecs', '/nonexistent/input.json'],
      exit: EXIT.other,
      text: () => '/nonexistent/input.json',
    },
  ],

  // renew.
  [
    'renew ens-arm --wait --json',
    {
      args: (f) => ['renew', 'ens-arm', f.armServer, '--period', '1', '--period-unit', 'Year', '--wait', '--json'],
      exit: EXIT.ok,
      json: (f) => ({
        status: 'COMPLETED',
        result: { InstanceId: f.armServer, ExpiredTimeAfter: '2028-03-01 00:00:00', alreadyRenewed: false },
      }),
    },
  ],
  [
    'renew ecs --region --wait --json',
    {
      args: (f) => ['renew', 'ecs', f.ecsInstance, '--period', '2', '--region', 'cn-hangzhou', '--wait', '--json'],
      exit: EXIT.ok,
      json: (f) => ({
        status: 'COMPLETED',
        result: {
          InstanceId: f.ecsInstance,
          ExpiredTimeBefore: '2027-01-31T15:59Z',
          ExpiredTimeAfter: '2027-03-31T15:59Z',
        },
      }),
    },
  ],
  [
    'renew ecs without --region',
    {
      args: (f) => ['renew', 'ecs', f.ecsInstance, '--period', '1'],
      exit: EXIT.invalidInput,
      text: () => "renew ecs needs --region (the instance's RegionId)",
    },
  ],
  [
    'renew ecs by the Year (RenewInstance takes Month only)',
    {
      args: (f) => ['renew', 'ecs', f.ecsInstance, '--period', '1', '--period-unit', 'Year', '--region', 'cn-hangzhou'],
      exit: EXIT.invalidInput,
      text: () => 'error: renew ecs takes --period-unit Month only (ecs:RenewInstance has no other)',
    },
  ],
  [
    'renew --help (the period units of each kind, from its action)',
    {
      args: () => ['renew', '--help'],
      exit: EXIT.ok,
      text: () => 'PeriodUnit (ens-arm: Month or Year; ecs: Month)',
    },
  ],
  [
    'renew without --period',
    {
      args: (f) => ['renew', 'ens-arm', f.armServer],
      exit: EXIT.invalidInput,
      text: () => "error: required option '--period <N>' not specified",
    },
  ],

  // Following jobs that other clients started.
  [
    'status --json of a running job',
    {
      args: (f) => ['status', f.running, '--json'],
      exit: EXIT.ok,
      json: (f) => ({ workflowId: f.running, status: 'RUNNING', step: 'wait Active' }),
    },
  ],
  [
    'status of a job that does not exist',
    { args: () => ['status', 'no-such-job'], exit: EXIT.other, text: () => 'no-such-job' },
  ],
  [
    'result --json of a completed job',
    {
      args: (f) => ['result', f.completed, '--json'],
      exit: EXIT.ok,
      json: (f) => ({ workflowId: f.completed, status: 'COMPLETED', result: { Status: 'Running' } }),
    },
  ],
  [
    'result --json of a failed job',
    {
      args: (f) => ['result', f.failed, '--json'],
      exit: EXIT.workflowFailed,
      json: (f) => ({ workflowId: f.failed, status: 'FAILED', type: 'NoPermission' }),
    },
  ],
  [
    'result of a failed job, as text',
    { args: (f) => ['result', f.failed], exit: EXIT.workflowFailed, text: () => 'FAILED: ' },
  ],
  [
    'result --json of a job whose deadline passed',
    {
      args: (f) => ['result', f.timedOut, '--json'],
      exit: EXIT.timedOut,
      json: (f) => ({ workflowId: f.timedOut, status: 'TIMED_OUT' }),
    },
  ],
  [
    'result of a job that does not exist',
    { args: () => ['result', 'no-such-job'], exit: EXIT.other, text: () => 'no-such-job' },
  ],
  [
    'cancel --release --json',
    {
      args: (f) => ['cancel', f.toCancel, '--release', '--json'],
      exit: EXIT.ok,
      json: (f) => ({ workflowId: f.toCancel, cancelRequested: true, release: true }),
    },
  ],
  [
    'cancel a job that does not exist',
    { args: () => ['cancel', 'no-such-job'], exit: EXIT.other, text: () => 'no-such-job' },
  ],
  [
    'list --json',
    {
      args: () => ['list', '--limit', '100', '--json'],
      exit: EXIT.ok,
      json: (f) =>
        expect.arrayContaining([
          {
            workflowId: f.completed,
            type: 'provisionEcsInstance',
            status: 'COMPLETED',
            startTime: expect.any(String) as unknown,
          },
        ]) as unknown,
    },
  ],
  [
    'list --limit 0',
    {
      args: () => ['list', '--limit', '0'],
      exit: EXIT.invalidInput,
      text: () => 'expected a whole number of at least 1, such as 20',
    },
  ],
  [
    'inventory --json: the load balancer of the job that timed out is an orphan (exit 5)',
    {
      args: () => ['inventory', '--json'],
      exit: EXIT.flagged,
      json: (f) => ({
        flagged: expect.objectContaining({ orphan: expect.any(Number) as unknown }) as unknown,
        rows: expect.arrayContaining([
          expect.objectContaining({ kind: 'ens-lb', workflowId: f.timedOut, jobStatus: 'FAILED', flags: ['orphan'] }),
        ]) as unknown,
      }),
    },
  ],
  ...(['adopt', 'release'] as const).map((command): [string, Row] => [
    `${command} of a resource no job bought or renewed`,
    {
      args: () => [command, 'i-nothing-of-ours'],
      exit: EXIT.other,
      text: () =>
        'no resource i-nothing-of-ours found among what the jobs bought or renewed (see: alicloud-provisioner inventory)',
    },
  ]),
  [
    'inventory --window that is not a duration',
    {
      args: () => ['inventory', '--window', 'soon'],
      exit: EXIT.invalidInput,
      text: () => 'expected a duration such as 30s or 2m',
    },
  ],
];

/** The schedule commands, in this order: each row acts on the schedule the rows before it left. */
const SCHEDULE_ID = `contract-${randomUUID().slice(0, 8)}`;
const ECS_SCHEDULE_ID = `${SCHEDULE_ID}-ecs`;
const SCHEDULE_ROWS: [string, Row][] = [
  [
    'schedule create --json',
    {
      args: () => ['schedule', 'create', 'renew-arm', '--id', SCHEDULE_ID, '--every', '1d', '--window', '7d', '--json'],
      exit: EXIT.ok,
      json: () => ({
        scheduleId: SCHEDULE_ID,
        every: 86_400_000,
        catchupWindow: 86_400_000,
        overlap: 'SKIP',
        input: { window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' } },
      }),
    },
  ],
  [
    'schedule create under an id that exists',
    {
      args: () => ['schedule', 'create', 'renew-arm', '--id', SCHEDULE_ID, '--every', '1d'],
      exit: EXIT.other,
      text: () => `a schedule named "${SCHEDULE_ID}" exists already`,
    },
  ],
  [
    'schedule create with a window as long as the period',
    {
      args: () => [
        'schedule',
        'create',
        'renew-arm',
        '--id',
        `${SCHEDULE_ID}-long`,
        '--every',
        '1d',
        '--window',
        '31d',
      ],
      exit: EXIT.invalidInput,
      text: () => 'renewFleet window: must be shorter than the period (1 Month)',
    },
  ],
  [
    'schedule describe --json',
    {
      args: () => ['schedule', 'describe', SCHEDULE_ID, '--json'],
      exit: EXIT.ok,
      json: () => ({
        scheduleId: SCHEDULE_ID,
        workflowType: 'renewFleet',
        every: ['1d'],
        paused: false,
        overlap: 'SKIP',
        catchupWindow: '1d',
        actionsTaken: 0,
      }),
    },
  ],
  [
    'schedule trigger --wait --json: the run it started, followed to its end',
    {
      args: () => ['schedule', 'trigger', SCHEDULE_ID, '--wait', '--json'],
      exit: EXIT.ok,
      json: () => ({
        workflowId: expect.stringMatching(new RegExp(`^${SCHEDULE_ID}-`)) as unknown,
        status: 'COMPLETED',
        result: { expiring: 1, renewed: 1, failed: 0 },
      }),
    },
  ],
  [
    'schedule pause --note --json',
    {
      args: () => ['schedule', 'pause', SCHEDULE_ID, '--note', 'change freeze', '--json'],
      exit: EXIT.ok,
      json: () => ({ scheduleId: SCHEDULE_ID, paused: true }),
    },
  ],
  [
    'schedule describe shows the pause, its note and the run taken',
    {
      args: () => ['schedule', 'describe', SCHEDULE_ID, '--json'],
      exit: EXIT.ok,
      json: () => ({ paused: true, note: 'change freeze', actionsTaken: 1 }),
    },
  ],
  [
    'schedule unpause --json',
    {
      args: () => ['schedule', 'unpause', SCHEDULE_ID, '--json'],
      exit: EXIT.ok,
      json: () => ({ scheduleId: SCHEDULE_ID, paused: false }),
    },
  ],
  [
    'schedule list --json',
    {
      args: () => ['schedule', 'list', '--json'],
      exit: EXIT.ok,
      json: () =>
        expect.arrayContaining([expect.objectContaining({ scheduleId: SCHEDULE_ID, paused: false })]) as unknown,
    },
  ],
  [
    'schedule trigger --json: started, not followed',
    {
      args: () => ['schedule', 'trigger', SCHEDULE_ID, '--json'],
      exit: EXIT.ok,
      json: () => ({ scheduleId: SCHEDULE_ID, triggered: true, workflowId: expect.any(String) as unknown }),
    },
  ],
  [
    'schedule delete --json',
    {
      args: () => ['schedule', 'delete', SCHEDULE_ID, '--json'],
      exit: EXIT.ok,
      json: () => ({ scheduleId: SCHEDULE_ID, deleted: true }),
    },
  ],
  [
    'schedule create renew-ecs --regions --json',
    {
      args: () => [
        'schedule',
        'create',
        'renew-ecs',
        '--id',
        ECS_SCHEDULE_ID,
        '--regions',
        'cn-hangzhou,cn-shanghai',
        '--every',
        '1d',
        '--window',
        '7d',
        '--period',
        '1',
        '--json',
      ],
      exit: EXIT.ok,
      json: () => ({
        scheduleId: ECS_SCHEDULE_ID,
        input: { regions: ['cn-hangzhou', 'cn-shanghai'], window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' } },
      }),
    },
  ],
  [
    'schedule create renew-ecs without --regions',
    {
      args: () => ['schedule', 'create', 'renew-ecs', '--id', `${ECS_SCHEDULE_ID}-none`, '--every', '1d'],
      exit: EXIT.invalidInput,
      text: () => 'renewEcsFleet regions: must be a list of 1 to 50 region ids such as cn-hangzhou, each once',
    },
  ],
  [
    'schedule trigger --wait --json of renew-ecs: the subscription instance that expires within the window, renewed',
    {
      args: () => ['schedule', 'trigger', ECS_SCHEDULE_ID, '--wait', '--json'],
      exit: EXIT.ok,
      json: () => ({ status: 'COMPLETED', result: { expiring: 1, renewed: 1, failed: 0 } }),
    },
  ],
  [
    'schedule delete --json of renew-ecs',
    {
      args: () => ['schedule', 'delete', ECS_SCHEDULE_ID, '--json'],
      exit: EXIT.ok,
      json: () => ({ scheduleId: ECS_SCHEDULE_ID, deleted: true }),
    },
  ],
  ...(['describe', 'pause', 'unpause', 'trigger', 'delete'] as const).map((command): [string, Row] => [
    `schedule ${command} of a schedule that does not exist`,
    {
      args: () => ['schedule', command, SCHEDULE_ID],
      exit: EXIT.other,
      text: () => `no schedule named "${SCHEDULE_ID}" (see: alicloud-provisioner schedule list)`,
    },
  ]),
];

/** Commands that serve until SIGTERM: what they say once ready, what a client then gets from them. */
interface Server {
  args: string[];
  env: () => NodeJS.ProcessEnv;
  ready: string;
  /** Uses the running command as a client would, and checks what it gets. */
  probe: (process: StartedProcess) => Promise<void>;
}

const SERVERS: [string, Server][] = [
  [
    'worker: serves its task queue (ping answers from its process)',
    {
      args: ['worker'],
      env: () => ({
        PROVISIONER_TASK_QUEUE: `worker-${randomUUID()}`,
        PROVISIONER_CLOUD: 'alibaba-cloud',
        ALIBABA_CLOUD_ENDPOINT_OVERRIDE: env.emulator.endpoint,
        ALIBABA_CLOUD_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.accessKeySecret,
        ALIBABA_CLOUD_REGION_ID: 'cn-shanghai',
      }),
      ready: 'Worker polling task queue',
      probe: async (worker) => {
        const taskQueue = /Worker polling task queue "([^"]+)"/.exec(worker.output())![1]!;
        const ping = await run(['ping', '--json'], { PROVISIONER_TASK_QUEUE: taskQueue });
        expect(ping).toMatchObject({
          code: EXIT.ok,
          json: { pid: worker.child.pid, taskQueue, regionId: 'cn-shanghai', endpoint: env.emulator.endpoint },
        });
      },
    },
  ],
  [
    'emulator: answers signed API calls',
    {
      args: ['emulator', '--port', '0', '--time-scale', '0.001'],
      env: () => ({}),
      ready: 'Alibaba Cloud emulator on ',
      probe: async (emulator) => {
        const endpoint = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(emulator.output())![1]!;
        const cloud = new AlibabaCloud({
          regionId: 'cn-hangzhou',
          endpointOverride: endpoint,
          credentials: staticCredentials(DEFAULT_ACCESS_KEY),
        });
        const answer = await cloud
          .call('ecs:DescribeInstanceStatus', { RegionId: 'cn-hangzhou' })
          .finally(() => cloud.close());
        expect(answer.TotalCount).toBe(0);
        expect(emulator.output()).toContain(`(AccessKeyId ${DEFAULT_ACCESS_KEY.accessKeyId})`);
        expect(emulator.output()).not.toContain(DEFAULT_ACCESS_KEY.accessKeySecret);
      },
    },
  ],
  [
    'codec-server: opens what the workers sealed, for the Web UI',
    {
      args: ['codec-server', '--port', '0'],
      env: () => ({}),
      ready: 'Codec server on ',
      probe: async (server) => {
        const url = /Codec server on (http:\/\/\S+) /.exec(server.output())![1]!;
        const plain = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"Password":"Pw-1!"}') };
        const [sealed] = await dataConverter(parseKeys(TEST_CODEC_KEYS)).payloadCodecs![0]!.encode([plain]);
        const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
        const reply = await fetch(`${url}/decode`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            payloads: [
              {
                metadata: Object.fromEntries(
                  Object.entries(sealed!.metadata!).map(([key, value]) => [key, base64(value)]),
                ),
                data: base64(sealed!.data!),
              },
            ],
          }),
        });
        expect(reply.status).toBe(200);
        expect(await reply.json()).toEqual({
          payloads: [{ metadata: { encoding: base64(plain.metadata.encoding) }, data: base64(plain.data) }],
        });
      },
    },
  ],
];

describe('the command line’s contract (bin/, against the dev server and the emulator)', () => {
  beforeAll(async () => {
    // What `npm install` does: compile the sources under test into lib/, which bin/ loads.
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: PROJECT_ROOT,
    });
    env = await startEmulatedCloud({ timeScale: 0.001 });
    let started!: () => void;
    const ready = new Promise<void>((resolveReady) => (started = resolveReady));
    workerStopped = withCloudWorker(env, async (context) => {
      fixtures = await startFixtures(context);
      started();
      await new Promise<void>((resolveStop) => (stopWorker = resolveStop));
    });
    // A fixture that cannot be made ends the worker's run: that is the error to report.
    await Promise.race([ready, workerStopped]);
  }, 180_000);

  afterAll(async () => {
    stopWorker?.();
    await workerStopped;
    await env?.close();
  });

  it.each([...ROWS, ...SCHEDULE_ROWS])('%s', async (_name, row) => {
    const { code, text, json } = await run(row.args(fixtures), row.env?.(fixtures), row.stdin);

    const missing = [row.text?.(fixtures) ?? []].flat().filter((wanted) => !text.includes(wanted));

    expect({ code, missing }).toEqual({ code: row.exit, missing: [] });
    if (row.json) expect(json).toMatchObject(row.json(fixtures) as object);
  });

  it.each(SERVERS)('%s, then exits 0 on SIGTERM', async (_name, server) => {
    const process = cli(server.args, server.env());
    await process.waitForOutput(server.ready);

    await server.probe(process).finally(() => process.child.kill('SIGTERM'));

    expect(await process.exited).toBe(EXIT.ok);
  });
});
