import {
  ERROR_CODES,
  TERMINAL_CODES,
  lookupErrorCode,
  retryClassOf,
  type ErrorSource,
  type RetryClass,
} from '../../src/alicloud/error-codes';

interface Expected {
  httpStatus: number;
  retryClass: RetryClass;
  source: ErrorSource;
  statuses?: readonly number[];
}

// A sample of real codes from each document, with the status the document gives and the class we chose.
const SAMPLES: Record<string, Record<string, Expected>> = {
  'alikafka-CreatePostPayOrder.en.txt': {
    'Order.Insufficient.balance': { httpStatus: 400, retryClass: 'terminal', source: 'alikafka:CreatePostPayOrder' },
    'Deploy.RetriableError': { httpStatus: 400, retryClass: 'transient', source: 'alikafka:CreatePostPayOrder' },
    FlowControl: { httpStatus: 400, retryClass: 'throttled', source: 'alikafka:CreatePostPayOrder' },
    RemoteCallError: { httpStatus: 500, retryClass: 'transient', source: 'alikafka:CreatePostPayOrder' },
    'Topic.NotFound': {
      httpStatus: 400,
      retryClass: 'terminal',
      source: 'alikafka:CreatePostPayOrder',
      statuses: [400, 404],
    },
  },
  'ecs-CreateInstance.en.md': {
    'InvalidAccountStatus.NotEnoughBalance': { httpStatus: 403, retryClass: 'terminal', source: 'ecs:CreateInstance' },
    'OperationDenied.NoStock': { httpStatus: 403, retryClass: 'terminal', source: 'ecs:CreateInstance' },
    // Written `HOSTNAME\_ILLEGAL` in the markdown.
    HOSTNAME_ILLEGAL: { httpStatus: 404, retryClass: 'terminal', source: 'ecs:CreateInstance' },
    OperationDenied: {
      httpStatus: 403,
      retryClass: 'terminal',
      source: 'ecs:CreateInstance',
      statuses: [403, 400, 404],
    },
  },
  'ecs-CreateInstance.zh-TW.txt': {
    'Throttling.Resource': { httpStatus: 429, retryClass: 'throttled', source: 'ecs:CreateInstance' },
    OperationConflict: { httpStatus: 409, retryClass: 'transient', source: 'ecs:CreateInstance' },
    'InvalidRamRole.NotEcsRole': { httpStatus: 401, retryClass: 'terminal', source: 'ecs:CreateInstance' },
    // Documented with 500 but a request error: deliberately terminal.
    'InvalidImage.OSType': { httpStatus: 500, retryClass: 'terminal', source: 'ecs:CreateInstance' },
    'InvalidHttpTokens.NotSupported': { httpStatus: 400, retryClass: 'terminal', source: 'ecs:CreateInstance' },
  },
  'ens-CreateLoadBalancer.zh.txt': {
    Processing: { httpStatus: 400, retryClass: 'transient', source: 'ens:CreateLoadBalancer' },
    'SaleControl.VerificationFailed': { httpStatus: 400, retryClass: 'terminal', source: 'ens:CreateLoadBalancer' },
    CallInterface: { httpStatus: 400, retryClass: 'transient', source: 'ens:CreateLoadBalancer' },
  },
  'ens-RenewARMServerInstance.zh.txt': {
    OrderLatestOrderIsHandling: { httpStatus: 400, retryClass: 'transient', source: 'ens:RenewARMServerInstance' },
    PayInsufficientBalance: { httpStatus: 400, retryClass: 'terminal', source: 'ens:RenewARMServerInstance' },
    PriceHsfTimeoutError: { httpStatus: 400, retryClass: 'transient', source: 'ens:RenewARMServerInstance' },
    OrderNoRealNameAuthentication: { httpStatus: 400, retryClass: 'terminal', source: 'ens:RenewARMServerInstance' },
  },
  'gateway common codes': {
    ServiceUnavailable: { httpStatus: 503, retryClass: 'transient', source: 'gateway' },
    'Throttling.User': { httpStatus: 400, retryClass: 'throttled', source: 'gateway' },
    SignatureDoesNotMatch: { httpStatus: 400, retryClass: 'terminal', source: 'gateway' },
    'InvalidAccessKeyId.NotFound': { httpStatus: 404, retryClass: 'terminal', source: 'gateway' },
    IdempotentParameterMismatch: { httpStatus: 400, retryClass: 'terminal', source: 'gateway' },
    LastTokenProcessing: { httpStatus: 403, retryClass: 'transient', source: 'gateway' },
  },
};

describe('the error code table', () => {
  describe.each(Object.entries(SAMPLES))('codes from %s', (_document, samples) => {
    it.each(Object.entries(samples))('%s', (code, expected) => {
      const entry = lookupErrorCode(code);
      expect(entry).toBeDefined();
      expect(entry?.httpStatus).toBe(expected.httpStatus);
      expect(entry?.retryClass).toBe(expected.retryClass);
      expect(entry?.sources).toContain(expected.source);
      expect(entry?.statuses).toEqual(expected.statuses);
      expect(retryClassOf(code, expected.httpStatus)).toBe(expected.retryClass);
    });
  });

  it('lists codes named by both ENS documents and by both ECS editions once, with every source', () => {
    expect(lookupErrorCode('SystemConcurrentOperate')?.sources).toEqual([
      'ens:CreateLoadBalancer',
      'ens:RenewARMServerInstance',
    ]);
    expect(lookupErrorCode('InternalError')?.sources).toEqual([
      'alikafka:CreatePostPayOrder',
      'ecs:CreateInstance',
      'gateway',
    ]);
    expect(lookupErrorCode('NoPermission')?.statuses).toEqual([400, 403]);
  });

  it('matches a template only with something in place of its %s', () => {
    expect(lookupErrorCode('InvalidParameter.X')?.code).toBe('InvalidParameter.%s');
    expect(lookupErrorCode('InvalidParameter.')).toBeUndefined();
  });

  it('matches codes exactly and case-sensitively', () => {
    expect(lookupErrorCode('internalerror')).toBeUndefined();
    expect(lookupErrorCode(' InternalError')).toBeUndefined();
    expect(lookupErrorCode('InternalError')?.code).toBe('InternalError');
  });

  it('classes throttling codes as throttled, whatever their status', () => {
    for (const code of ['Throttling', 'Throttling.User', 'Throttling.Api', 'Throttling.Resource', 'FlowControl']) {
      expect(retryClassOf(code)).toBe('throttled');
    }
    expect(retryClassOf('ONS_SYSTEM_FLOW_CONTROL', 400)).toBe('throttled');
  });

  it('classes the known retry-later codes as transient', () => {
    const transient = [
      'ServiceUnavailable',
      'InternalError',
      'OrderLatestOrderIsHandling',
      'SystemConcurrentOperate',
      'Processing',
      'OperationConflict',
      'Deploy.RetriableError',
      'LastTokenProcessing',
      'PayHsfTimeoutError',
      'System.SystemError',
    ];
    for (const code of transient) expect(retryClassOf(code)).toBe('transient');
  });

  it('classes request, account and idempotency codes as terminal', () => {
    const terminal = [
      'MissingParameter',
      'InvalidParameter',
      'NoPermission',
      'InsufficientBalance',
      'QuotaExceed.AfterpayInstance',
      'RealNameAuthenticationError',
      'IdempotentParameterMismatch',
      'DryRunOperation',
      'SignatureNonceUsed',
      'InvalidTimeStamp.Expired',
      'Deploy.NotRetriableError',
    ];
    for (const code of terminal) expect(retryClassOf(code)).toBe('terminal');
  });

  it('classes codes it does not know by name, then by status', () => {
    expect(retryClassOf('Some.Unknown.Code', 400)).toBe('terminal');
    expect(retryClassOf('Some.Unknown.Code', 404)).toBe('terminal');
    expect(retryClassOf('Some.Unknown.Code')).toBe('terminal');
    expect(retryClassOf('Some.Unknown.Code', 500)).toBe('transient');
    expect(retryClassOf('Some.Unknown.Code', 503)).toBe('transient');
    expect(retryClassOf('Throttling.Foo', 400)).toBe('throttled');
    expect(retryClassOf('Throttling.Foo', 503)).toBe('throttled');
    expect(retryClassOf('Ecs.FlowControl.Bar')).toBe('throttled');
  });

  it('prefers the table to the status for known codes', () => {
    expect(retryClassOf('MissingParameter', 500)).toBe('terminal');
    expect(retryClassOf('OrderLatestOrderIsHandling', 400)).toBe('transient');
  });

  it('keeps every throttling-like code in the table throttled, and every documented 5xx transient but one', () => {
    for (const entry of ERROR_CODES.values()) {
      if (/Throttling|FlowControl|ONS_SYSTEM_FLOW_CONTROL/.test(entry.code)) {
        expect({ code: entry.code, retryClass: entry.retryClass }).toEqual({
          code: entry.code,
          retryClass: 'throttled',
        });
      }
      const statuses = entry.statuses ?? [entry.httpStatus];
      if (statuses.some((status) => status >= 500) && entry.code !== 'InvalidImage.OSType') {
        expect({ code: entry.code, retryClass: entry.retryClass }).toEqual({
          code: entry.code,
          retryClass: 'transient',
        });
      }
    }
  });

  it('lists in TERMINAL_CODES exactly the terminal entries', () => {
    const terminal = [...ERROR_CODES.values()].filter((entry) => entry.retryClass === 'terminal').map((e) => e.code);
    expect([...TERMINAL_CODES].sort()).toEqual(terminal.sort());
    for (const code of TERMINAL_CODES) {
      expect(retryClassOf(code)).toBe('terminal');
      expect(['throttled', 'transient']).not.toContain(lookupErrorCode(code)?.retryClass);
    }
    expect(TERMINAL_CODES).not.toContain('InternalError');
    expect(TERMINAL_CODES).not.toContain('Throttling.Resource');
    expect(TERMINAL_CODES).toContain('IdempotentParameterMismatch');
  });

  it('keys every entry by its own code, with no duplicates', () => {
    for (const [key, entry] of ERROR_CODES) expect(entry.code).toBe(key);
    const codes = [...ERROR_CODES.values()].map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(TERMINAL_CODES).size).toBe(TERMINAL_CODES.length);
  });

  it('gives statuses only when the documents disagree, with the primary status first', () => {
    for (const entry of ERROR_CODES.values()) {
      expect(entry.sources.length).toBeGreaterThan(0);
      if (entry.statuses === undefined) continue;
      expect(entry.statuses.length).toBeGreaterThan(1);
      expect(entry.statuses[0]).toBe(entry.httpStatus);
      expect(new Set(entry.statuses).size).toBe(entry.statuses.length);
    }
  });

  // Counted from the documents when the table was written: a later edit that drops codes fails here.
  it('holds every code of every document', () => {
    const perSource: Record<string, number> = {};
    for (const entry of ERROR_CODES.values()) {
      for (const source of entry.sources) perSource[source] = (perSource[source] ?? 0) + 1;
    }
    expect(perSource).toEqual({
      'alikafka:CreatePostPayOrder': 253,
      // 284 codes in the two editions' tables, plus DryRunOperation from the DryRun parameter's description.
      'ecs:CreateInstance': 285,
      'ens:CreateLoadBalancer': 106,
      'ens:RenewARMServerInstance': 103,
      gateway: 16,
    });
    expect(ERROR_CODES.size).toBe(653);

    const perClass: Record<string, number> = {};
    for (const entry of ERROR_CODES.values()) perClass[entry.retryClass] = (perClass[entry.retryClass] ?? 0) + 1;
    expect(perClass).toEqual({ throttled: 6, transient: 58, terminal: 589 });
  });

  // The rows are data that the mutation run leaves alone (stryker.config.mjs): this snapshot holds every
  // code with its status, other statuses, retry class and sources, so no edit to one of them goes unseen.
  // `meaning` is left out: it is our own summary for people, not something an activity acts on.
  it('keeps every code with its status, retry class and sources', () => {
    const rows = [...ERROR_CODES.values()].map((entry) => {
      const statuses = entry.statuses ? ` (${entry.statuses.join('/')})` : '';
      return `${entry.code} ${entry.httpStatus}${statuses} ${entry.retryClass} ${entry.sources.join(',')}`;
    });
    expect(rows.join('\n')).toMatchSnapshot();
  });
});
