import { redact, signatureOf } from '../../../shared/oss/redact';

describe('redact', () => {
  it('masks every occurrence of each secret', () => {
    expect(redact('a SECRET b SECRET c TOKEN', ['SECRET', 'TOKEN'])).toBe('a [redacted] b [redacted] c [redacted]');
  });
  it('ignores very short strings', () => expect(redact('abc', ['b'])).toBe('abc'));
});

describe('signatureOf', () => {
  it('finds a V4 signature', () => {
    expect(signatureOf('OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18da')).toBe('e21d18da');
  });
  it('finds a V1 signature', () => expect(signatureOf('OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=')).toBe('kSHKmLxlyEAKtZPkJhG9bZb5k7M='));
  it('is undefined without a header', () => expect(signatureOf(undefined)).toBeUndefined());
});
