import { parseCredential, parseV1Authorization, parseV4Authorization } from '../../../shared/signing';

const SIG = 'e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe';

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
