import { request, type ClientRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { MAX_BODY_BYTES, startCodecServer, type CodecServer } from '../../src/secrets/codec-server';
import { parseKeys } from '../../src/secrets/keys';

const KEYS = parseKeys(`k=${Buffer.alloc(32, 7).toString('base64')}`);
const TOKEN = 'codec-server-test-token-0123';
const PLAIN = {
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from('{"Password":"Sup3r!Secret-Pw"}').toString('base64'),
};

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Call {
  method?: string;
  path?: string;
  headers?: OutgoingHttpHeaders;
  body?: string;
}

/**
 * One request over real HTTP on a fresh connection, through node:http so that Host and framing are
 * ours to set; `write` sends the body (by default: all of it, then the end).
 */
function send(
  server: Pick<CodecServer, 'url'>,
  { method = 'POST', path = '/decode', headers = {}, body }: Call,
  write: (outgoing: ClientRequest) => void = (outgoing) => outgoing.end(body),
): Promise<Reply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method, path, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        outgoing.destroy(); // stops a body the server refused early
        resolve({ status: response.statusCode!, headers: response.headers, body: text });
      });
    });
    outgoing.setTimeout(10_000, () => outgoing.destroy(new Error('no answer within 10 s')));
    outgoing.on('error', reject);
    write(outgoing);
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const payloadsOf = (reply: Reply) => (JSON.parse(reply.body) as { payloads: unknown[] }).payloads;
const errorOf = (reply: Reply) => (JSON.parse(reply.body) as { error: string }).error;

describe('codec server', () => {
  let open: CodecServer;
  let guarded: CodecServer;

  beforeAll(async () => {
    open = await startCodecServer(KEYS, { port: 0 });
    guarded = await startCodecServer(KEYS, { port: 0, token: TOKEN, corsOrigin: 'http://localhost:8233' });
  });

  afterAll(async () => {
    await Promise.all([open.close(), guarded.close()]);
  });

  describe('with a bearer token configured', () => {
    it('refuses /encode and /decode without the token: 401 and WWW-Authenticate: Bearer', async () => {
      for (const path of ['/encode', '/decode']) {
        const reply = await send(guarded, { path, body: JSON.stringify({ payloads: [PLAIN] }) });

        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toBe('Bearer');
        expect(errorOf(reply)).toBe('a valid "Authorization: Bearer <token>" header is required');
      }
    });

    it('refuses a wrong token, of the same length or another, and another scheme', async () => {
      const wrong = [
        bearer(TOKEN.replace(/.$/, 'X')),
        bearer(`${TOKEN}4`),
        bearer(''),
        { authorization: `Basic ${TOKEN}` },
      ];
      for (const headers of wrong) {
        const reply = await send(guarded, { path: '/encode', headers, body: JSON.stringify({ payloads: [PLAIN] }) });

        expect([headers.authorization, reply.status]).toEqual([headers.authorization, 401]);
      }
    });

    it('with the right token, encodes a payload and decodes it back to what was sent', async () => {
      const encoded = await send(guarded, {
        path: '/encode',
        headers: bearer(TOKEN),
        body: JSON.stringify({ payloads: [PLAIN] }),
      });
      const decoded = await send(guarded, {
        path: '/decode',
        headers: bearer(TOKEN),
        body: JSON.stringify({ payloads: payloadsOf(encoded) }),
      });

      expect(encoded.status).toBe(200);
      expect(payloadsOf(encoded)).toEqual([
        {
          metadata: {
            encoding: Buffer.from('binary/encrypted').toString('base64'),
            'encryption-key-id': Buffer.from('k').toString('base64'),
          },
          data: expect.any(String) as unknown,
        },
      ]);
      expect(decoded.status).toBe(200);
      expect(payloadsOf(decoded)).toEqual([PLAIN]);
    });

    it('answers a CORS preflight without the token, as browsers send it without credentials', async () => {
      const reply = await send(guarded, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:8233',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });

      expect(reply.status).toBe(204);
      expect(reply.headers['access-control-allow-origin']).toBe('http://localhost:8233');
      expect(reply.headers['access-control-allow-headers']).toBe('content-type, x-namespace, authorization');
    });
  });

  describe('listening on loopback', () => {
    it('refuses a request whose Host names another host (DNS rebinding) with 403', async () => {
      for (const host of ['evil.example:8888', 'localhost.evil.example', '127.0.0.1.nip.io:8888']) {
        const reply = await send(open, { headers: { host }, body: JSON.stringify({ payloads: [] }) });

        expect([host, reply.status, errorOf(reply)]).toEqual([
          host,
          403,
          'the Host header must name a loopback host (127.0.0.1, localhost or [::1])',
        ]);
      }
    });

    it('serves a Host of localhost:<port> or 127.0.0.1:<port>', async () => {
      const { port } = new URL(open.url);
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
        const reply = await send(open, { headers: { host }, body: JSON.stringify({ payloads: [PLAIN] }) });

        expect([host, reply.status, payloadsOf(reply)]).toEqual([host, 200, [PLAIN]]);
      }
    });

    it('off loopback with a token, does not check Host (a proxy or a DNS name fronts it)', async () => {
      const anyAddress = await startCodecServer(KEYS, { port: 0, host: '0.0.0.0', token: TOKEN });
      const { port } = new URL(anyAddress.url);
      const reply = await send(
        { url: `http://127.0.0.1:${port}` },
        {
          headers: { host: 'codec.example.com', ...bearer(TOKEN) },
          body: JSON.stringify({ payloads: [PLAIN] }),
        },
      );
      await anyAddress.close();

      expect(reply.status).toBe(200);
      expect(payloadsOf(reply)).toEqual([PLAIN]);
    });

    it('off loopback without a token, still serves only a loopback Host (a port published on the host’s loopback)', async () => {
      const anyAddress = await startCodecServer(KEYS, { port: 0, host: '0.0.0.0' });
      const { port } = new URL(anyAddress.url);
      const body = JSON.stringify({ payloads: [PLAIN] });
      const rebound = await send({ url: `http://127.0.0.1:${port}` }, { headers: { host: 'evil.example' }, body });
      const local = await send({ url: `http://127.0.0.1:${port}` }, { headers: { host: `localhost:${port}` }, body });
      await anyAddress.close();

      expect([rebound.status, errorOf(rebound)]).toEqual([
        403,
        'the Host header must name a loopback host (127.0.0.1, localhost or [::1])',
      ]);
      expect([local.status, payloadsOf(local)]).toEqual([200, [PLAIN]]);
    });
  });

  describe('the request body', () => {
    const tooLarge = `the body is larger than ${MAX_BODY_BYTES} bytes`;

    it('refuses a Content-Length over the limit with 413 before any of the body arrives', async () => {
      // Headers only, and the body never comes: only a server that checks Content-Length first answers.
      const reply = await send(open, { headers: { 'content-length': MAX_BODY_BYTES + 1 } }, (outgoing) =>
        outgoing.flushHeaders(),
      );

      expect(reply.status).toBe(413);
      expect(errorOf(reply)).toBe(tooLarge);
    });

    it('refuses a chunked body with 413 as soon as it grows past the limit, before it ends', async () => {
      // One byte past the limit, and the body never ends: a server that reads bodies whole never
      // answers (the call times out). Nothing more is sent, so the server has read all there is when
      // it closes: a client still writing then could be reset before it reads the answer.
      const reply = await send(open, {}, (outgoing) => outgoing.write(Buffer.alloc(MAX_BODY_BYTES + 1, ' ')));

      expect(reply.status).toBe(413);
      expect(errorOf(reply)).toBe(tooLarge);
    });

    it('accepts a body of exactly the limit', async () => {
      const body = JSON.stringify({ payloads: [PLAIN] }).padEnd(MAX_BODY_BYTES, ' ');

      const reply = await send(open, { body });

      expect(reply.status).toBe(200);
      expect(payloadsOf(reply)).toEqual([PLAIN]);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const reply = await send(open, { body: '{"payloads": [' });

      expect(reply.status).toBe(400);
      expect(errorOf(reply)).toBe('the body is not valid JSON');
    });

    it('refuses JSON that is not {"payloads": [...]} of string fields with 400, naming the field', async () => {
      const cases: [unknown, string][] = [
        [{}, 'payloads: Invalid input: expected array, received undefined'],
        [{ payloads: 'x' }, 'payloads: Invalid input: expected array, received string'],
        [{ payloads: [{ data: 1 }] }, 'payloads.0.data: Invalid input: expected string, received number'],
        [
          { payloads: [{ metadata: { encoding: null } }] },
          'payloads.0.metadata.encoding: Invalid input: expected string, received null',
        ],
        [[], 'body: Invalid input: expected object, received array'],
      ];
      for (const [json, issue] of cases) {
        const reply = await send(open, { body: JSON.stringify(json) });

        expect([json, reply.status, errorOf(reply)]).toEqual([
          json,
          400,
          `the body must be {"payloads": [{"metadata": {...}, "data": "..."}]}: ${issue}`,
        ]);
      }
    });

    it('refuses a payload sealed with a key it does not hold with 400, saying so', async () => {
      const sealed = {
        metadata: {
          encoding: Buffer.from('binary/encrypted').toString('base64'),
          'encryption-key-id': Buffer.from('gone').toString('base64'),
        },
        data: Buffer.alloc(40).toString('base64'),
      };

      const reply = await send(open, { body: JSON.stringify({ payloads: [sealed] }) });

      expect(reply.status).toBe(400);
      expect(errorOf(reply)).toBe('cannot decode: a payload was sealed with key "gone", which is not configured');
    });
  });
});
