/**
 * The activities the worker registers. They get what they need through this factory, so tests can
 * hand them another endpoint or a stub of one dependency.
 */
import { hostname } from 'node:os';
import { Context } from '@temporalio/activity';
import type { AlibabaCloud } from '../alicloud/client';

export interface ActivityDependencies {
  cloud: AlibabaCloud;
  /** Region of requests that name none. */
  regionId: string;
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
  return {
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
