/**
 * 7. Secrets: after the other scenarios, no password, AccessKey secret, security token, payload key
 * or request signature may appear in any workflow history (the server's raw bytes), any line a
 * process printed, or any error message a client was shown. Each value is looked for as it is, in
 * base64 and URL-encoded.
 */
import { temporal } from '@temporalio/proto';
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

const forms = (secret: string) => [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];

export async function scanForSecrets(stack: ChaosStack, errorMessages: readonly string[]): Promise<SecretsScan> {
  const signatures = await stack.emulator.admin.signatures();
  const secrets = [...PASSWORDS, ...stack.secrets(), ...signatures];
  const needles = secrets.flatMap((secret) => forms(secret).map((form) => ({ secret, form: Buffer.from(form) })));
  const found: string[] = [];
  const scan = (where: string, bytes: Buffer) => {
    for (const { secret, form } of needles) {
      if (bytes.includes(form)) found.push(`${where}: ${secret.slice(0, 3)}… (${secret.length} characters)`);
    }
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
    secrets: secrets.length,
    signatures: signatures.length,
    histories,
    historyBytes,
    logBytes: logs.length,
    errorMessages: errorMessages.length,
    found,
  };
}
