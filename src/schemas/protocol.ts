/**
 * The parameters of Alibaba Cloud's RPC protocol itself rather than of any action: what names the
 * call, and what signs it. Both sides of the wire need the list: the client never lets a request's
 * own parameters carry one, and the emulator sets them apart from the action's parameters.
 */

/** What names the call. */
export const CALL_PARAMETERS: ReadonlySet<string> = new Set(['Action', 'Version']);

/** What signs it (signature v1), and the answer's format. */
export const SIGNING_PARAMETERS: ReadonlySet<string> = new Set([
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'Format',
  'SecurityToken',
]);

/** Whether `name` is one of the protocol's own parameters. */
export function isProtocolParameter(name: string): boolean {
  return CALL_PARAMETERS.has(name) || SIGNING_PARAMETERS.has(name);
}

/**
 * The answer header in which the emulator says how fast its clock runs against real time (its time
 * scale). Alibaba Cloud sends none; a client that sees one expects what it waits for on that clock.
 */
export const TIME_SCALE_HEADER = 'x-emulator-time-scale';
