/** ECS's part of the emulator's state: its instances. */
import type { Params } from '../api-error';
import type { Timeline } from '../timeline';

export interface EcsInstance {
  InstanceId: string;
  RegionId: string;
  request: Params;
  status: Timeline<string>;
  InstanceChargeType: 'PrePaid' | 'PostPaid';
  /** Epoch ms. */
  ExpiredTime: number;
  CreationTime: number;
}

export class EcsState {
  readonly instances = new Map<string, EcsInstance>();

  reset(): void {
    this.instances.clear();
  }

  snapshot(now: number) {
    return {
      ecs: [...this.instances.values()].map((instance) => ({
        InstanceId: instance.InstanceId,
        InstanceName: instance.request.InstanceName,
        RegionId: instance.RegionId,
        Status: instance.status.at(now),
        readyAt: instance.status.since('Running'),
        InstanceChargeType: instance.InstanceChargeType,
        ExpiredTime: new Date(instance.ExpiredTime).toISOString(),
        ClientToken: instance.request.ClientToken,
      })),
    };
  }
}
