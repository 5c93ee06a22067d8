/** Kafka's part of the emulator's state: the instances its orders made. */
import type { Params } from '../api-error';
import type { Timeline } from '../timeline';

export interface KafkaInstance {
  InstanceId: string;
  OrderId: string;
  RegionId: string;
  Tags: { Key: string; Value: string }[];
  order: Params;
  deploy: Params | undefined;
  serviceStatus: Timeline<number>;
  CreateTime: number;
  deleted: boolean;
}

export class KafkaState {
  readonly instances = new Map<string, KafkaInstance>();
  /** Orders placed since the emulator started; never reset, so no two orders share an OrderId. */
  private orders = 0;

  /** A new order's OrderId: a number, as the API's are, and unique. */
  newOrderId(): string {
    this.orders += 1;
    return String(2_000_000_000_000 + this.orders);
  }

  reset(): void {
    this.instances.clear();
  }

  /** Each instance in its current state, and how many orders carry each tag (a tag names its job). */
  snapshot(now: number) {
    const ordersPerTag: Record<string, number> = {};
    for (const instance of this.instances.values()) {
      for (const { Key, Value } of instance.Tags) {
        const tag = `${Key}=${Value}`;
        ordersPerTag[tag] = (ordersPerTag[tag] ?? 0) + 1;
      }
    }
    return {
      kafka: [...this.instances.values()].map((instance) => ({
        InstanceId: instance.InstanceId,
        OrderId: instance.OrderId,
        RegionId: instance.RegionId,
        ServiceStatus: instance.serviceStatus.at(now),
        readyAt: instance.serviceStatus.since(5),
        Tags: instance.Tags,
        deleted: instance.deleted,
      })),
      ordersPerTag,
    };
  }
}
