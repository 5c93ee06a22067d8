/**
 * Logs and metrics of a worker process, through the Temporal runtime: human-readable or JSON log
 * lines, a Prometheus endpoint (the SDK's own metrics, and Alibaba Cloud API calls by action and
 * code), and one log line per Alibaba Cloud call with its action, RequestId, code and latency. Nothing
 * here ever sees a credential: a call record carries none.
 */
import { DefaultLogger, Runtime, type LogEntry, type LogLevel } from '@temporalio/worker';
import type { CallRecord } from './alicloud/client';

export interface ObservabilitySettings {
  logLevel: LogLevel;
  logFormat: 'text' | 'json';
  /** `host:port` of the Prometheus endpoint; none when undefined. */
  metricsAddress: string | undefined;
}

function jsonLine(entry: LogEntry): void {
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  console.error(JSON.stringify({ time, level: entry.level, message: entry.message, ...entry.meta }));
}

function textLine(entry: LogEntry): void {
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta = entry.meta && Object.keys(entry.meta).length ? ` ${JSON.stringify(entry.meta)}` : '';
  console.error(`${time} [${entry.level}] ${entry.message}${meta}`);
}

/**
 * The activity-only workers of the rate-limited task queues register no workflows by design; the
 * SDK's warning about it would greet every start with two false alarms.
 */
function expected(entry: LogEntry): boolean {
  return entry.message.startsWith('No workflows registered') && String(entry.meta?.taskQueue).includes('@');
}

/** Installs the runtime, before the first connection of the process. */
export function installRuntime(settings: ObservabilitySettings): void {
  const write = settings.logFormat === 'json' ? jsonLine : textLine;
  Runtime.install({
    logger: new DefaultLogger(settings.logLevel, (entry) => expected(entry) || write(entry)),
    telemetryOptions: settings.metricsAddress
      ? { metrics: { prometheus: { bindAddress: settings.metricsAddress } } }
      : {},
  });
}

/** A call observer for AlibabaCloud's `onCall`: a log line and a counter per call. */
export function observeCalls(): (record: CallRecord) => void {
  const runtime = Runtime.instance();
  const calls = runtime.metricMeter.createCounter(
    'alicloud_api_calls',
    'calls',
    'Alibaba Cloud API calls by action and code',
  );
  const latency = runtime.metricMeter.createHistogram(
    'alicloud_api_latency',
    'int',
    'ms',
    'Alibaba Cloud API call latency',
  );
  return (record) => {
    const tags = { product: record.product, action: record.action, code: record.code };
    calls.add(1, tags);
    latency.record(record.latencyMs, tags);
    runtime.logger.info('Alibaba Cloud call', { ...record });
  };
}
