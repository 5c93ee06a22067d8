import type { ActionOf } from '../actions';
import type { ProductName } from '../actions';
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

/** A product as the emulator serves it: a handler for each of its actions in `ACTIONS`, and no other. */
export interface ProductApi<P extends ProductName = ProductName> {
  product: P;
  /** What the real service puts in an error body's HostId. */
  hostId: string;
  actions: Readonly<Record<ActionOf<P>, ActionHandler>>;
  /** Extra fields of every answer (Kafka's `Code: 200`, `Success`). */
  successFields?: Record<string, unknown>;
  errorFields?: Record<string, unknown>;
}

/** Any one product as the emulator serves it. */
export type ServedProduct = { [P in ProductName]: ProductApi<P> }[ProductName];
