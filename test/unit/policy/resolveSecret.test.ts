import { MissingSecretError, resolveSecret } from '../../../shared/policy/runtime';

describe('resolveSecret', () => {
  it('returns the environment value of a ${env:NAME} reference', () => {
    expect(resolveSecret('${env:DINGTALK_SECRET}', { DINGTALK_SECRET: 'SEC-value-1' })).toBe('SEC-value-1');
  });

  it('returns a value that is not a reference as written', () => {
    expect(resolveSecret('https://hooks.example.test/x', {})).toBe('https://hooks.example.test/x');
  });

  it('throws MissingSecret naming the variable when it is unset', () => {
    const run = (): string => resolveSecret('${env:ALERT_WEBHOOK_URL}', { OTHER: 'x' });
    expect(run).toThrow(MissingSecretError);
    expect(run).toThrow(expect.objectContaining({ code: 'MissingSecret', variable: 'ALERT_WEBHOOK_URL' }));
  });

  it('treats an empty variable as missing', () => {
    expect(() => resolveSecret('${env:TOKEN}', { TOKEN: '' })).toThrow(MissingSecretError);
  });

  it('does not put any environment value in the missing-variable message', () => {
    const env = { DINGTALK_URL: 'https://oapi.example.test/robot?access_token=tok-123', SECRET_2: 'SEC-zzz' };
    let message = '';
    try {
      resolveSecret('${env:DINGTALK_SECRET}', env);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('DINGTALK_SECRET');
    for (const value of Object.values(env)) expect(message).not.toContain(value);
  });

  it('does not read variables inherited from Object.prototype', () => {
    expect(() => resolveSecret('${env:toString}', {})).toThrow(MissingSecretError);
  });
});
