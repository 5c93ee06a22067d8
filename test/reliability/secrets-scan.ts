/**
 * 7. Secrets: after the other scenarios, no password, AccessKey secret, security token, payload key
 * or request signature may appear in any workflow history (the server's raw bytes), any line a
 * process printed, or any error message a client was shown. Each value is looked for as it is,
 * percent-encoded as the API's signing does it (once, and twice as in a string to sign), and in
 * base64 at each of the three alignments it can have inside a longer encoded text.
 */
import { temporal } from '@temporalio/proto';
import { percentEncode } from '../../src/emulator/signature';
import type { ChaosStack } from './stack';
import { PASSWORDS } from './workload';

export interface SecretsScan {
  /** Distinct secret values looked for (each in three encodings). */
  secrets: number;
  /** Of which request signatures the emulator received. */
  signatures: number;
  histories: number;
  historyBytes: number;
  logBytes: number;
  errorMessages: number;
  /** Where a secret was found (must be empty). */
  found: string[];
}

/**
 * The value's base64 inside any longer base64 text: encoded after 0, 1 or 2 bytes of padding, minus
 * the characters that depend on the neighbours.
 */
function base64Forms(secret: string): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret)]).toString('base64');
    const start = offset === 0 ? 0 : offset + 1;
    const end = (offset + Buffer.byteLength(secret)) % 3 === 0 ? encoded.length : encoded.replace(/=+$/, '').length - 1;
    return encoded.slice(start, end);
  });
}

/** How a value could leak as it travels: URLs and strings to sign percent-encode it. */
const urlForms = (secret: string) => [secret, percentEncode(secret), percentEncode(percentEncode(secret))];

/** And a value that a payload could carry (not signatures, which only travel in requests) in base64. */
const payloadForms = (secret: string) => [...urlForms(secret), ...base64Forms(secret)];

export async function scanForSecrets(stack: ChaosStack, errorMessages: readonly string[]): Promise<SecretsScan> {
  const signatures = await stack.emulator.admin.signatures();
  const secrets: [name: string, value: string][] = [
    ...PASSWORDS.map((password, index) => [`password ${index + 1}`, password] as [string, string]),
    ...stack.secrets(),
  ];
  const needles = [
    ...secrets.flatMap(([name, value]) => payloadForms(value).map((form) => ({ name, form }))),
    ...signatures.flatMap((value, index) =>
      urlForms(value).map((form) => ({ name: `request signature ${index + 1}`, form })),
    ),
  ].map(({ name, form }) => ({ name, form: Buffer.from(form) }));
  const found: string[] = [];
  // Names what was found where, never the value.
  const scan = (where: string, bytes: Buffer) => {
    for (const { name, form } of needles) if (bytes.includes(form)) found.push(`${name} in ${where}`);
  };

  let histories = 0;
  let historyBytes = 0;
  for await (const execution of stack.client.workflow.list()) {
    const history = await stack.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    histories++;
    historyBytes += bytes.length;
    scan(`history of ${execution.workflowId}`, bytes);
  }
  const logs = Buffer.from(stack.logs());
  scan('process output', logs);
  errorMessages.forEach((message, index) => scan(`error message ${index + 1}`, Buffer.from(message)));
  return {
    secrets: secrets.length + signatures.length,
    signatures: signatures.length,
    histories,
    historyBytes,
    logBytes: logs.length,
    errorMessages: errorMessages.length,
    found,
  };
}
