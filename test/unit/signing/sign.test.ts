import {
  authorizationV1,
  presignV1,
  presignV4,
  SigningError,
  signRequest,
  type Credentials,
  type SignableRequest,
} from '../../../shared/signing';

const NOW = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
const LATER = new Date(Date.UTC(2024, 0, 2, 3, 9, 5));
const CREDS: Credentials = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const STS: Credentials = { accessKeyId: 'STS.ak', accessKeySecret: 'sk', securityToken: 'tok' };
const REQ: SignableRequest = {
  method: 'POST',
  bucket: 'bkt',
  query: [
    ['replication', null],
    ['comp', 'add'],
  ],
  headers: { 'Content-Type': 'application/xml', 'Content-MD5': 'md5==' },
};

describe('signRequest V1', () => {
  it('adds an RFC 1123 Date header', () => {
    expect(signRequest(REQ, CREDS, { version: 'v1', now: NOW })['Date']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
  });

  it('adds no x-oss-date header', () => {
    const headers = signRequest(REQ, CREDS, { version: 'v1', now: NOW });
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('x-oss-date');
  });

  it('signs over the Date it adds', () => {
    const headers = signRequest(REQ, CREDS, { version: 'v1', now: NOW });
    expect(headers['Authorization']).toBe(authorizationV1({ ...REQ, headers }, CREDS));
  });

  it('adds x-oss-security-token for STS credentials', () => {
    expect(signRequest(REQ, STS, { version: 'v1', now: NOW })['x-oss-security-token']).toBe('tok');
  });

  it('keeps the caller headers', () => {
    expect(signRequest(REQ, CREDS, { version: 'v1', now: NOW })).toMatchObject(REQ.headers);
  });
});

describe('signRequest V4', () => {
  const v4 = { version: 'v4', region: 'cn-hangzhou', now: NOW } as const;

  it('adds x-oss-date in ISO 8601 basic format', () => {
    expect(signRequest(REQ, CREDS, v4)['x-oss-date']).toBe('20240102T030405Z');
  });

  it('adds x-oss-content-sha256: UNSIGNED-PAYLOAD', () => {
    expect(signRequest(REQ, CREDS, v4)['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
  });

  it('adds a Date header', () => {
    expect(signRequest(REQ, CREDS, v4)['Date']).toBe('Tue, 02 Jan 2024 03:04:05 GMT');
  });

  it('scopes the credential to the date, region and product', () => {
    expect(signRequest(REQ, CREDS, v4)['Authorization']).toMatch(
      /^OSS4-HMAC-SHA256 Credential=ak\/20240102\/cn-hangzhou\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
    );
  });

  it('lists resolved additional headers in the Authorization', () => {
    const req = { ...REQ, headers: { ...REQ.headers, Host: 'bkt.example' } };
    const headers = signRequest(req, CREDS, { ...v4, additionalHeaders: ['Host', 'x-oss-date', 'absent'] });
    expect(headers['Authorization']).toContain(',AdditionalHeaders=host,Signature=');
  });

  it('throws MissingRegion without a region', () => {
    expect(() => signRequest(REQ, CREDS, { version: 'v4', now: NOW })).toThrow(
      expect.objectContaining({ name: 'SigningError', code: 'MissingRegion' }),
    );
  });
});

describe('re-signing', () => {
  it.each(['v1', 'v4'] as const)('%s: a retried request signs exactly like a fresh one', (version) => {
    const opts = { version, region: 'cn-hangzhou', now: LATER };
    const first = signRequest(REQ, STS, { ...opts, now: NOW });
    const retried = signRequest({ ...REQ, headers: first }, STS, opts);
    expect(retried).toEqual(signRequest(REQ, STS, opts));
  });

  it('drops generated headers written in another case', () => {
    const stale = { ...REQ.headers, authorization: 'OSS old:sig', DATE: 'old', 'X-OSS-Security-Token': 'old' };
    const headers = signRequest({ ...REQ, headers: stale }, CREDS, { version: 'v1', now: NOW });
    expect(Object.keys(headers).sort()).toEqual(['Authorization', 'Content-MD5', 'Content-Type', 'Date']);
  });

  it('never mutates the request headers', () => {
    const headers = { ...REQ.headers };
    signRequest({ ...REQ, headers }, STS, { version: 'v4', region: 'cn-hangzhou', now: NOW });
    expect(headers).toEqual(REQ.headers);
  });
});

describe('presignV1', () => {
  it('returns OSSAccessKeyId, Expires and Signature in order', () => {
    expect(presignV1(REQ, CREDS, 1700000000).map(([k]) => k)).toEqual(['OSSAccessKeyId', 'Expires', 'Signature']);
  });

  it('adds security-token for STS credentials', () => {
    expect(Object.fromEntries(presignV1(REQ, STS, 1700000000))['security-token']).toBe('tok');
  });

  it('ignores presign pairs left in the query by an earlier attempt', () => {
    const stale = { ...REQ, query: [...REQ.query, ['Signature', 'old'], ['Expires', '1']] as const };
    expect(presignV1(stale, CREDS, 1700000000)).toEqual(presignV1(REQ, CREDS, 1700000000));
  });

  it('rejects a non-integer expiry', () => {
    expect(() => presignV1(REQ, CREDS, 1.5)).toThrow(SigningError);
  });
});

describe('presignV4', () => {
  const opts = { region: 'cn-hangzhou', now: NOW, expiresSeconds: 600 };

  it('returns the presign pairs with x-oss-signature last', () => {
    expect(presignV4(REQ, STS, opts).map(([k]) => k)).toEqual([
      'x-oss-signature-version',
      'x-oss-date',
      'x-oss-expires',
      'x-oss-credential',
      'x-oss-security-token',
      'x-oss-signature',
    ]);
  });

  it('carries the credential scope unencoded (the URL builder encodes it)', () => {
    expect(Object.fromEntries(presignV4(REQ, CREDS, opts))['x-oss-credential']).toBe('ak/20240102/cn-hangzhou/oss/aliyun_v4_request');
  });

  it('rejects an expiry over 7 days', () => {
    expect(() => presignV4(REQ, CREDS, { ...opts, expiresSeconds: 604801 })).toThrow(expect.objectContaining({ code: 'InvalidExpiry' }));
  });
});
