/**
 * How many worker processes serve a rate-limited task queue, as the Temporal server sees them. Each
 * process paces its calls at its share of the API's limit, so the fleet together stays within it
 * without a counter of its own: the server already knows who polls.
 */
import { temporal } from '@temporalio/proto';

/** How long a poller counts after its last poll: a long poll lasts up to a minute on an idle queue. */
export const POLLER_ALIVE_MS = 70_000;
/** How often a process asks the server again; a process that joins is counted within this. */
export const POLLERS_REFRESH_MS = 5_000;

export interface Poller {
  identity: string;
  /** When its latest poll reached the server, in ms since the epoch. */
  lastAccessMs: number;
}

/** The processes (distinct identities) that polled within POLLER_ALIVE_MS of `now`; at least one: this one. */
export function livePollers(pollers: readonly Poller[], now: number): number {
  const alive = new Set(
    pollers.filter((poller) => now - poller.lastAccessMs <= POLLER_ALIVE_MS).map((p) => p.identity),
  );
  return Math.max(1, alive.size);
}

/**
 * The last known number of processes polling a queue. Reading it never waits on the server: a read
 * after POLLERS_REFRESH_MS asks again in the background, and a failed ask keeps the last answer.
 */
export class QueuePollers {
  private count = 1;
  private askedAt = -Infinity;

  constructor(
    private readonly ask: () => Promise<readonly Poller[]>,
    private readonly now: () => number = Date.now,
  ) {}

  current(): number {
    const now = this.now();
    if (now - this.askedAt >= POLLERS_REFRESH_MS) {
      this.askedAt = now;
      this.ask().then(
        (pollers) => void (this.count = livePollers(pollers, this.now())),
        () => undefined,
      );
    }
    return this.count;
  }
}

/** Asks the server which identities poll the activity task queue `taskQueue`. */
export function activityPollers(
  connection: { workflowService: temporal.api.workflowservice.v1.WorkflowService },
  namespace: string,
  taskQueue: string,
): () => Promise<Poller[]> {
  return async () => {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    });
    return pollers.map((poller) => ({
      identity: poller.identity ?? '',
      lastAccessMs: Number(poller.lastAccessTime?.seconds ?? 0) * 1000 + (poller.lastAccessTime?.nanos ?? 0) / 1e6,
    }));
  };
}
