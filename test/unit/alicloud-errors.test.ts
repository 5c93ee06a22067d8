import { fromErrorBody, fromTransportError, redact } from '../../src/alicloud/errors';

const CONTEXT = {
  action: 'CreatePostPayOrder',
  product: 'alikafka' as const,
  mutating: true,
  secrets: ['sekret-value'],
};

describe('redacting what the server or the HTTP library said', () => {
  it('removes AccessKeyId, Signature and SecurityToken values in every encoding, URLs, and known secrets', () => {
    const text = [
      'server string to sign is:POST&%2F&AccessKeyId%3DLTAI5tKey%26Action%3DCreateInstance%26Signature%3Dabc%253D',
      'GET https://ecs.aliyuncs.com/?AccessKeyId=LTAI5tKey&Signature=xyz failed.',
      '{"SecurityToken": "CAIS-token"}',
      'echo of sekret-value',
    ].join('\n');

    expect(redact(text, ['sekret-value'])).toBe(
      [
        'server string to sign is:POST&%2F&AccessKeyId%3D[redacted]%26Action%3DCreateInstance%26Signature%3D[redacted]',
        'GET [url] failed.',
        '{"SecurityToken": "[redacted]"}',
        'echo of [redacted]',
      ].join('\n'),
    );
  });
});

describe('errors from an answer body', () => {
  it('tells how to fix a call refused for its credentials, and adds nothing to other codes', () => {
    const refused = fromErrorBody(
      { Code: 'SignatureDoesNotMatch', Message: 'The signature does not match.', RequestId: 'R0' },
      400,
      CONTEXT,
    );
    const other = fromErrorBody({ Code: 'InvalidParameter', Message: 'bad', RequestId: 'R9' }, 400, CONTEXT);

    expect(refused.message).toBe(
      "The signature does not match. To fix: the AccessKey secret does not match the AccessKey ID: check ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the credential profile's secret) on the worker.",
    );
    expect(refused.retryClass).toBe('terminal');
    expect(other.message).toBe('bad');
    expect(
      fromErrorBody({ Code: 'InvalidSecurityToken.Malformed', Message: 'Malformed token' }, 400, CONTEXT).message,
    ).toBe(
      'Malformed token. To fix: the STS token is not valid for the AccessKey: set ALIBABA_CLOUD_SECURITY_TOKEN to the token issued with ALIBABA_CLOUD_ACCESS_KEY_ID (and none for a permanent key).',
    );
  });

  it('reads a Kafka failure that has a numeric Code and Success: false', () => {
    const error = fromErrorBody({ Code: 500, Success: false, Message: 'system busy', RequestId: 'R1' }, 200, CONTEXT);

    expect(error.toJSON()).toEqual({
      code: '500',
      message: 'system busy',
      requestId: 'R1',
      httpStatus: 200,
      action: 'CreatePostPayOrder',
      product: 'alikafka',
      recommend: undefined,
      retryClass: 'transient',
    });
  });

  it('calls Success: false with Code 200 an unsuccessful answer, terminal', () => {
    expect(fromErrorBody({ Code: 200, Success: false, RequestId: 'R2' }, 200, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.Unsuccessful',
      retryClass: 'terminal',
      message: 'CreatePostPayOrder failed with Transport.Unsuccessful',
    });
  });

  it('calls a 5xx answer without a code transient', () => {
    expect(fromErrorBody({ RequestId: 'R3' }, 502, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.ServerError',
      retryClass: 'transient',
      httpStatus: 502,
    });
  });

  it('keeps the troubleshooting link but scrubs the message', () => {
    const error = fromErrorBody(
      {
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched. server string to sign is:POST&%2F&AccessKeyId%3DLTAIx',
        Recommend: 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch',
      },
      400,
      CONTEXT,
    );

    expect([error.message, error.recommend, error.retryClass]).toEqual([
      'Specified signature is not matched. server string to sign is:POST&%2F&AccessKeyId%3D[redacted]. To fix: ' +
        "the AccessKey secret does not match the AccessKey ID: check ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the credential profile's secret) on the worker.",
      'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch',
      'terminal',
    ]);
  });
});

describe('errors below HTTP', () => {
  it('calls json-bigint’s SyntaxError (a plain object) an invalid response, transient', () => {
    const thrown = { name: 'SyntaxError', message: 'Unexpected token <', at: 1, text: '<html>' };

    expect(fromTransportError(thrown, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.InvalidResponse',
      retryClass: 'transient',
    });
  });

  it('calls a refused connection transient and a read timeout of a mutating call ambiguous, never quoting the library', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED GET https://x/?Signature=abc failed.'), {
      code: 'ECONNREFUSED',
    });
    const timeout = Object.assign(new Error('ReadTimeout(3000). POST https://x/ failed.'), {
      name: 'RequestTimeoutError',
    });

    expect(fromTransportError(refused, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.ConnectionFailed',
      retryClass: 'transient',
      message: 'CreatePostPayOrder could not connect to the alikafka endpoint (ECONNREFUSED)',
    });
    expect(fromTransportError(timeout, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.Timeout',
      retryClass: 'ambiguous',
      message: 'CreatePostPayOrder was sent but no answer in time; its outcome is unknown',
    });
    expect(fromTransportError(timeout, { ...CONTEXT, mutating: false }).retryClass).toBe('transient');
  });
});
