import { credentialsFromContext } from '../../../shared/runtime/credentialsFromContext';
import { readConfig } from '../../../shared/runtime/config';
import { MissingCredentialsError } from '../../../shared/runtime/errors';

const noEnv = readConfig({});

describe('credentialsFromContext', () => {
  it('returns the STS keys of context.credentials', async () => {
    const provider = credentialsFromContext(
      { credentials: { accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'token' } },
      noEnv,
    );
    expect(await provider()).toEqual({ accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'token' });
  });

  it('reads context.credentials on every call, so refreshed keys are used', async () => {
    const context = { credentials: { accessKeyId: 'id-1', accessKeySecret: 's1', securityToken: 't1' } };
    const provider = credentialsFromContext(context, noEnv);
    await provider();
    context.credentials = { accessKeyId: 'id-2', accessKeySecret: 's2', securityToken: 't2' };
    expect(await provider()).toMatchObject({ accessKeyId: 'id-2' });
  });

  it('omits an empty security token', async () => {
    const provider = credentialsFromContext({ credentials: { accessKeyId: 'id', accessKeySecret: 'secret', securityToken: '' } }, noEnv);
    expect(await provider()).toEqual({ accessKeyId: 'id', accessKeySecret: 'secret' });
  });

  it('falls back to the ALIBABA_CLOUD_* environment variables', async () => {
    const config = readConfig({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' });
    expect(await credentialsFromContext({}, config)()).toEqual({ accessKeyId: 'env-id', accessKeySecret: 'env-secret' });
  });

  it('throws MissingCredentialsError telling to set role in s.yaml when nothing is available', () => {
    const provider = credentialsFromContext({ credentials: {} }, noEnv);
    expect(() => provider()).toThrow(MissingCredentialsError);
    expect(() => provider()).toThrow(/set `role` in s\.yaml/);
  });

  it('gives the missing-role error the stable code NoRole', () => {
    expect(() => credentialsFromContext(undefined, noEnv)()).toThrow(expect.objectContaining({ code: 'NoRole' }));
  });
});
