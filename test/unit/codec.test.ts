import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec } from '../../src/secrets/codec';
import { startCodecServer } from '../../src/secrets/codec-server';
import { parseKeys } from '../../src/secrets/keys';

const OLD = Buffer.alloc(32, 1).toString('base64');
const NEW = Buffer.alloc(32, 2).toString('base64');

describe('payload encryption', () => {
  const payload = defaultPayloadConverter.toPayload({ Password: 'Sup3r!Secret-Pw' });

  it('seals with the active key and opens payloads sealed by any configured key (rotation)', async () => {
    const before = new EncryptionCodec(parseKeys(`old=${OLD}`));
    const after = new EncryptionCodec(parseKeys(`new=${NEW},old=${OLD}`));

    const [sealedBefore] = await before.encode([payload]);
    const [sealedAfter] = await after.encode([payload]);

    expect(Buffer.from(sealedBefore!.data!).includes(Buffer.from('Sup3r'))).toBe(false);
    expect(Buffer.from(sealedAfter!.metadata!['encryption-key-id']!).toString()).toBe('new');
    expect(defaultPayloadConverter.fromPayload((await after.decode([sealedBefore!]))[0]!)).toEqual({
      Password: 'Sup3r!Secret-Pw',
    });
    await expect(before.decode([sealedAfter!])).rejects.toThrow(
      'a payload was sealed with key "new", which is not configured',
    );
  });

  it('passes payloads written before encryption through unchanged', async () => {
    const codec = new EncryptionCodec(parseKeys(`k=${NEW}`));

    expect(await codec.decode([payload])).toEqual([payload]);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new EncryptionCodec(parseKeys(`short=${Buffer.alloc(16).toString('base64')}`))).toThrow(
      'payload key "short" must be 32 bytes (AES-256), got 16',
    );
  });

  it('serves /encode and /decode to the Web UI, with CORS for its origin', async () => {
    const server = await startCodecServer(parseKeys(`k=${NEW}`), { port: 0, corsOrigin: 'http://localhost:8233' });
    const json = {
      metadata: { encoding: Buffer.from('json/plain').toString('base64') },
      data: Buffer.from('{"a":1}').toString('base64'),
    };
    const post = async (path: string, payloads: unknown[]) => {
      const response = await fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify({ payloads }) });
      return {
        cors: response.headers.get('access-control-allow-origin'),
        body: (await response.json()) as { payloads: unknown[] },
      };
    };

    const encoded = await post('/encode', [json]);
    const decoded = await post('/decode', encoded.body.payloads);
    await server.close();

    expect(encoded.cors).toBe('http://localhost:8233');
    expect(encoded.body.payloads).not.toEqual([json]);
    expect(decoded.body.payloads).toEqual([json]);
  });
});
