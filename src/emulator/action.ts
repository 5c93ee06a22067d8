import type { Params } from './api-error';
import type { EmulatorState } from './store';

export interface ActionContext {
  params: Params;
  accessKeyId: string;
  state: EmulatorState;
  /** Epoch ms at which the call is answered. */
  now: number;
}

/** One API action: returns the success body (without RequestId), or throws an ApiError. */
export type ActionHandler = (context: ActionContext) => Record<string, unknown>;

export interface ProductApi {
  product: 'alikafka' | 'ecs' | 'ens';
  /** The `Version` parameter that routes a call to this product. */
  version: string;
  /** What the real service puts in an error body's HostId. */
  hostId: string;
  actions: Readonly<Record<string, ActionHandler>>;
  /** Extra fields of every answer (Kafka's `Code: 200`, `Success`). */
  successFields?: Record<string, unknown>;
  errorFields?: Record<string, unknown>;
}
