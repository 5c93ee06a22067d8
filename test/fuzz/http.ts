/**
 * The emulator in this process, over real HTTP: random requests, signed with its key or not, and after
 * them a normal signed read.
 */
import { request as httpRequest, validateHeaderName, validateHeaderValue } from 'node:http';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { VALIDATED_ACTIONS } from '../../src/actions';
import { PRODUCTS as PRODUCT_TABLE } from '../../src/actions';
import type { AccessKey } from '../../src/emulator/signature';
import { expectSharedUnchanged, snapshotShared, thrown } from './checks';
import {
  ACTIONS,
  CALL_PARAMS,
  CONTENT_TYPES,
  HEADER_NAMES,
  PRODUCTS,
  SIGNING_PARAMS,
  acs3Headers,
  authorization,
  body,
  paramName,
  paramValue,
  signedWith,
  someOf,
  v1Query,
} from './emulator';
import { describeInput, labelled, preview, wellFormed, type Labelled } from './labels';
import { mutatedRequest, oddString, wireText } from './requests';
import type { FuzzProperty, FuzzTargets } from './targets';

/** One request over HTTP: signed with the emulator's key at the time it is sent, or sent as it is. */
type HttpCase =
  | {
      kind: 'signed';
      method: 'GET' | 'POST';
      params: [string, string][];
      wrongSecret: boolean;
      /** Minutes off the clock: the emulator refuses more than 15. */
      skewMinutes: number;
    }
  | { kind: 'raw'; method: string; path: string; headers: [string, string][]; body: Buffer };

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'X-FUZZ'];
/** Request targets a server must survive: absolute forms with bad hosts and ports, '*', stray percent signs. */
const ODD_TARGETS = [
  '*',
  '//',
  '///',
  '//[',
  '//a:b',
  '//x:99999',
  'http://[',
  'http://a:b/',
  '/?%',
  '/%zz',
  '/?a=%ED%A0%80',
];

const httpCase: fc.Arbitrary<Labelled<HttpCase>> = fc.oneof(
  fc
    .record({
      request: fc
        .constantFrom(...VALIDATED_ACTIONS)
        .chain((action) => mutatedRequest(action).map((request) => ({ action, request }))),
      read: fc.tuple(fc.constantFrom(...PRODUCTS), fc.constantFrom(...ACTIONS)),
      which: fc.constantFrom('validated', 'any'),
      extra: fc.array(fc.tuple(paramName, paramValue.map(wellFormed)), { maxLength: 4 }),
      method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
      // Mostly right, so that most signed requests reach the actions.
      wrongSecret: fc.oneof({ arbitrary: fc.constant(false), weight: 7 }, { arbitrary: fc.constant(true), weight: 1 }),
      skewMinutes: fc.oneof(
        { arbitrary: fc.constant(0), weight: 7 },
        { arbitrary: fc.constantFrom(-20, 20), weight: 1 },
      ),
    })
    .map(({ request: { action, request }, read, which, extra, method, wrongSecret, skewMinutes }) => {
      const [product, name] = action.split(':') as [string, string];
      const version = PRODUCTS.find((api) => api.name === product)!.version;
      const call: [string, string][] =
        which === 'validated'
          ? [
              ['Action', name],
              ['Version', version],
            ]
          : [
              ['Action', read[1]],
              ['Version', read[0].version],
            ];
      const apiParams =
        which === 'validated'
          ? Object.entries(request.value as object).map(([key, value]): [string, string] => [
              wellFormed(key),
              wellFormed(wireText(value)),
            ])
          : extra;
      const params = [
        ...apiParams.filter(([key]) => !SIGNING_PARAMS.includes(key) && !CALL_PARAMS.includes(key)),
        ...call,
      ];
      const how = [wrongSecret ? 'the wrong secret' : '', skewMinutes ? `${skewMinutes} min off` : ''].filter(Boolean);
      const what = which === 'validated' ? request.label : preview(extra, 60);
      const label = `signed ${method} ${call[0]![1]}${how.length > 0 ? ` (${how.join(', ')})` : ''}: ${what}`;
      return labelled<HttpCase>(label, { kind: 'signed', method, params, wrongSecret, skewMinutes });
    }),
  fc
    .record({
      method: fc.constantFrom(...HTTP_METHODS),
      path: fc.oneof(
        { arbitrary: fc.constant('/'), weight: 3 },
        { arbitrary: fc.webPath(), weight: 2 },
        { arbitrary: fc.constantFrom(...ODD_TARGETS), weight: 1 },
        { arbitrary: fc.constantFrom('/__admin/state', '/__admin/signatures', '/__admin/nothing'), weight: 1 },
      ),
      query: fc.oneof(
        v1Query.map((query) => Object.entries(query)),
        fc.array(fc.tuple(paramName, paramValue), { maxLength: 4 }),
      ),
      shape: fc.constantFrom('other', 'acs3'),
      acs3: acs3Headers,
      headers: fc.array(fc.tuple(fc.constantFrom(...HEADER_NAMES), fc.oneof(authorization, oddString)), {
        maxLength: 4,
      }),
      contentType: someOf(fc.constantFrom(...CONTENT_TYPES)),
      body,
    })
    .map(({ method, path, query, shape, acs3, headers, contentType, body }) => {
      const search = new URLSearchParams(query);
      const target = path.startsWith('/__admin/')
        ? path
        : `${path}${path.includes('?') ? '&' : '?'}${search.toString()}`;
      const all: [string, string][] = [...(shape === 'acs3' ? acs3 : []), ...headers];
      if (contentType !== undefined) all.push(['content-type', contentType]);
      // The admin API changes state only for a JSON body: these requests read it, and never change it.
      const safe = path.startsWith('/__admin/') ? 'GET' : method;
      const kind = shape === 'acs3' ? 'ACS3 in shape' : 'unsigned';
      const label = `${safe} ${preview(target, 50)} (${kind}, ${body.length} bytes)`;
      return labelled<HttpCase>(label, { kind: 'raw', method: safe, path: target, headers: all, body });
    }),
);

/**
 * Hears an exception nothing caught (the emulator's request listener throwing) instead of the process
 * ending on it. The capture callback reaches the real process under jest too, where a listener on its
 * sandboxed `process` would not; one may be set at a time, so a listener is the fallback.
 */
function hearCrashes(onCrash: (error: unknown) => void): () => void {
  try {
    process.setUncaughtExceptionCaptureCallback(onCrash);
    return () => process.setUncaughtExceptionCaptureCallback(null);
  } catch {
    process.on('uncaughtException', onCrash);
    return () => process.off('uncaughtException', onCrash);
  }
}

/** Only what Node's client can send: a path of printable characters, valid header names and values. */
function sendable(path: string): string {
  return path.replace(/[^\u0021-\u00ff]/g, (character) => encodeURIComponent(wellFormed(character)));
}
function isSendableHeader([name, value]: [string, string]): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return name !== 'content-length' && name !== 'host' && name !== 'transfer-encoding';
  } catch {
    return false;
  }
}

interface HttpAnswer {
  status: number;
  text: string;
}

/** A signed v1 call to the emulator: its key, a fresh nonce and the time now. */
function signedCall(
  key: AccessKey,
  method: 'GET' | 'POST',
  params: [string, string][],
  nonce: string,
  skewMinutes = 0,
): { path: string; method: string; headers: [string, string][]; body: Buffer } {
  const common: [string, string][] = [
    ['Format', 'JSON'],
    ['AccessKeyId', key.accessKeyId],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureVersion', '1.0'],
    ['SignatureNonce', nonce],
    ['Timestamp', new Date(Date.now() + skewMinutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')],
  ];
  const signed = new URLSearchParams(signedWith([...params, ...common], method, key.accessKeySecret)).toString();
  return method === 'GET'
    ? { path: `/?${signed}`, method, headers: [], body: Buffer.alloc(0) }
    : {
        path: '/',
        method,
        headers: [['content-type', 'application/x-www-form-urlencoded']],
        body: Buffer.from(signed),
      };
}

/**
 * The emulator, in this process, over real HTTP: a few random requests, signed and not, each answered
 * below 500 on an open connection, and then a normal signed read answered 200.
 */
export function httpProperty(targets: FuzzTargets): FuzzProperty {
  return {
    id: 'emulator over HTTP',
    title:
      'the emulator answers any request, signed or not, below 500 on an open connection, then a signed read with 200',
    runs: { test: 30, quick: 100, campaign: 2_000 },
    async open(timed) {
      const emulator = await targets.startEmulator({ port: 0, timeScale: 0.0001 });
      const url = new URL(emulator.endpoint);
      let sent = 0;
      // A throw in the server's request listener is not this request's error: it is the process's.
      const crashes: unknown[] = [];
      const aborts = new Set<(error: Error) => void>();
      const onCrash = (error: unknown) => {
        crashes.push(error);
        for (const abort of aborts) abort(new Error(`the emulator crashed the process: ${thrown(error)}`));
      };
      const stopListening = hearCrashes(onCrash);

      const send = (method: string, path: string, headers: [string, string][], payload: Buffer) =>
        new Promise<HttpAnswer>((resolve, reject) => {
          const abort = (error: Error) => {
            outgoing.destroy();
            reject(error);
          };
          const outgoing = httpRequest(
            {
              host: url.hostname,
              port: url.port,
              method,
              path: sendable(path),
              headers: Object.fromEntries([
                ...headers.filter(isSendableHeader),
                ['content-length', String(payload.length)],
              ]),
              agent: false,
              timeout: 5_000,
            },
            (response) => {
              const chunks: Buffer[] = [];
              response.on('data', (chunk: Buffer) => chunks.push(chunk));
              response.on('end', () => {
                aborts.delete(abort);
                resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
              });
              response.on('error', abort);
            },
          );
          aborts.add(abort);
          outgoing.on('timeout', () => abort(new Error('no answer within 5 s')));
          outgoing.on('error', (error) => {
            aborts.delete(abort);
            reject(new Error(`the connection failed: ${error.message}`));
          });
          outgoing.end(payload);
        });

      const property = fc.asyncProperty(fc.array(httpCase, { minLength: 1, maxLength: 4 }), async (cases) => {
        crashes.length = 0;
        const before = snapshotShared();
        const start = performance.now();
        for (const { label, value: item } of cases) {
          const call =
            item.kind === 'raw'
              ? item
              : signedCall(
                  item.wrongSecret ? { ...emulator.accessKey, accessKeySecret: 'not-the-secret' } : emulator.accessKey,
                  item.method,
                  item.params,
                  `fuzz-${++sent}`,
                  item.skewMinutes,
                );
          let answer: HttpAnswer;
          try {
            answer = await send(call.method, call.path, call.headers, call.body);
          } catch (error) {
            throw new Error(`${label}: ${error instanceof Error ? error.message : preview(error)}`, {
              cause: error,
            });
          }
          if (answer.status >= 500 || answer.status < 100)
            throw new Error(`${label}: answered ${answer.status} ${preview(answer.text, 300)}`);
        }
        const ms = performance.now() - start;
        const read = signedCall(
          emulator.accessKey,
          'GET',
          [
            ['Action', 'DescribeInstanceStatus'],
            ['Version', PRODUCT_TABLE.ecs.version],
            ['RegionId', 'cn-hangzhou'],
          ],
          `fuzz-${++sent}`,
        );
        const answer = await send(read.method, read.path, read.headers, read.body);
        if (answer.status !== 200)
          throw new Error(`the signed read after them answered ${answer.status} ${preview(answer.text, 300)}`);
        if (crashes.length > 0) throw new Error(`the emulator crashed the process: ${thrown(crashes[0])}`);
        expectSharedUnchanged(before, []);
        timed?.(ms / cases.length, { describe: () => describeInput(cases) });
      });
      return {
        property: property as unknown as fc.IRawProperty<[unknown]>,
        close: async () => {
          stopListening();
          await emulator.close();
        },
      };
    },
  };
}
