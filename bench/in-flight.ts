/**
 * Benchmark 7: N Kafka provisionings in flight at once on one worker process, each asleep on the
 * deploy for minutes, as a worker's real load is. The emulator's time scale makes the deploy outlast
 * the time it takes to start them all, so every job is asleep at once; then they all finish. Figures:
 * the worker's peak memory and its memory with every job asleep, the CPU time per job of the worker
 * and of the Temporal server, the history each job leaves, and how long after its instance was ready
 * each job closed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { temporal } from '@temporalio/proto';
import { JOB_TAG_KEY } from '../src/actions';
import { ServiceStatus } from '../src/policy/kafka-status';
import { REALISTIC_DURATIONS } from '../src/emulator/store';
import { startJob } from '../src/starters';
import { FAST } from '../test/helpers/provisioning';
import { percentile, type BenchStack } from './stack';

export interface InFlightFigures {
  jobs: number;
  /** The deploy's wait, scaled, and the time scale that gives it. */
  deployWaitMs: number;
  timeScale: number;
  /** From the first start to the moment every job was asleep on its deploy. */
  rampSeconds: number;
  /** Jobs not yet ready when all were asleep (the figure's "in flight"). */
  asleepAtOnce: number;
  completed: number;
  failed: number;
  peakWorkerMiB: number;
  /** The worker's resident memory with every job asleep. */
  asleepWorkerMiB: number;
  workerCpuMsPerJob: number;
  serverCpuMsPerJob: number;
  /** Median over a sample of jobs. */
  historyEventsPerJob: number;
  historyBytesPerJob: number;
  /** From the instance's readiness to its job's close. */
  closeLagP50Ms: number;
  closeLagP99Ms: number;
}

/** How many job starts are in flight at once. */
const STARTS_IN_FLIGHT = 32;
/** Jobs whose histories are measured. */
const HISTORY_SAMPLE = 20;

/**
 * `jobs` Kafka provisionings on one worker, the deploy taking `deployWaitMs`: long enough that the
 * last job is started before the first one's instance is ready.
 */
export async function runInFlight(stack: BenchStack, jobs: number, deployWaitMs: number): Promise<InFlightFigures> {
  const timeScale = deployWaitMs / REALISTIC_DURATIONS.kafkaDeployMs;
  await stack.admin.reset();
  await stack.admin.settings({ timeScale });
  const { worker, taskQueue } = await stack.startWorker('real');
  const workerCpuBefore = worker.cpuSeconds();
  const serverCpuBefore = stack.serverCpuSeconds();
  try {
    const began = Date.now();
    const handles: { workflowId: string }[] = [];
    for (let index = 0; index < jobs; index += STARTS_IN_FLIGHT) {
      const batch = Array.from({ length: Math.min(STARTS_IN_FLIGHT, jobs - index) }, (_, offset) =>
        startJob(stack.client, 'provisionKafkaInstance', FAST.kafka(`inflight-${index + offset}`), { taskQueue }),
      );
      handles.push(...(await Promise.all(batch)));
    }

    // Asleep: every job has ordered its instance and started the deploy.
    let asleepAtOnce = 0;
    for (;;) {
      const { kafka } = await stack.admin.state();
      const deploying = kafka.filter((instance) => instance.ServiceStatus !== ServiceStatus.waitingForDeploy);
      if (deploying.length === jobs) {
        asleepAtOnce = deploying.filter((instance) => instance.ServiceStatus !== ServiceStatus.running).length;
        break;
      }
      await sleep(1_000);
    }
    const rampSeconds = (Date.now() - began) / 1000;
    const asleepWorkerMiB = worker.residentMemoryMiB();

    // Waited for through visibility: thousands of result() long polls at once would load the client.
    const running = `TaskQueue="${taskQueue}" AND ExecutionStatus="Running"`;
    while ((await stack.client.workflow.count(running)).count > 0) await sleep(1_000);
    const workerCpu = worker.cpuSeconds() - workerCpuBefore;
    const serverCpu = stack.serverCpuSeconds() - serverCpuBefore;
    const peakWorkerMiB = worker.peakMemoryMiB();

    const closedAt = new Map<string, number>();
    let failed = 0;
    for await (const execution of stack.client.workflow.list({ query: `TaskQueue="${taskQueue}"` })) {
      if (execution.closeTime) closedAt.set(execution.workflowId, execution.closeTime.getTime());
      if (execution.status.name !== 'COMPLETED') failed++;
    }
    const { kafka } = await stack.admin.state();
    const lags = kafka.flatMap((instance) => {
      const workflowId = instance.Tags.find((tag) => tag.Key === JOB_TAG_KEY)?.Value.split('/')[0];
      const closed = workflowId === undefined ? undefined : closedAt.get(workflowId);
      return closed === undefined || instance.readyAt === undefined ? [] : [closed - instance.readyAt];
    });

    const sampled = Math.min(HISTORY_SAMPLE, jobs);
    const sample = Array.from({ length: sampled }, (_, i) => handles[Math.floor((i * jobs) / sampled)]!);
    const histories = await Promise.all(
      sample.map((handle) => stack.client.workflow.getHandle(handle.workflowId).fetchHistory()),
    );
    return {
      jobs,
      deployWaitMs,
      timeScale,
      rampSeconds,
      asleepAtOnce,
      completed: jobs - failed,
      failed,
      peakWorkerMiB,
      asleepWorkerMiB,
      workerCpuMsPerJob: (workerCpu * 1000) / jobs,
      serverCpuMsPerJob: (serverCpu * 1000) / jobs,
      historyEventsPerJob: percentile(
        histories.map((history) => history.events?.length ?? 0),
        50,
      ),
      historyBytesPerJob: percentile(
        histories.map((history) => temporal.api.history.v1.History.encode(history).finish().length),
        50,
      ),
      closeLagP50Ms: percentile(lags, 50),
      closeLagP99Ms: percentile(lags, 99),
    };
  } finally {
    await worker.stop();
  }
}
