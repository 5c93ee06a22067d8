/**
 * 8. Hostile input: inputs made to hurt the process that validates them, started directly on
 * Temporal (around `startJob`, which would refuse them first), on the same worker processes as a
 * normal load. Before requests were copied within bounds into objects without prototypes, a
 * `__proto__.InstanceChargeType` polluted Object.prototype in the worker, so that every later ECS
 * job bought a subscription; `Tag.50000000.Key` allocated a 50-million-slot array and killed the
 * worker (and, retried, the next one); a 20,000-part dotted name overflowed the stack; an
 * over-long position dropped a tag silently; a null input, a string `request` or a `deadline` that
 * is none failed the workflow task forever instead of the job.
 *
 * It runs the hostile jobs alone first (every API call the emulator receives meanwhile is theirs:
 * there must be none), then the mixed workload with more hostile jobs interleaved, each hostile
 * batch started before the normal jobs it precedes, so that a worker they poisoned would serve
 * those. Then it checks: no worker process exited, every hostile job failed with InvalidParameter
 * naming the parameter, every normal job completed once, and the emulator holds nothing but what
 * the normal jobs asked for (ECS instances PostPaid unless asked otherwise).
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, TerminatedFailure, WorkflowFailedError, type Client } from '@temporalio/client';
import { startJob, type WorkflowName } from '../../src/starters';
import * as workflows from '../../src/workflows';
import { FAST } from '../helpers/provisioning';
import type { AdminState } from '../helpers/cloud-processes';
import type { ChaosStack, WorkerExit } from './stack';
import { outcomeOf, prepareWorkload, tally, type Job, type JobOutcome, type Tally } from './workload';

export interface HostileCase {
  workflow: WorkflowName;
  title: string;
  input: unknown;
  /** The parameter the refusal must name, as the failure message writes it. */
  parameter: string;
}

/** Names of what a hostile job would have bought, had it been accepted: none may exist afterwards. */
export const HOSTILE_NAMES = { ecs: 'hostile-input-ecs', kafka: 'hostile-input-kafka', lb: 'hostile-input-lb' };

/** The label of the normal jobs' names (workload.ts): one run per stack. */
const LABEL = 'hostile-load';
const WORKERS = 2;
/** The longest a hostile job may take to fail (it fails at its first step), and a normal one to end. */
const HOSTILE_END_MS = 120_000;
const NORMAL_END_MS = 300_000;
/** Worker processes started again for those that died (as a supervisor would), at most. */
const MAX_RESTARTS = 10;

/** A dotted name of `parts` parts, and what a refusal shows of a long name (cut to 64 characters). */
const dottedName = (part: string, parts: number) => Array.from({ length: parts }, () => part).join('.');
const shownPrefix = (name: string) => `${name.slice(0, 61)}...`;

/**
 * The hostile inputs. `renewable` is an ECS instance a normal job renews: a hostile renewal of it
 * that got through would show as a second renewal of that instance.
 */
export function hostileCases(renewable: string): HostileCase[] {
  const ecs = FAST.ecs(HOSTILE_NAMES.ecs);
  const kafka = FAST.kafka(HOSTILE_NAMES.kafka);
  const lb = FAST.loadBalancer(HOSTILE_NAMES.lb);
  const kafkaTag = [{ Key: 'chaos-job', Value: HOSTILE_NAMES.kafka }];
  // An own member named __proto__, as JSON.parse makes it (an object literal would set the prototype).
  const protoMember = JSON.parse('{"__proto__": {"InstanceChargeType": "PrePaid", "Period": 1}}') as object;
  // Nested under a short name, so that the path the refusal names fits in a message uncut.
  let nested: unknown = 40;
  for (let level = 0; level < 1_000; level++) nested = { Size: nested };
  const longName = dottedName('Tag', 20_000);
  const manyParts = dottedName('A', 64);
  return [
    {
      workflow: 'provisionEcsInstance',
      title: '`__proto__.InstanceChargeType: PrePaid` and `__proto__.Period: 1` (dotted names)',
      input: { ...ecs, request: { ...ecs.request, '__proto__.InstanceChargeType': 'PrePaid', '__proto__.Period': 1 } },
      parameter: '__proto__.InstanceChargeType',
    },
    {
      workflow: 'provisionEcsInstance',
      title: 'a JSON member `"__proto__": {"InstanceChargeType": "PrePaid", "Period": 1}`',
      input: { ...ecs, request: Object.assign(protoMember, ecs.request) },
      parameter: '__proto__',
    },
    {
      workflow: 'provisionEcsInstance',
      title: '`constructor.prototype.InstanceChargeType: PrePaid`',
      input: { ...ecs, request: { ...ecs.request, 'constructor.prototype.InstanceChargeType': 'PrePaid' } },
      parameter: 'constructor',
    },
    {
      workflow: 'provisionKafkaInstance',
      title: '`Tag.50000000.Key` (a 50-million-slot list)',
      input: { ...kafka, order: { ...kafka.order, Tag: kafkaTag, 'Tag.50000000.Key': 'chaos-job' } },
      parameter: 'Tag.50000000',
    },
    {
      workflow: 'provisionEcsInstance',
      title: '`Tag.99999999999999999999.Key` (a position beyond 2^53)',
      input: { ...ecs, request: { ...ecs.request, 'Tag.99999999999999999999.Key': 'chaos-job' } },
      parameter: 'Tag.99999999999999999999.Key',
    },
    {
      workflow: 'provisionEnsLoadBalancer',
      title: 'a dotted name of 20,000 parts (`Tag.Tag.…`, 80 KB)',
      input: { ...lb, request: { ...lb.request, [longName]: 'x' } },
      parameter: shownPrefix(longName),
    },
    {
      workflow: 'provisionEcsInstance',
      title: 'a dotted name of 64 parts within the 128 characters of a name (`A.A.…`)',
      input: { ...ecs, request: { ...ecs.request, [manyParts]: 'x' } },
      parameter: shownPrefix(manyParts),
    },
    {
      workflow: 'provisionEcsInstance',
      title: '`SystemDisk` nested 1,000 levels deep',
      input: { ...ecs, request: { ...ecs.request, SystemDisk: nested } },
      parameter: `SystemDisk${'.Size'.repeat(7)}`,
    },
    {
      workflow: 'provisionEcsInstance',
      title: 'a 1 MB `UserData` (the request 8 times over its bound of 128 Ki characters)',
      input: { ...ecs, request: { ...ecs.request, UserData: 'A'.repeat(1_000_000) } },
      parameter: 'UserData',
    },
    { workflow: 'provisionKafkaInstance', title: 'a null input', input: null, parameter: '(input)' },
    {
      workflow: 'provisionEcsInstance',
      title: '`request` a string',
      input: { ...ecs, request: 'InstanceChargeType=PrePaid&Period=1' },
      parameter: '(request)',
    },
    {
      workflow: 'provisionEnsLoadBalancer',
      title: '`deadline: "soon"`',
      input: { ...lb, deadline: 'soon' },
      parameter: 'deadline',
    },
    {
      workflow: 'provisionEcsInstance',
      title: '`expectedCreateMs: -1`',
      input: { ...ecs, expectedCreateMs: -1 },
      parameter: 'expectedCreateMs',
    },
    {
      workflow: 'renewEcsInstance',
      title: '`RegionId: "evil.example/x#"` (a host name of its own)',
      input: { RegionId: 'evil.example/x#', request: { InstanceId: renewable, Period: 1, PeriodUnit: 'Month' } },
      parameter: 'RegionId',
    },
    {
      workflow: 'renewFleet',
      title: '`filters: {"Action": "ReleaseInstance"}` (a parameter of the call, not a filter)',
      input: {
        window: '7d',
        renewal: { Period: 1, PeriodUnit: 'Month' },
        filters: { Action: 'ReleaseInstance' },
      },
      parameter: 'filters.Action',
    },
    {
      workflow: 'renewEcsFleet',
      title: '`regions: ["evil.example/x#"]` (a host name of its own)',
      input: { regions: ['evil.example/x#'], window: '7d', renewal: { Period: 1, PeriodUnit: 'Month' } },
      parameter: 'regions',
    },
  ];
}

export interface HostileResult {
  case: HostileCase;
  /** `alone`: before any normal job; `mixed`: interleaved with them. */
  phase: 'alone' | 'mixed';
  workflowId: string;
  /** The failure type (InvalidParameter), or how else the job ended. */
  type: string;
  message: string;
  /** The API calls the job reported (the failure's details), when it reported any figure. */
  apiCalls: number | undefined;
}

/** What the emulator holds that the scenario bought, and what nobody asked for. */
export interface Bought {
  /** ECS instances the normal provisionings bought, by charge type. */
  ecs: Record<string, number>;
  /** Subscription (PrePaid) instances the setup bought for the renewals to renew. */
  subscriptions: number;
  kafka: number;
  loadBalancers: number;
  renewals: number;
  /**
   * Resources no normal job accounts for (another name, an ECS instance of another charge type than
   * its job asked for, a renewal of another id): a hostile job's, had one got through. Must be empty.
   */
  unasked: string[];
}

export interface HostileInputReport {
  scenario: string;
  /** The load held, in words. */
  load: string;
  /** The inputs tried, in words. */
  inputs: string;
  cases: HostileCase[];
  hostile: HostileResult[];
  normal: Tally;
  outcomes: JobOutcome[];
  /** Worker processes that exited during the scenario without the suite stopping them. */
  exits: WorkerExit[];
  /** API calls the emulator received while only hostile jobs ran (must be 0). */
  callsAlone: number;
  /** API calls it received during the mixed run, and those the normal jobs reported making. */
  callsMixed: number;
  callsReported: number;
  bought: Bought;
  wallSeconds: number;
}

/** Whether a hostile job failed as it must: InvalidParameter, naming the parameter, without a call. */
export const refusedNamingTheParameter = (result: HostileResult): boolean =>
  result.type === 'InvalidParameter' && result.message.includes(result.case.parameter) && !result.apiCalls;

const completedOnce = (tally: Tally) =>
  tally.completed === tally.jobs && tally.failed === 0 && tally.lost === 0 && tally.duplicates === 0;

/** Whether the scenario kept every promise above. */
export function hostileInputKept(report: HostileInputReport): boolean {
  return (
    report.hostile.length > 0 &&
    report.hostile.every(refusedNamingTheParameter) &&
    completedOnce(report.normal) &&
    report.exits.length === 0 &&
    report.bought.unasked.length === 0 &&
    report.callsAlone === 0 &&
    report.callsMixed === report.callsReported
  );
}

/** The outcome, in one line: `N/N hostile jobs failed with InvalidParameter naming the parameter; ...`. */
export function hostileOutcome(report: HostileInputReport): string {
  const { bought, normal } = report;
  const named = report.hostile.filter(refusedNamingTheParameter).length;
  const once = normal.lost || normal.duplicates ? ` (${normal.lost} lost, ${normal.duplicates} duplicated)` : ' once';
  const ecs = Object.entries(bought.ecs)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ');
  const unasked = bought.unasked.length
    ? `${bought.unasked.length} unasked: ${bought.unasked.join('; ')}`
    : 'nothing else';
  return [
    `${named}/${report.hostile.length} hostile jobs failed with InvalidParameter naming the parameter`,
    `${normal.completed}/${normal.jobs} normal jobs completed${once}`,
    `${report.exits.length} worker restarts`,
    `bought: ${bought.kafka} Kafka orders, ${ecs || 'no'} ECS instances (and the ${bought.subscriptions} PrePaid subscriptions the setup bought for the renewals), ${bought.loadBalancers} load balancers, ${bought.renewals} renewals, each a normal job's; ${unasked}`,
    `API calls: ${report.callsAlone} while the hostile jobs ran alone, ${report.callsMixed} in the mixed run (the normal jobs reported ${report.callsReported})`,
  ].join('; ');
}

const totalCalls = (state: AdminState) =>
  Object.values(state.calls)
    .flatMap((codes) => Object.values(codes))
    .reduce((sum, count) => sum + count, 0);

/** Waits for a workflow's end; one that has not ended after `timeoutMs` is terminated (and so ends). */
async function within<T>(client: Client, workflowId: string, timeoutMs: number, end: () => Promise<T>): Promise<T> {
  const timer = setTimeout(() => {
    client.workflow
      .getHandle(workflowId)
      .terminate(`did not end within ${timeoutMs / 1000} s`)
      .catch(() => undefined);
  }, timeoutMs);
  try {
    return await end();
  } finally {
    clearTimeout(timer);
  }
}

async function hostileEnd(client: Client, workflowId: string): Promise<Omit<HostileResult, 'case' | 'phase'>> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    const result = (await within(client, workflowId, HOSTILE_END_MS, () => handle.result())) as { apiCalls?: number };
    return { workflowId, type: 'completed', message: 'the job was accepted and completed', apiCalls: result?.apiCalls };
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    const cause = error.cause;
    if (cause instanceof TerminatedFailure)
      return { workflowId, type: 'did not end', message: cause.message, apiCalls: undefined };
    if (cause instanceof ApplicationFailure) {
      const details = cause.details?.[0] as { apiCalls?: number } | undefined;
      return { workflowId, type: cause.type ?? 'unknown', message: cause.message, apiCalls: details?.apiCalls };
    }
    return {
      workflowId,
      type: cause?.name ?? 'unknown',
      message: cause?.message ?? error.message,
      apiCalls: undefined,
    };
  }
}

/** Starts a hostile job directly on Temporal, as any client may, without the client-side check. */
async function startHostile(client: Client, taskQueue: string, each: HostileCase): Promise<string> {
  const workflowId = `hostile-${randomUUID()}`;
  await client.workflow.start(workflows[each.workflow] as () => Promise<unknown>, {
    taskQueue,
    workflowId,
    args: [each.input] as never,
  });
  return workflowId;
}

/**
 * Starts a new worker for each that died, as a supervisor would (so that a poison pill shows as
 * restarts rather than as a run that never ends); returns a function that stops watching.
 */
function supervise(stack: ChaosStack): () => Promise<void> {
  let seen = stack.workerExits().length;
  let restarts = 0;
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    const exits = stack.workerExits().length;
    for (; seen < exits; seen++) {
      if (restarts++ >= MAX_RESTARTS) continue;
      pending = pending.then(() => stack.startWorkers(1)).catch(() => undefined);
    }
  }, 250);
  return async () => {
    clearInterval(timer);
    await pending;
  };
}

/** What the emulator holds now that it did not before, checked against what the normal jobs asked for. */
function boughtSince(before: AdminState, after: AdminState, jobs: Job[]): Bought {
  const had = {
    ecs: new Set(before.ecs.map((instance) => instance.InstanceId)),
    kafka: new Set(before.kafka.map((instance) => instance.InstanceId)),
    loadBalancers: new Set(before.loadBalancers.map((balancer) => balancer.LoadBalancerId)),
  };
  const of = (kind: Job['kind']) => jobs.filter((job) => job.kind === kind);
  // The charge type each normal ECS provisioning asked for (none: PostPaid, the API's default).
  const asked = new Map(
    of('provisionEcsInstance').map((job) => {
      const request = (job.input as { request: { InstanceChargeType?: string } }).request;
      return [job.key, request.InstanceChargeType ?? 'PostPaid'];
    }),
  );
  const subscriptions = new Set(of('renewEcsInstance').map((job) => job.key));
  const kafkaNames = new Set(of('provisionKafkaInstance').map((job) => job.key));
  const balancerNames = new Set(of('provisionEnsLoadBalancer').map((job) => job.key));
  const renewed = new Set([...subscriptions, ...of('renewArmServerInstance').map((job) => job.key)]);
  const bought: Bought = { ecs: {}, subscriptions: 0, kafka: 0, loadBalancers: 0, renewals: 0, unasked: [] };

  for (const instance of after.ecs.filter((each) => !had.ecs.has(each.InstanceId))) {
    const charge = instance.InstanceChargeType;
    const wanted = subscriptions.has(instance.InstanceId) ? 'PrePaid' : asked.get(String(instance.InstanceName));
    if (wanted === undefined)
      bought.unasked.push(`ECS instance ${instance.InstanceId} "${instance.InstanceName}" (${charge})`);
    else if (charge !== wanted)
      bought.unasked.push(
        `ECS instance ${instance.InstanceId} "${instance.InstanceName}" is ${charge}, its job asked for ${wanted}`,
      );
    else if (subscriptions.has(instance.InstanceId)) bought.subscriptions++;
    else bought.ecs[charge] = (bought.ecs[charge] ?? 0) + 1;
  }
  for (const instance of after.kafka.filter((each) => !had.kafka.has(each.InstanceId))) {
    if (instance.Tags.some((tag) => tag.Key === 'chaos-job' && kafkaNames.has(tag.Value))) bought.kafka++;
    else
      bought.unasked.push(
        `Kafka order ${instance.OrderId} (${instance.Tags.map((tag) => `${tag.Key}=${tag.Value}`).join(', ')})`,
      );
  }
  for (const balancer of after.loadBalancers.filter((each) => !had.loadBalancers.has(each.LoadBalancerId))) {
    if (balancerNames.has(String(balancer.LoadBalancerName))) bought.loadBalancers++;
    else bought.unasked.push(`load balancer ${balancer.LoadBalancerId} "${balancer.LoadBalancerName}"`);
  }
  for (const [id, count] of Object.entries(after.renewals)) {
    const more = count - (before.renewals[id] ?? 0);
    if (more <= 0) continue;
    if (renewed.has(id)) bought.renewals += more;
    else bought.unasked.push(`${more} renewal${more === 1 ? '' : 's'} of ${id}`);
  }
  return bought;
}

/**
 * The order the mixed run starts its jobs in: each normal job preceded by its share of the hostile
 * ones, so that hostile jobs come first and every normal job follows some.
 */
function interleaved<H, N>(hostile: H[], normal: N[]): ({ hostile: H } | { normal: N; index: number })[] {
  const share = Math.ceil(hostile.length / Math.max(1, normal.length));
  return normal.flatMap((job, index) => [
    ...hostile.slice(index * share, (index + 1) * share).map((each) => ({ hostile: each })),
    { normal: job, index },
  ]);
}

/**
 * Runs the scenario: `jobs` normal jobs (the mixed workload) on WORKERS worker processes, and
 * `copies` of each hostile case: one of each alone first, the others interleaved with the normal jobs.
 */
export async function hostileInput(
  stack: ChaosStack,
  size: { jobs: number; copies: number },
): Promise<HostileInputReport> {
  const before = await stack.emulator.admin.state();
  const exitsBefore = stack.workerExits().length;
  const workload = await prepareWorkload(
    { admin: stack.emulator.admin, endpoint: stack.emulator.endpoint, key: stack.key },
    size.jobs,
    LABEL,
  );
  const renewable = workload.find((job) => job.kind === 'renewEcsInstance')?.key ?? 'i-hostile-input';
  const cases = hostileCases(renewable);
  const { client, taskQueue } = stack;
  await stack.startWorkers(WORKERS);
  const stopSupervising = supervise(stack);
  const began = Date.now();
  try {
    // Alone: every call the emulator receives now would be a hostile job's.
    const callsBeforeAlone = totalCalls(await stack.emulator.admin.state());
    const aloneIds: string[] = [];
    for (const each of cases) aloneIds.push(await startHostile(client, taskQueue, each));
    const alone = await Promise.all(
      aloneIds.map(async (workflowId, index) => ({
        case: cases[index]!,
        phase: 'alone' as const,
        ...(await hostileEnd(client, workflowId)),
      })),
    );
    const callsBeforeMixed = totalCalls(await stack.emulator.admin.state());

    // Mixed: started one after another, in order, hostile jobs first.
    const rounds = Array.from({ length: Math.max(0, size.copies - 1) }, () => cases).flat();
    const order = interleaved(rounds, workload);
    const hostileIds: { case: HostileCase; workflowId: string }[] = [];
    const normalIds: string[] = [];
    for (const entry of order) {
      if ('hostile' in entry)
        hostileIds.push({ case: entry.hostile, workflowId: await startHostile(client, taskQueue, entry.hostile) });
      else
        normalIds[entry.index] = (
          await startJob(client, entry.normal.kind, entry.normal.input as never, { taskQueue })
        ).workflowId;
    }
    const [mixed, outcomes] = await Promise.all([
      Promise.all(
        hostileIds.map(async ({ case: each, workflowId }) => ({
          case: each,
          phase: 'mixed' as const,
          ...(await hostileEnd(client, workflowId)),
        })),
      ),
      Promise.all(
        workload.map((job, index) =>
          within(client, normalIds[index]!, NORMAL_END_MS, () => outcomeOf(client, job, normalIds[index]!)),
        ),
      ),
    ]);
    const wallSeconds = (Date.now() - began) / 1000;
    const after = await stack.emulator.admin.state();
    const hostile = [...alone, ...mixed];
    // What each normal job says it called: its result's figure, or its failure's.
    const reported = (outcome: JobOutcome) => {
      const details = (outcome.failure?.cause as ApplicationFailure | undefined)?.details?.[0];
      return Number((outcome.result ?? (details as { apiCalls?: number } | undefined))?.apiCalls ?? 0);
    };
    return {
      scenario: '8. Hostile input',
      load: `${size.jobs} normal jobs, the five kinds in turn, on ${WORKERS} worker processes, beside ${hostile.length} hostile jobs started directly on Temporal: ${alone.length} alone first, then ${mixed.length} interleaved with the normal jobs, hostile first`,
      inputs: `${cases.length} hostile inputs over the six workflows (below), ${size.copies} of each: \`__proto__\` and \`constructor.prototype\` names, list positions of 50 million and 10^20, names of 20,000 and of 64 parts, 1,000 levels of nesting, 1 MB of text, a null input, a string \`request\`, options that are not ones, a RegionId and a filter that would reach the wire`,
      cases,
      hostile,
      normal: tally(outcomes, after),
      outcomes,
      exits: stack.workerExits().slice(exitsBefore),
      callsAlone: callsBeforeMixed - callsBeforeAlone,
      callsMixed: totalCalls(after) - callsBeforeMixed,
      callsReported: outcomes.reduce((sum, outcome) => sum + reported(outcome), 0),
      bought: boughtSince(before, after, workload),
      wallSeconds,
    };
  } finally {
    await stopSupervising();
    await stack.stopWorkers();
  }
}
