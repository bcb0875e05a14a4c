import {
  constantTimeEqual,
  formatIso8601Basic,
  formatRfc1123,
  parseCredential,
  parseIso8601Basic,
  parseRfc1123,
  parseV1Authorization,
  parseV4Authorization,
} from '../../../shared/signing';

const AT = new Date(Date.UTC(2023, 11, 16, 16, 20, 57));
const SIG = 'e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe';

describe('dates', () => {
  it('formats RFC 1123 GMT with a two-digit day', () => {
    expect(formatRfc1123(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
  });

  it('formats ISO 8601 basic without milliseconds', () => {
    expect(formatIso8601Basic(new Date(AT.getTime() + 999))).toBe('20231216T162057Z');
  });

  it('round-trips RFC 1123', () => {
    expect(parseRfc1123(formatRfc1123(AT))).toEqual(AT);
  });

  it('round-trips ISO 8601 basic', () => {
    expect(parseIso8601Basic(formatIso8601Basic(AT))).toEqual(AT);
  });

  it('rejects an impossible calendar date', () => {
    expect(parseIso8601Basic('20230231T000000Z')).toBeUndefined();
  });

  it('rejects a date that is not GMT', () => {
    expect(parseRfc1123('Sat, 16 Dec 2023 16:20:57 +0800')).toBeUndefined();
  });
});

describe('parseV1Authorization', () => {
  it('splits access key and signature', () => {
    expect(parseV1Authorization('OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=')).toEqual({
      accessKeyId: 'ak',
      signature: 'kSHKmLxlyEAKtZPkJhG9bZb5k7M=',
    });
  });

  it('rejects a value without a colon', () => {
    expect(parseV1Authorization('OSS ak')).toBeUndefined();
  });
});

describe('parseCredential', () => {
  it('splits access key, date, region and product', () => {
    expect(parseCredential('ak/20231216/cn-hangzhou/oss/aliyun_v4_request')).toEqual({
      accessKeyId: 'ak',
      date: '20231216',
      region: 'cn-hangzhou',
      product: 'oss',
    });
  });

  it('rejects a date that is not eight digits', () => {
    expect(parseCredential('ak/2023-12-16/cn-hangzhou/oss/aliyun_v4_request')).toBeUndefined();
  });
});

describe('parseV4Authorization', () => {
  const credential = 'Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request';

  it('parses the compact form ali-oss and Go send', () => {
    expect(parseV4Authorization(`OSS4-HMAC-SHA256 ${credential},AdditionalHeaders=abc;zabc,Signature=${SIG}`)).toMatchObject({
      additionalHeaders: ['abc', 'zabc'],
      signature: SIG,
    });
  });

  it('parses the oss2 form: spaces, AdditionalHeaders last', () => {
    expect(parseV4Authorization(`OSS4-HMAC-SHA256 ${credential}, Signature=${SIG}, AdditionalHeaders=host`)).toMatchObject({
      additionalHeaders: ['host'],
      signature: SIG,
    });
  });

  it('keeps the AdditionalHeaders order as sent', () => {
    const parsed = parseV4Authorization(`OSS4-HMAC-SHA256 ${credential},AdditionalHeaders=zz;host,Signature=${SIG}`);
    expect(parsed?.additionalHeaders).toEqual(['zz', 'host']);
  });

  it('rejects a missing Signature', () => {
    expect(parseV4Authorization(`OSS4-HMAC-SHA256 ${credential}`)).toBeUndefined();
  });

  it('rejects a repeated pair', () => {
    expect(parseV4Authorization(`OSS4-HMAC-SHA256 ${credential},${credential},Signature=${SIG}`)).toBeUndefined();
  });
});

describe('constantTimeEqual', () => {
  it('is true for equal strings', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
  });

  it('is false for strings of different length', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });

  it('is false for same-length strings that differ', () => {
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
  });
});
