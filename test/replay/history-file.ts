/**
 * How recorded histories are stored: the protobuf History as a plain object (enums as names, 64-bit
 * integers as strings), read back with @temporalio/proto's own type. (The SDK's historyFromJSON
 * trips over the two copies of protobufjs that npm installs side by side here.)
 */
import { temporal } from '@temporalio/proto';

const History = temporal.api.history.v1.History;

export function historyToObject(history: temporal.api.history.v1.IHistory): Record<string, unknown> {
  return History.toObject(History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
    defaults: false,
  });
}

export function historyFromObject(object: Record<string, unknown>): temporal.api.history.v1.History {
  return History.fromObject(object);
}
