/**
 * How `--wait` shows a job while it runs: on a terminal, one live line (a spinner with the step,
 * elapsed time, resource ids and retries); in a pipe or CI log, one plain line per change of step;
 * with --json, nothing until the outcome.
 */
import type { Progress } from '../workflows/progress';

/** What one look at a running job found. */
export interface JobSnapshot {
  progress: Progress;
  /** Attempt of the step in flight (1 on its first try). */
  attempt?: number;
}

/**
 * Shows one or several running jobs, each under a label ('' when there is only one). `update` gets
 * the latest snapshot of every job seen so far.
 */
export interface ProgressView {
  update(snapshots: ReadonlyMap<string, JobSnapshot>): void;
  /** Ends the view with the outcome's line. */
  end(ok: boolean, line: string): void;
}

function resourcesText(progress: Progress): string {
  return Object.entries(progress.resources)
    .map(([name, id]) => `${name}=${id}`)
    .join(' ');
}

/** `[12s] wait Running  InstanceId=i-...  attempts=3 last error Throttling.User`: one line per step. */
export function describeProgress(progress: Progress): string {
  const resources = resourcesText(progress);
  const error = progress.lastError ? ` last error ${progress.lastError.code}` : '';
  return `[${Math.round(progress.elapsedMs / 1000)}s] ${progress.step}${resources ? `  ${resources}` : ''}  attempts=${progress.attempts}${error}`;
}

/** The live line: `CreateInstance · 12s · InstanceId=i-... · retry 2 (Throttling.User)`. */
export function liveLine({ progress, attempt }: JobSnapshot): string {
  const parts = [progress.step, `${Math.round(progress.elapsedMs / 1000)}s`];
  const resources = resourcesText(progress);
  if (resources) parts.push(resources);
  if (attempt !== undefined && attempt > 1) {
    parts.push(`retry ${attempt - 1}${progress.lastError ? ` (${progress.lastError.code})` : ''}`);
  } else if (progress.lastError) {
    parts.push(`last error ${progress.lastError.code}`);
  }
  return parts.join(' · ');
}

const labelled = (label: string, text: string, brackets: boolean) =>
  label === '' ? text : brackets ? `[${label}] ${text}` : `${label}: ${text}`;

function plainLines(): ProgressView {
  const last = new Map<string, string>();
  return {
    update(snapshots) {
      for (const [label, { progress }] of snapshots) {
        const key = `${progress.step} ${JSON.stringify(progress.resources)} ${progress.lastError?.code ?? ''}`;
        if (key !== last.get(label)) console.log(labelled(label, describeProgress(progress), true));
        last.set(label, key);
      }
    },
    end: (_ok, line) => console.log(line),
  };
}

async function spinner(): Promise<ProgressView> {
  // ora is an ES module; this file is compiled to CommonJS, so it is loaded with import().
  const { default: ora } = await import('ora');
  // stdin stays as it is, so Ctrl-C keeps reaching the process as SIGINT.
  const line = ora({ text: 'starting', discardStdin: false }).start();
  return {
    update(snapshots) {
      line.text = [...snapshots].map(([label, snapshot]) => labelled(label, liveLine(snapshot), false)).join('\n');
    },
    end: (ok, text) => void (ok ? line.succeed(text) : line.fail(text)),
  };
}

const silent: ProgressView = { update: () => undefined, end: () => undefined };

/** The view for this output: JSON, a terminal, or anything else. */
export function progressView(options: { json?: boolean }): Promise<ProgressView> {
  if (options.json) return Promise.resolve(silent);
  return interactive() ? spinner() : Promise.resolve(plainLines());
}

/**
 * Whether a live line can be kept in place: a terminal that reports its width (some CI
 * pseudo-terminals report none), is not `dumb`, and is not a CI runner's log (which keeps every
 * redraw; ora itself would then print only the first and last lines, losing the steps between).
 */
function interactive(): boolean {
  return (
    process.stdout.isTTY && process.stdout.columns > 0 && process.env.TERM !== 'dumb' && process.env.CI === undefined
  );
}
