import {
  AlibabaCloudError,
  fromErrorBody,
  fromTransportError,
  redact,
  redactSecrets,
  secretValuesOf,
} from '../../src/alicloud/errors';
import { encodeParams } from '../../src/alicloud/params';
import { startEmulatedCloud } from '../helpers/emulator';

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

  it.each([
    ['a lower-case name', 'password=hunter2&x=1', 'password=[redacted]&x=1'],
    [
      'JSON with white space before the colon',
      '{"Password" : "x y", "Name": "web"}',
      '{"Password" : "[redacted]", "Name": "web"}',
    ],
    ['an upper-case name, percent-encoded', 'PASSWORD%3Dabc', 'PASSWORD%3D[redacted]'],
    ['UserData', 'UserData=IyEvYmluL3No&Action=RunInstances', 'UserData=[redacted]&Action=RunInstances'],
    [
      'the KMSKeyId of a dotted family',
      'DataDisk.1.KMSKeyId=key-123&SystemDisk.KMSKeyId%3Dkey-456',
      'DataDisk.1.KMSKeyId=[redacted]&SystemDisk.KMSKeyId%3D[redacted]',
    ],
    ['a single-quoted dotted name', "{'Tag.1.Password': 'p4 ss'}", "{'Tag.1.Password': '[redacted]'}"],
    [
      'not a name that only ends like one (a flag)',
      'IsSetUserAndPassword=true&SignatureMethod=HMAC-SHA1',
      'IsSetUserAndPassword=true&SignatureMethod=HMAC-SHA1',
    ],
  ])('matches secret parameter names in any case and form: %s', (_, text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it('removes a secret value wherever it is echoed: as sent, percent-encoded once or twice, JSON-escaped', () => {
    const userData = 'IyEvYmluL3No+ZWNobyBoaQ==';
    const password = 'say "p@ss"';

    expect(
      redact(
        `the UserData ${userData} (IyEvYmluL3No%2BZWNobyBoaQ%3D%3D, IyEvYmluL3No%252BZWNobyBoaQ%253D%253D) ` +
          `is too long; {"Name": "say \\"p@ss\\""}`,
        [userData, password],
      ),
    ).toBe('the UserData [redacted] ([redacted], [redacted]) is too long; {"Name": "[redacted]"}');
  });

  it('takes the secret values of a request from its wire parameters: the last segment of the name, in any case', () => {
    const wire = encodeParams({
      InstanceName: 'web',
      Password: 'Hunter2-Secret!',
      UserData: 'IyEvYmluL3No',
      SystemDisk: { Category: 'cloud_essd', KMSKeyId: 'key-456' },
      DataDisk: [{ Size: 40, KMSKeyId: 'key-123' }],
      Tag: [{ Key: 'password', Value: 'not-a-secret' }],
      userdata: 'lower-case',
    });

    expect(secretValuesOf(wire)).toEqual(['Hunter2-Secret!', 'IyEvYmluL3No', 'key-456', 'key-123', 'lower-case']);
  });
});

describe('redacting through the client', () => {
  it("scrubs the request's password, UserData and KMS key id from what the server echoes", async () => {
    const password = 'Hunter2-Secret!';
    const userData = Buffer.from('#!/bin/sh\necho provisioned\n').toString('base64');
    const kmsKeyId = 'key-0123abcd';
    const env = await startEmulatedCloud({
      faults: [
        {
          action: 'ecs:CreateInstance',
          kind: 'error',
          code: 'InvalidParameter',
          message: `echo: ${password} and ${userData} and ${kmsKeyId}`,
        },
      ],
    });
    try {
      const error = await env.cloud
        .call('ecs:CreateInstance', {
          RegionId: 'cn-hangzhou',
          ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd',
          InstanceType: 'ecs.g7.large',
          Password: password,
          UserData: userData,
          DataDisk: [{ Size: 40, Encrypted: true, KMSKeyId: kmsKeyId }],
        })
        .then(
          () => undefined,
          (thrown: unknown) => thrown as AlibabaCloudError,
        );

      expect(error).toBeInstanceOf(AlibabaCloudError);
      expect(error?.message).not.toContain(password);
      expect(error?.message).not.toContain(userData);
      expect(error?.toJSON()).toMatchObject({
        code: 'InvalidParameter',
        message: 'echo: [redacted] and [redacted] and [redacted]',
      });
    } finally {
      await env.close();
    }
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

  const transportFailure = (fields: { name?: string; code?: string }) =>
    Object.assign(new Error('the library said something'), fields);

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'])(
    'calls %s a connection that was never made: transient even for a mutating call, since nothing was sent',
    (code) => {
      expect(fromTransportError(transportFailure({ code }), CONTEXT).toJSON()).toMatchObject({
        code: 'Transport.ConnectionFailed',
        retryClass: 'transient',
        message: `CreatePostPayOrder could not connect to the alikafka endpoint (${code})`,
      });
    },
  );

  it.each([
    ['ETIMEDOUT', { code: 'ETIMEDOUT' }],
    ['a connect timeout', { name: 'ConnectTimeoutError' }],
    ['a read timeout', { name: 'ReadTimeoutError' }],
  ])('calls %s after sending a timeout: ambiguous for a mutating call, transient for a read', (_label, fields) => {
    const failure = transportFailure(fields);

    expect(fromTransportError(failure, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.Timeout',
      retryClass: 'ambiguous',
      message: 'CreatePostPayOrder was sent but no answer in time; its outcome is unknown',
    });
    expect(fromTransportError(failure, { ...CONTEXT, mutating: false }).toJSON()).toMatchObject({
      code: 'Transport.Timeout',
      retryClass: 'transient',
      message: 'CreatePostPayOrder was sent but no answer in time',
    });
  });

  it.each([
    ['ECONNRESET', { code: 'ECONNRESET' }, 'ECONNRESET'],
    ['EPIPE', { code: 'EPIPE' }, 'EPIPE'],
    ['a socket hang up without a code', { name: 'Error' }, 'Error'],
  ])(
    'calls %s after sending a broken connection: ambiguous for a mutating call, transient for a read',
    (_label, fields, shown) => {
      const failure = transportFailure(fields);

      expect(fromTransportError(failure, CONTEXT).toJSON()).toMatchObject({
        code: 'Transport.ConnectionReset',
        retryClass: 'ambiguous',
        message: `CreatePostPayOrder was sent but the connection broke (${shown}); its outcome is unknown`,
      });
      expect(fromTransportError(failure, { ...CONTEXT, mutating: false }).retryClass).toBe('transient');
    },
  );

  it('calls a real SyntaxError (an HTML page where JSON was expected) an invalid response, transient', () => {
    expect(fromTransportError(new SyntaxError('Unexpected token <'), CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.InvalidResponse',
      retryClass: 'transient',
      message: 'CreatePostPayOrder got an answer that is not JSON (a gateway error page?)',
    });
  });

  it('calls something thrown that is not even an error a broken connection, and says so', () => {
    expect(fromTransportError(undefined, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.ConnectionReset',
      retryClass: 'ambiguous',
      message: 'CreatePostPayOrder was sent but the connection broke (unknown); its outcome is unknown',
    });
  });
});

describe('the edges of redaction and of error answers', () => {
  it('names the error AlibabaCloudError', () => {
    expect(fromErrorBody({ Code: 'Forbidden' }, 403, CONTEXT).name).toBe('AlibabaCloudError');
  });

  it("finds a secret echoed with the characters encodeURIComponent leaves (!'()*) percent-encoded in capitals", () => {
    expect(redact('echo pa%21ss%28w%29%2A%27rd', ["pa!ss(w)*'rd"])).toBe('echo [redacted]');
  });

  it('redacts no words of its own without secrets, and secrets of four characters or more only', () => {
    expect(redactSecrets('Stryker was here')).toBe('Stryker was here');
    expect(redact('Stryker was here')).toBe('Stryker was here');
    expect(redact('abc abcd undefined', [undefined, 'abc', 'abcd'])).toBe('abc [redacted] undefined');
  });

  it('removes the longest secret first, so no end of it is left behind', () => {
    expect(redact('a abcdefgh b', ['abcd', 'abcdefgh'])).toBe('a [redacted] b');
    expect(redact('a abcdefgh b', ['abcdefgh', 'abcd'])).toBe('a [redacted] b');
  });

  it('takes an empty Code for none: a 500 with Code "" is a server error', () => {
    expect(fromErrorBody({ Code: '' }, 500, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.ServerError',
      retryClass: 'transient',
    });
  });

  it('words the message of an answer without one, and calls a bare 500 a server error', () => {
    expect(fromErrorBody({}, 500, CONTEXT).toJSON()).toMatchObject({
      code: 'Transport.ServerError',
      message: 'CreatePostPayOrder failed with Transport.ServerError',
      retryClass: 'transient',
    });
  });
});
