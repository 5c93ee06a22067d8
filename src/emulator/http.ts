/** The HTTP plumbing the API and the admin API share: bounded bodies, request targets, answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The largest body read. A request's parameters are bounded far lower (src/schemas/limits.ts: 128 Ki
 * characters, which percent-encoding may triple); anything larger is refused before it is read.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Thrown while reading a body that is larger than MAX_BODY_BYTES. */
export class BodyTooLarge extends Error {}

/** The body, or BodyTooLarge as soon as it is known to be too large (before reading it all). */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else {
        request.removeAllListeners('data');
        request.pause();
        reject(new BodyTooLarge());
      }
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A request target's path (as sent, still percent-encoded) and query. */
export interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

/** Split by hand: `new URL` throws on targets such as `//?`, which anyone may send. */
export function targetOf(url = '/'): Target {
  const mark = url.indexOf('?');
  if (mark < 0) return { pathname: url, searchParams: new URLSearchParams() };
  return { pathname: url.slice(0, mark), searchParams: new URLSearchParams(url.slice(mark + 1)) };
}

/** The query's parameters (the last value of a name wins), in a record without a prototype. */
export function queryOf(target: Target): Record<string, string> {
  const query = Object.create(null) as Record<string, string>;
  for (const [name, value] of target.searchParams) query[name] = value;
  return query;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, requestId?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(requestId ? { 'x-acs-request-id': requestId } : {}),
  });
  response.end(text);
}

export function sendHtml503(response: ServerResponse): void {
  const html = '<html><head><title>503 Service Temporarily Unavailable</title></head><body>503</body></html>';
  response.writeHead(503, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(html) });
  response.end(html);
}
