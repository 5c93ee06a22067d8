/**
 * Payload encryption, so that passwords in workflow inputs (ECS and Kafka `Password`) are never
 * stored in Temporal history in plain text. AES-256-GCM; each payload names the key that sealed it,
 * so keys can rotate: new payloads use the active key, old ones still open with theirs.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CodecKeys {
  /** The key new payloads are sealed with. */
  activeKeyId: string;
  /** Every key that may have sealed a payload: id → 32 bytes. */
  keys: ReadonlyMap<string, Buffer>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: CodecKeys) {
    const active = keys.keys.get(keys.activeKeyId);
    if (!active) throw new Error(`the active payload key "${keys.activeKeyId}" is not among the configured keys`);
    for (const [id, key] of keys.keys) {
      if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes (AES-256), got ${key.length}`);
    }
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    // The executor turns a thrown error into a rejection, as callers of a codec expect.
    return new Promise((resolve) =>
      resolve(
        payloads.map((payload) => {
          const iv = randomBytes(IV_BYTES);
          const cipher = createCipheriv('aes-256-gcm', this.keys.keys.get(this.keys.activeKeyId)!, iv);
          const plain = temporal.api.common.v1.Payload.encode(payload).finish();
          const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
          return {
            metadata: { encoding: encoder.encode(ENCODING), [KEY_ID]: encoder.encode(this.keys.activeKeyId) },
            data: sealed,
          };
        }),
      ),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) =>
      resolve(
        payloads.map((payload) => {
          // Payloads written before encryption was turned on pass through as they are.
          if (!payload.metadata || decoder.decode(payload.metadata.encoding ?? new Uint8Array()) !== ENCODING)
            return payload;
          const keyId = decoder.decode(payload.metadata[KEY_ID] ?? new Uint8Array());
          const key = this.keys.keys.get(keyId);
          if (!key) throw new Error(`a payload was sealed with key "${keyId}", which is not configured`);
          const data = Buffer.from(payload.data ?? new Uint8Array());
          const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
          decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
          const plain = Buffer.concat([
            decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
            decipher.final(),
          ]);
          return temporal.api.common.v1.Payload.decode(plain);
        }),
      ),
    );
  }
}
