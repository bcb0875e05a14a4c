import { resolveCredentials, secretsOf, signatureOf } from '../../../shared/oss/credentials';
import { OssCredentialsError } from '../../../shared/oss/errors';

const creds = { accessKeyId: 'AKID', accessKeySecret: 'SECRET-VALUE', securityToken: 'TOKEN-VALUE' };

describe('resolveCredentials', () => {
  it('returns static credentials', async () => {
    await expect(resolveCredentials(creds, 'Op')).resolves.toEqual(creds);
  });

  it('asks the provider on every call so that expiring STS credentials refresh', async () => {
    let n = 0;
    const provider = () => ({ ...creds, securityToken: `token-${++n}` });
    const first = await resolveCredentials(provider, 'Op');
    const second = await resolveCredentials(provider, 'Op');
    expect([first.securityToken, second.securityToken]).toEqual(['token-1', 'token-2']);
  });

  it('drops an empty security token', async () => {
    const c = await resolveCredentials({ ...creds, securityToken: '' }, 'Op');
    expect('securityToken' in c).toBe(false);
  });

  it('wraps a failing provider in OssCredentialsError without its message', async () => {
    const err = await resolveCredentials(() => Promise.reject(new Error('SECRET-VALUE leaked')), 'Op').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssCredentialsError);
    expect(String(err)).not.toContain('SECRET-VALUE');
  });

  it('rejects credentials without a secret', async () => {
    await expect(resolveCredentials({ accessKeyId: 'a', accessKeySecret: '' }, 'Op')).rejects.toBeInstanceOf(OssCredentialsError);
  });
});

describe('secretsOf', () => {
  it('lists the secret and the token, never the key id', () => {
    expect(secretsOf(creds)).toEqual(['SECRET-VALUE', 'TOKEN-VALUE']);
  });
});

describe('signatureOf', () => {
  it('finds a V4 signature', () => {
    expect(signatureOf('OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18da')).toBe('e21d18da');
  });
  it('finds a V1 signature', () => expect(signatureOf('OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=')).toBe('kSHKmLxlyEAKtZPkJhG9bZb5k7M='));
  it('is undefined without a header', () => expect(signatureOf(undefined)).toBeUndefined());
});
