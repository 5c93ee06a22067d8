/**
 * The activities the worker registers. They get their cloud client through this factory, so tests
 * can hand them the emulator (or, in a unit test, a stub of one dependency).
 */
import { hostname } from 'node:os';
import { Context } from '@temporalio/activity';
import type { AlibabaCloud } from '../alicloud/client';
import { RATE_LIMIT_WINDOW_MS } from '../policy/rate-limits';
import { createEcsActivities } from './ecs';
import { createEnsActivities } from './ens';
import { createInventoryActivities } from './inventory';
import { createKafkaActivities } from './kafka';
import { ThrottledShare } from './throttled-share';
import { createValidateActivities } from './validate';

export interface ActivityDependencies {
  cloud: AlibabaCloud;
  /** Region of requests that name none. */
  regionId: string;
  /** The rate limits' window: how long a throttled call waits at least before its retry. @default RATE_LIMIT_WINDOW_MS */
  throttledRetryDelayMs?: number;
}

/** What `describeWorker` tells about the worker that ran it. */
export interface WorkerDescription {
  host: string;
  pid: number;
  taskQueue: string;
  regionId: string;
  /** `alibaba-cloud`, or the override URL every product is sent to. */
  endpoint: string;
}

export function createActivities(deps: ActivityDependencies) {
  const step = {
    cloud: deps.cloud,
    // One per worker process: its activities share what they see of the cloud's throttling.
    throttling: new ThrottledShare(deps.throttledRetryDelayMs ?? RATE_LIMIT_WINDOW_MS),
  };
  return {
    ...createValidateActivities(step),
    ...createKafkaActivities(step),
    ...createEcsActivities(step),
    ...createEnsActivities(step),
    ...createInventoryActivities({ ...step, regionId: deps.regionId }),

    /** Answers which worker picked up the task and which cloud it talks to. */
    describeWorker(): Promise<WorkerDescription> {
      return Promise.resolve({
        host: hostname(),
        pid: process.pid,
        taskQueue: Context.current().info.taskQueue,
        regionId: deps.regionId,
        endpoint: deps.cloud.endpoint,
      });
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
