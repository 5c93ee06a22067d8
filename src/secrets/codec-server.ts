/**
 * A codec server for the Temporal Web UI and CLI: POST /encode and /decode with
 * `{"payloads": [{"metadata": {"k": base64}, "data": base64}]}`, so people with the key can read
 * encrypted inputs and results in the UI, and nobody else can.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec, type CodecKeys } from './codec';

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const fromJson = (payload: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(payload.data ?? '', 'base64'),
});

const toJson = (payload: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value ?? new Uint8Array()).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});

async function readJson(request: IncomingMessage): Promise<{ payloads?: JsonPayload[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { payloads?: JsonPayload[] };
}

export interface CodecServer {
  url: string;
  close(): Promise<void>;
}

export async function startCodecServer(
  keys: CodecKeys,
  options: { port: number; host?: string; corsOrigin?: string },
): Promise<CodecServer> {
  const codec = new EncryptionCodec(keys);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (options.corsOrigin) {
      response.setHeader('access-control-allow-origin', options.corsOrigin);
      response.setHeader('access-control-allow-methods', 'POST, OPTIONS');
      response.setHeader('access-control-allow-headers', 'content-type, x-namespace, authorization');
      response.setHeader('access-control-allow-credentials', 'true');
    }
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    const route = request.url?.split('?')[0];
    if (request.method !== 'POST' || (route !== '/encode' && route !== '/decode')) {
      return void response.writeHead(404).end();
    }
    const payloads = ((await readJson(request)).payloads ?? []).map(fromJson);
    const result = route === '/encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ payloads: result.map(toJson) }));
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' }).end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
