import { ConfigError } from '../../../shared/runtime/errors';
import { DEFAULT_OWNER_PREFIX } from '../../../shared/replication';
import { readConfig, resetConfigCache } from '../../../shared/runtime/config';

describe('readConfig', () => {
  afterEach(() => resetConfigCache());

  it('applies defaults when nothing is set outside FC', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      stateBucket: undefined,
      inFunctionCompute: false,
      endpoint: { kind: 'public' },
      signatureVersion: 'v4',
      logLevel: 'info',
      ownerPrefix: DEFAULT_OWNER_PREFIX,
      reconcileConcurrency: 16,
      monitorConcurrency: 16,
      verifyConcurrency: 16,
    });
  });

  it('defaults to internal endpoints inside FC', () => {
    expect(readConfig({ FC_FUNCTION_NAME: 'reconcile', FC_REGION: 'cn-hangzhou' }).endpoint).toEqual({ kind: 'internal' });
  });

  it('uses the function region as the state region when STATE_REGION is unset', () => {
    expect(readConfig({ FC_REGION: 'cn-shanghai' }).stateRegion).toBe('cn-shanghai');
  });

  it('strips an oss- prefix from regions', () => {
    expect(readConfig({ STATE_REGION: 'oss-cn-beijing' }).stateRegion).toBe('cn-beijing');
  });

  it('parses OSS_ENDPOINTS into a map endpoint and implies map mode', () => {
    const config = readConfig({ OSS_ENDPOINTS: '{"cn-hangzhou":"http://127.0.0.1:9000/","cn-beijing":"http://127.0.0.1:9001"}' });
    expect(config.endpoint).toEqual({
      kind: 'map',
      endpoints: { 'cn-hangzhou': 'http://127.0.0.1:9000', 'cn-beijing': 'http://127.0.0.1:9001' },
    });
  });

  it('honours an explicit endpoint mode over the map default', () => {
    expect(readConfig({ OSS_ENDPOINT_MODE: 'public', OSS_ENDPOINTS: '{"cn-hangzhou":"http://127.0.0.1:1"}' }).endpoint).toEqual({
      kind: 'public',
    });
  });

  it('requires OSS_ENDPOINTS in map mode', () => {
    expect(() => readConfig({ OSS_ENDPOINT_MODE: 'map' })).toThrow(
      expect.objectContaining({ code: 'InvalidConfig', variable: 'OSS_ENDPOINTS' }),
    );
  });

  it('rejects OSS_ENDPOINTS that is not JSON without echoing the value', () => {
    const value = 'http://user:hunter2secret@127.0.0.1';
    const error = captureError(() => readConfig({ OSS_ENDPOINTS: value }));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('OSS_ENDPOINTS');
    expect((error as Error).message).not.toContain('hunter2secret');
  });

  it('rejects an endpoint entry that is not an http URL', () => {
    expect(() => readConfig({ OSS_ENDPOINTS: '{"cn-hangzhou":"ftp://x"}' })).toThrow(ConfigError);
  });

  it('accepts v1 signatures case-insensitively', () => {
    expect(readConfig({ OSS_SIGNATURE_VERSION: 'V1' }).signatureVersion).toBe('v1');
  });

  it.each([
    ['OSS_SIGNATURE_VERSION', 'v3'],
    ['OSS_ENDPOINT_MODE', 'private'],
    ['LOG_LEVEL', 'verbose'],
    ['RECONCILE_CONCURRENCY', '0'],
    ['RECONCILE_CONCURRENCY', '2.5'],
    ['RECONCILE_CONCURRENCY', '65'],
    ['MONITOR_CONCURRENCY', '0'],
    ['VERIFY_CONCURRENCY', '65'],
    ['STATE_BUCKET', 'Not_A_Bucket'],
    ['STATE_REGION', 'Hangzhou!'],
    ['ACCOUNT_ID', 'abc'],
    ['OWNER_PREFIX', 'has space'],
  ])('names %s in the error for the invalid value %p', (variable, value) => {
    expect(() => readConfig({ [variable]: value })).toThrow(expect.objectContaining({ variable, code: 'InvalidConfig' }));
  });

  it('parses RECONCILE_CONCURRENCY as a number', () => {
    expect(readConfig({ RECONCILE_CONCURRENCY: '16' }).reconcileConcurrency).toBe(16);
  });

  it('parses MONITOR_CONCURRENCY and VERIFY_CONCURRENCY, each for its own job', () => {
    const config = readConfig({ MONITOR_CONCURRENCY: '8', VERIFY_CONCURRENCY: '32' });
    expect([config.reconcileConcurrency, config.monitorConcurrency, config.verifyConcurrency]).toEqual([16, 8, 32]);
  });

  it('treats blank values as unset', () => {
    expect(readConfig({ STATE_BUCKET: '  ', LOG_LEVEL: '' })).toMatchObject({ stateBucket: undefined, logLevel: 'info' });
  });

  it('requireStateBucket returns STATE_BUCKET when set', () => {
    expect(readConfig({ STATE_BUCKET: 'autopilot-state' }).requireStateBucket()).toBe('autopilot-state');
  });

  it('requireStateBucket throws a ConfigError naming STATE_BUCKET when unset', () => {
    expect(() => readConfig({}).requireStateBucket()).toThrow(expect.objectContaining({ variable: 'STATE_BUCKET' }));
  });

  it('exposes env credentials through a method and never as a serialisable field', () => {
    const config = readConfig({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexampleid0001',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secretvalue0123456789',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'tok',
    });
    expect(config.envCredentials()).toEqual({
      accessKeyId: 'LTAIexampleid0001',
      accessKeySecret: 'secretvalue0123456789',
      securityToken: 'tok',
    });
    expect(JSON.stringify(config)).not.toContain('secretvalue0123456789');
  });

  it('returns no env credentials when the secret is missing', () => {
    expect(readConfig({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIexampleid0001' }).envCredentials()).toBeUndefined();
  });

  it('gives other variables through envVar', () => {
    expect(readConfig({ DINGTALK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=x' }).envVar('DINGTALK_URL')).toContain(
      'dingtalk',
    );
  });

  it('parses an env object once and returns the cached config for it', () => {
    const env = { LOG_LEVEL: 'debug' };
    expect(readConfig(env)).toBe(readConfig(env));
  });

  it('reads process.env when no env is given', () => {
    const previous = process.env.OWNER_PREFIX;
    process.env.OWNER_PREFIX = 'fromprocess-';
    try {
      expect(readConfig().ownerPrefix).toBe('fromprocess-');
    } finally {
      if (previous === undefined) delete process.env.OWNER_PREFIX;
      else process.env.OWNER_PREFIX = previous;
    }
  });

  it('re-reads the environment after resetConfigCache', () => {
    const env: Record<string, string> = { LOG_LEVEL: 'debug' };
    readConfig(env);
    env.LOG_LEVEL = 'warn';
    resetConfigCache();
    expect(readConfig(env).logLevel).toBe('warn');
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
