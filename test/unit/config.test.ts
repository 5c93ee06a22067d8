import { ConfigError, loadConfig } from '../../src/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});

    expect(config).toEqual({
      taskQueue: 'alicloud-provisioner',
      shutdownGraceMs: 30_000,
      maxCachedWorkflows: 1_000,
      dataDir: '.data',
      regionId: 'cn-hangzhou',
      endpointOverride: undefined,
      apiTimeoutMs: 15_000,
      observability: { logLevel: 'INFO', logFormat: 'text', metricsAddress: undefined },
      throttledRetryDelayMs: 1_000,
      rateLimits: { 'ens:CreateLoadBalancer': 5, 'ens:RenewARMServerInstance': 10 },
      cloud: 'auto',
      emulatorPort: 8765,
      emulatorTimeScale: 0.05,
      emulatorAccessKey: undefined,
      codecKeys: undefined,
      codecKeyId: undefined,
      codecServerToken: undefined,
      temporal: { connectionOptions: expect.any(Object) as unknown, namespace: undefined },
    });
    expect(config.temporal.connectionOptions.address).toBeUndefined();
  });

  it('takes the Temporal address and namespace from the standard TEMPORAL_* variables', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: '10.0.0.5:7233', TEMPORAL_NAMESPACE: 'provisioning' });

    expect(config.temporal.connectionOptions.address).toBe('10.0.0.5:7233');
    expect(config.temporal.namespace).toBe('provisioning');
  });

  it('lists every bad variable in one error, and never echoes a secret', () => {
    const problems = problemsOf({
      ALIBABA_CLOUD_REGION_ID: 'Hangzhou',
      ALIBABA_CLOUD_ENDPOINT_OVERRIDE: 'ftp://127.0.0.1',
      PROVISIONER_SHUTDOWN_GRACE: 'soon',
      PROVISIONER_CLOUD: 'aws',
      PROVISIONER_EMULATOR_PORT: '70000',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'hunter2-secret',
    });

    expect(problems).toEqual([
      'PROVISIONER_SHUTDOWN_GRACE: must be a duration such as 30s, 5m or 1500ms, got "soon"',
      'ALIBABA_CLOUD_REGION_ID: must be a region id such as cn-hangzhou',
      'ALIBABA_CLOUD_ENDPOINT_OVERRIDE: must be an http(s) URL',
      'PROVISIONER_CLOUD: Invalid option: expected one of "auto"|"emulator"|"alibaba-cloud"',
      'PROVISIONER_EMULATOR_PORT: Too big: expected number to be <=65535',
      'ALIBABA_CLOUD_ACCESS_KEY_ID: must be set together with its pair',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('takes the sticky cache bound, a whole number of jobs (0 turns the cache off)', () => {
    expect(loadConfig({ PROVISIONER_MAX_CACHED_WORKFLOWS: '0' }).maxCachedWorkflows).toBe(0);
    expect(problemsOf({ PROVISIONER_MAX_CACHED_WORKFLOWS: '2.5' })).toEqual([
      'PROVISIONER_MAX_CACHED_WORKFLOWS: Invalid input: expected int, received number',
    ]);
  });

  it('takes rate limits over the documented ones, for the rate-limited actions only', () => {
    const config = loadConfig({ PROVISIONER_RATE_LIMITS: 'ens:RenewARMServerInstance=20' });

    expect(config.rateLimits).toEqual({ 'ens:CreateLoadBalancer': 5, 'ens:RenewARMServerInstance': 20 });
    expect(problemsOf({ PROVISIONER_RATE_LIMITS: 'ecs:RenewInstance=3' })).toEqual([
      'PROVISIONER_RATE_LIMITS: "ecs:RenewInstance=3": only the rate-limited actions can be given: ens:CreateLoadBalancer, ens:RenewARMServerInstance',
    ]);
  });

  it('takes the codec server token, and refuses one shorter than 16 characters without echoing it', () => {
    expect(loadConfig({ PROVISIONER_CODEC_SERVER_TOKEN: 'a-long-enough-token' }).codecServerToken).toBe(
      'a-long-enough-token',
    );
    const problems = problemsOf({ PROVISIONER_CODEC_SERVER_TOKEN: 'short-token' });

    expect(problems).toEqual(['PROVISIONER_CODEC_SERVER_TOKEN: must be at least 16 characters']);
    expect(problems.join('\n')).not.toContain('short-token');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PROVISIONER_TASK_QUEUE: '', ALIBABA_CLOUD_REGION_ID: '' }).taskQueue).toBe(
      'alicloud-provisioner',
    );
  });
});
