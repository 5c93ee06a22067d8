/**
 * The emulator itself: signed status reads per second (ECS DescribeInstanceStatus, signature v1,
 * every request with a fresh nonce), with the emulator in its own process so that its core is its own.
 * Baseline in the same run: a bare Node HTTP server, also in its own process, answering a fixed JSON
 * body to the same load: the ratio says how much of the load generator's ceiling the emulator reaches.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { signV1 } from '../src/emulator/signature';
import { DEFAULT_ACCESS_KEY } from '../src/emulator/server';
import { cpuSeconds, median, startBenchEmulator } from './stack';

export interface EmulatorFigures {
  /** Signed reads answered per wall-clock second. */
  readsPerSecond: number;
  /** Reads per second of CPU time the emulator process used: its rate on one core. */
  readsPerCpuSecond: number;
  /** The bare server's answers per second under the same load. */
  baselinePerSecond: number;
  /** The emulator's reads over the bare server's answers, per round: the median. */
  ratio: number;
}

const CONCURRENCY = 32;
const ROUNDS = 3;

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Sends requests from CONCURRENCY loops for `durationMs`; returns how many were answered 200. */
async function load(port: number, body: () => string, durationMs: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const deadline = Date.now() + durationMs;
  let answered = 0;
  const send = () =>
    new Promise<void>((resolve, reject) => {
      const payload = body();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) answered++;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) await send();
    }),
  );
  agent.destroy();
  return answered;
}

function signedStatusRead(): string {
  const params = signV1(
    {
      Action: 'DescribeInstanceStatus',
      Version: '2014-05-26',
      RegionId: 'cn-hangzhou',
      Format: 'JSON',
      AccessKeyId: DEFAULT_ACCESS_KEY.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: randomUUID(),
      Timestamp: timestamp(),
    },
    'POST',
    DEFAULT_ACCESS_KEY.accessKeySecret,
  );
  return new URLSearchParams(params).toString();
}

// The baseline server, in a process of its own like the emulator: it reads the body and answers.
const BARE_SERVER = `
  const answer = JSON.stringify({ RequestId: 'B', InstanceStatuses: { InstanceStatus: [] }, TotalCount: 0 });
  const server = require('node:http').createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  server.listen(0, '127.0.0.1', () => console.log('listening on ' + server.address().port));
  process.once('SIGTERM', () => process.exit(0));
`;

/** The bare server, in a process of its own; `port` once it listens. */
async function startBareServer(): Promise<{ port: number; stop(): void }> {
  const server = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    server.stdout.once('data', (chunk: Buffer) => resolve(Number(/listening on (\d+)/.exec(chunk.toString())?.[1])));
    server.once('exit', () => reject(new Error('the baseline server exited')));
  });
  return { port, stop: () => server.kill('SIGTERM') };
}

/**
 * ROUNDS rounds, each a measurement of the emulator and then of the bare server, so that a change in
 * the machine's speed weighs on both alike; the figures are the medians over the rounds.
 */
export async function benchEmulator(durationMs: number): Promise<EmulatorFigures> {
  const emulator = await startBenchEmulator();
  const bare = await startBareServer().catch(async (error: Error) => {
    await emulator.stop();
    throw error;
  });
  try {
    const port = Number(new URL(emulator.endpoint).port);
    const roundMs = durationMs / ROUNDS;
    // Warm-up: JIT, sockets.
    await load(port, signedStatusRead, 500);
    await load(bare.port, signedStatusRead, 500);
    const rounds: { reads: number; cpuSeconds: number; baseline: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const cpuBefore = cpuSeconds(emulator.process.child.pid);
      const reads = await load(port, signedStatusRead, roundMs);
      const cpuUsed = cpuSeconds(emulator.process.child.pid) - cpuBefore;
      rounds.push({ reads, cpuSeconds: cpuUsed, baseline: await load(bare.port, signedStatusRead, roundMs) });
    }
    const perSecond = (answered: number) => answered / (roundMs / 1000);
    return {
      readsPerSecond: median(rounds.map((round) => perSecond(round.reads))),
      readsPerCpuSecond: median(rounds.map((round) => round.reads / round.cpuSeconds)),
      baselinePerSecond: median(rounds.map((round) => perSecond(round.baseline))),
      ratio: median(rounds.map((round) => round.reads / round.baseline)),
    };
  } finally {
    bare.stop();
    await emulator.stop();
  }
}
