/**
 * `alicloud-provisioner errors [CODE]`: the error catalog, or what one code means, its retry class
 * and what the workflows do about it.
 */
import { ERROR_CODES, lookupErrorCode, retryClassOf, type ErrorCodeEntry } from '../alicloud/error-codes';
import { TRANSPORT_FAILURES, type FailureClass } from '../alicloud/errors';

/** What the workflows do with a failure of each class. */
export const WHAT_THE_WORKFLOWS_DO: Readonly<Record<FailureClass, string>> = {
  throttled:
    'retried once the rate limit window has passed, spread by the share of calls throttled; throttling alone never fails a job',
  transient: 'retried with exponential backoff',
  ambiguous:
    'the resource is looked up first (by ClientToken, tag or ExpiredTime) and the call repeated only if it did not take effect',
  terminal: 'fails the workflow at once with the code, the message and the RequestId; nothing is retried',
};

export interface ErrorDescription {
  code: string;
  catalogued: boolean;
  httpStatus: number | undefined;
  retryClass: FailureClass;
  /** The documents that list it, or `transport` for failures this project names. */
  sources: readonly string[];
  meaning: string;
  whatTheWorkflowsDo: string;
}

function describeEntry(entry: ErrorCodeEntry, asked = entry.code): ErrorDescription {
  return {
    code: asked,
    catalogued: true,
    httpStatus: entry.httpStatus,
    retryClass: entry.retryClass,
    sources: entry.sources,
    meaning: entry.meaning ?? `${entry.code}: ${entry.retryClass} (no further description in the catalog)`,
    whatTheWorkflowsDo: WHAT_THE_WORKFLOWS_DO[entry.retryClass],
  };
}

/** Every catalogued code: the API documents' codes, then this project's transport failures. */
export function errorCatalog(): ErrorDescription[] {
  const transport = Object.values(TRANSPORT_FAILURES).map(
    (failure): ErrorDescription => ({
      code: failure.code,
      catalogued: true,
      httpStatus: undefined,
      retryClass: failure.retryClass,
      sources: ['transport'],
      meaning: failure.meaning,
      whatTheWorkflowsDo:
        failure.retryClass === 'ambiguous'
          ? `${WHAT_THE_WORKFLOWS_DO.ambiguous} (on a read: ${WHAT_THE_WORKFLOWS_DO.transient})`
          : WHAT_THE_WORKFLOWS_DO[failure.retryClass],
    }),
  );
  return [...[...ERROR_CODES.values()].map((entry) => describeEntry(entry)), ...transport];
}

/** One code, catalogued or not (an unknown code gets the class the rules give it). */
export function describeErrorCode(code: string, httpStatus?: number): ErrorDescription {
  const transport = errorCatalog().find((entry) => entry.sources[0] === 'transport' && entry.code === code);
  if (transport) return transport;
  const entry = lookupErrorCode(code);
  if (entry) return describeEntry(entry, code);
  const retryClass = retryClassOf(code, httpStatus);
  return {
    code,
    catalogued: false,
    httpStatus,
    retryClass,
    sources: [],
    meaning:
      retryClass === 'throttled'
        ? 'Not in the catalog; its name marks it as throttling.'
        : 'Not in the catalog: an unknown 4xx code is terminal, an unknown 5xx code transient.',
    whatTheWorkflowsDo: WHAT_THE_WORKFLOWS_DO[retryClass],
  };
}

/** The catalog as an aligned text table. */
export function formatCatalog(entries: readonly ErrorDescription[]): string {
  const width = Math.max(...entries.map((entry) => entry.code.length));
  const lines = entries.map(
    (entry) =>
      `${entry.code.padEnd(width)}  ${String(entry.httpStatus ?? '-').padEnd(4)}  ${entry.retryClass.padEnd(9)}  ${entry.sources.join(', ')}`,
  );
  return [`${'CODE'.padEnd(width)}  HTTP  CLASS      DOCUMENTS`, ...lines].join('\n');
}

export function formatDescription(entry: ErrorDescription): string {
  return [
    `${entry.code}${entry.catalogued ? '' : ' (not in the catalog)'}`,
    `  HTTP status:  ${entry.httpStatus ?? '-'}`,
    `  class:        ${entry.retryClass}`,
    `  documents:    ${entry.sources.join(', ') || '-'}`,
    `  meaning:      ${entry.meaning}`,
    `  workflows:    ${entry.whatTheWorkflowsDo}`,
  ].join('\n');
}
