import {
  canonicalRequestV4,
  presignV1,
  presignV4,
  signRequest,
  verifyRequest,
  type Credentials,
  type CredentialsLookup,
  type IncomingRequest,
  type SignableRequest,
  scopeV4,
  signatureV4,
  signingKeyV4,
  stringToSignV4,
  type CanonicalQueryOptions,
  type SignatureVersion,
} from '../../../shared/signing';

const NOW = new Date(Date.UTC(2024, 5, 1, 12, 0, 0));
const MIN = 60_000;
const CREDS: Credentials = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const STS: Credentials = { accessKeyId: 'STS.ak', accessKeySecret: 'sts-sk', securityToken: 'tok' };
const lookup: CredentialsLookup = (ak) => [CREDS, STS].find((c) => c.accessKeyId === ak);
const REQ: SignableRequest = {
  method: 'GET',
  bucket: 'bkt',
  query: [
    ['replicationProgress', null],
    ['rule-id', 'r 1'],
  ],
  headers: { 'Content-Type': 'application/xml' },
};

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function signed(version: SignatureVersion, creds = CREDS, at = NOW, req = REQ): IncomingRequest {
  return { ...req, headers: lower(signRequest(req, creds, { version, region: 'cn-hangzhou', now: at })) };
}

function withHeader(req: IncomingRequest, name: string, value: string | undefined): IncomingRequest {
  const headers: Record<string, string> = { ...req.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...req, headers };
}

const verify = (req: IncomingRequest, now = NOW): ReturnType<typeof verifyRequest> => verifyRequest(req, lookup, { now });

describe.each(['v1', 'v4'] as const)('verifyRequest %s header auth', (version) => {
  it('accepts a request signed by signRequest', () => {
    expect(verify(signed(version))).toEqual({ ok: true, accessKeyId: 'ak', version });
  });

  it('answers 403 InvalidAccessKeyId for an unknown key', () => {
    const result = verifyRequest(signed(version), () => undefined, { now: NOW });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'InvalidAccessKeyId', accessKeyId: 'ak' });
  });

  it('answers 403 SignatureDoesNotMatch with the string to sign when the request was altered', () => {
    const altered = { ...signed(version), method: 'DELETE' };
    expect(verify(altered)).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch' });
    const marker = version === 'v1' ? 'DELETE\n' : 'OSS4-HMAC-SHA256\n';
    expect(verify(altered)).toHaveProperty('stringToSign', expect.stringContaining(marker));
  });

  it('answers 403 RequestTimeTooSkewed beyond 15 minutes', () => {
    expect(verify(signed(version), new Date(NOW.getTime() + 16 * MIN))).toMatchObject({
      status: 403,
      code: 'RequestTimeTooSkewed',
    });
  });

  it('accepts a request 14 minutes old', () => {
    expect(verify(signed(version), new Date(NOW.getTime() + 14 * MIN))).toMatchObject({ ok: true });
  });

  it('honours a custom maxSkewMs', () => {
    const result = verifyRequest(signed(version), lookup, { now: new Date(NOW.getTime() + 2 * MIN), maxSkewMs: MIN });
    expect(result).toMatchObject({ code: 'RequestTimeTooSkewed' });
  });

  it('answers 403 AccessDenied without any date header', () => {
    const req = withHeader(withHeader(signed(version), 'date', undefined), 'x-oss-date', undefined);
    expect(verify(req)).toMatchObject({ ok: false, status: 403, code: 'AccessDenied' });
  });

  it('answers 403 AccessDenied for a malformed date', () => {
    const name = version === 'v1' ? 'date' : 'x-oss-date';
    expect(verify(withHeader(signed(version), name, 'yesterday'))).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('accepts STS credentials with their token', () => {
    expect(verify(signed(version, STS))).toEqual({ ok: true, accessKeyId: 'STS.ak', version });
  });

  it('answers InvalidAccessKeyId for STS credentials without their token', () => {
    const req = withHeader(signed(version, STS), 'x-oss-security-token', undefined);
    expect(verify(req)).toMatchObject({ ok: false, status: 403, code: 'InvalidAccessKeyId' });
  });

  it('answers AccessDenied for STS credentials with another token', () => {
    const req = withHeader(signed(version, STS), 'x-oss-security-token', 'other');
    expect(verify(req)).toMatchObject({ ok: false, status: 403, code: 'AccessDenied' });
  });

  it('never puts the secret or token into the failure', () => {
    const req = { ...signed(version, STS), method: 'PUT' };
    expect(JSON.stringify(verify(req))).not.toMatch(/sts-sk/);
  });
});

describe('verifyRequest V1 specifics', () => {
  it('prefers x-oss-date over Date for the date slot', () => {
    const base = signed('v1');
    const req = withHeader(base, 'x-oss-date', base.headers['date']);
    expect(verify({ ...req, headers: { ...req.headers, date: 'Mon, 01 Jan 2024 00:00:00 GMT' } })).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('accepts a signature computed over every query parameter', () => {
    const req = signed('v1', CREDS, NOW, { ...REQ, query: [['prefix', 'p']] });
    const allSigned = { ...REQ, query: [['prefix', 'p']] as const };
    const headers = lower(signRequest(allSigned, CREDS, { version: 'v1', now: NOW }));
    expect(verify({ ...req, headers })).toMatchObject({ ok: true });
  });

  it('answers 400 InvalidArgument for a malformed OSS Authorization', () => {
    expect(verify(withHeader(signed('v1'), 'authorization', 'OSS ak-without-signature'))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
    });
  });
});

describe('verifyRequest V4 specifics', () => {
  const reorder = (auth: string): string => {
    const [algorithm, rest = ''] = auth.split(' ');
    const [credential, signature] = rest.split(',');
    return `${algorithm}   ${signature}, ${credential} `;
  };

  it('accepts Authorization pairs in any order with spaces', () => {
    const req = signed('v4');
    expect(verify(withHeader(req, 'authorization', reorder(req.headers['authorization'] ?? '')))).toMatchObject({ ok: true });
  });

  /** Re-signs a signRequest result with a non-spec canonical query spelling, as some SDKs produce. */
  function resignedWith(req: IncomingRequest, options: CanonicalQueryOptions): IncomingRequest {
    const date = req.headers['x-oss-date'] ?? '';
    const scope = scopeV4(date.slice(0, 8), 'cn-hangzhou');
    const stringToSign = stringToSignV4(date, scope, canonicalRequestV4(req, [], options));
    const signature = signatureV4(signingKeyV4('sk', date.slice(0, 8), 'cn-hangzhou'), stringToSign);
    const auth = (req.headers['authorization'] ?? '').replace(/Signature=[0-9a-f]+/, `Signature=${signature}`);
    return withHeader(req, 'authorization', auth);
  }

  it('accepts a query whose empty values were signed as k= (ali-oss)', () => {
    const req = signed('v4', CREDS, NOW, {
      ...REQ,
      query: [
        ['acl', null],
        ['prefix', ''],
      ],
    });
    expect(verify(resignedWith(req, { equalsForEmpty: (i) => i === 1 }))).toMatchObject({ ok: true });
  });

  it('accepts a query sorted with localeCompare (ali-oss)', () => {
    const req = signed('v4', CREDS, NOW, {
      ...REQ,
      query: [
        ['Zeta', '1'],
        ['alpha', '2'],
      ],
    });
    expect(verify(resignedWith(req, { sort: 'locale' }))).toMatchObject({ ok: true });
  });

  it('answers 400 InvalidArgument for an unknown scheme', () => {
    expect(verify(withHeader(signed('v4'), 'authorization', 'Bearer x'))).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  it('answers 400 InvalidArgument for a credential without the terminator', () => {
    const auth = (signed('v4').headers['authorization'] ?? '').replace('aliyun_v4_request', 'aws4_request');
    expect(verify(withHeader(signed('v4'), 'authorization', auth))).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  it('answers 400 InvalidArgument for a scope in another region when the server knows its region', () => {
    const result = verifyRequest(signed('v4'), lookup, { now: NOW, region: 'cn-beijing' });
    expect(result).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  /** Signs REQ by hand with any scope region and product, as a client holding the secret could. */
  function signedWithScope(region: string, product: string): IncomingRequest {
    const headers = lower(signRequest(REQ, CREDS, { version: 'v4', region, product, now: NOW }));
    return { ...REQ, headers };
  }

  it('answers 400 InvalidArgument for a scope in another region under a product other than oss', () => {
    const result = verifyRequest(signedWithScope('us-east-1', 'xyz'), lookup, { now: NOW, region: 'cn-hangzhou' });
    expect(result).toMatchObject({ ok: false, status: 400, code: 'InvalidArgument' });
  });

  it('answers 400 InvalidArgument for a CloudBox scope on a server that knows its region', () => {
    const result = verifyRequest(signedWithScope('cn-beijing', 'oss-cloudbox'), lookup, { now: NOW, region: 'cn-hangzhou' });
    expect(result).toMatchObject({ ok: false, status: 400, code: 'InvalidArgument' });
  });

  it('answers 400 InvalidArgument for an unknown product even when the server has no region', () => {
    expect(verify(signedWithScope('cn-hangzhou', 's3'))).toMatchObject({ ok: false, status: 400, code: 'InvalidArgument' });
  });

  it('accepts a CloudBox scope when the server has no region', () => {
    expect(verify(signedWithScope('cb-123', 'oss-cloudbox'))).toMatchObject({ ok: true, version: 'v4' });
  });

  it('uses the raw Date header as the timestamp when x-oss-date is absent (Go SDK v1)', () => {
    const req = signed('v4');
    const stripped = withHeader(req, 'x-oss-date', undefined);
    const result = verify(stripped);
    expect(result).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(result).toHaveProperty('stringToSign', expect.stringContaining(`\n${req.headers['date']}\n`));
  });
});

describe('verifyRequest presigned V1', () => {
  const expires = Math.floor(NOW.getTime() / 1000) + 600;
  const url = (creds: Credentials): IncomingRequest => ({
    ...REQ,
    headers: lower(REQ.headers),
    query: [...REQ.query, ...presignV1(REQ, creds, expires)],
  });

  it('accepts a URL from presignV1', () => {
    expect(verify(url(CREDS))).toEqual({ ok: true, accessKeyId: 'ak', version: 'v1' });
  });

  it('answers AccessDenied "Request has expired" after Expires', () => {
    expect(verify(url(CREDS), new Date((expires + 1) * 1000))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: expect.stringContaining('Request has expired'),
    });
  });

  it('accepts STS credentials with security-token in the query', () => {
    expect(verify(url(STS))).toMatchObject({ ok: true, accessKeyId: 'STS.ak' });
  });

  it('rejects STS credentials whose security-token was removed', () => {
    const req = url(STS);
    expect(verify({ ...req, query: req.query.filter(([k]) => k !== 'security-token') })).toMatchObject({ ok: false });
  });

  it('answers 400 InvalidArgument for a non-numeric Expires', () => {
    const req = url(CREDS);
    const query = req.query.map(([k, v]) => (k === 'Expires' ? ([k, 'soon'] as const) : ([k, v] as const)));
    expect(verify({ ...req, query })).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });
});

describe('verifyRequest presigned V4', () => {
  const url = (creds: Credentials, expiresSeconds = 600): IncomingRequest => ({
    ...REQ,
    headers: lower(REQ.headers),
    query: [...REQ.query, ...presignV4(REQ, creds, { region: 'cn-hangzhou', now: NOW, expiresSeconds })],
  });

  it('accepts a URL from presignV4', () => {
    expect(verify(url(CREDS))).toEqual({ ok: true, accessKeyId: 'ak', version: 'v4' });
  });

  it('accepts it until the expiry, long after the skew window', () => {
    expect(verify(url(CREDS, 3600), new Date(NOW.getTime() + 59 * MIN))).toMatchObject({ ok: true });
  });

  it('answers AccessDenied "Request has expired" after x-oss-expires', () => {
    expect(verify(url(CREDS), new Date(NOW.getTime() + 601_000))).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringContaining('Request has expired'),
    });
  });

  it('answers RequestTimeTooSkewed for a URL dated far in the future', () => {
    expect(verify(url(CREDS), new Date(NOW.getTime() - 16 * MIN))).toMatchObject({ code: 'RequestTimeTooSkewed' });
  });

  it('accepts STS credentials with x-oss-security-token in the query', () => {
    expect(verify(url(STS))).toMatchObject({ ok: true, accessKeyId: 'STS.ak' });
  });

  it('answers SignatureDoesNotMatch when a signed query value changed', () => {
    const req = url(CREDS);
    const query = req.query.map(([k, v]) => (k === 'rule-id' ? ([k, 'r2'] as const) : ([k, v] as const)));
    expect(verify({ ...req, query })).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('answers 400 InvalidArgument for a URL scoped to another region under a product other than oss', () => {
    const query = [...REQ.query, ...presignV4(REQ, CREDS, { region: 'us-east-1', product: 'xyz', now: NOW, expiresSeconds: 600 })];
    const result = verifyRequest({ ...REQ, headers: lower(REQ.headers), query }, lookup, { now: NOW, region: 'cn-hangzhou' });
    expect(result).toMatchObject({ ok: false, status: 400, code: 'InvalidArgument' });
  });

  it('answers 400 InvalidArgument for another signature version', () => {
    const req = url(CREDS);
    const query = req.query.map(([k, v]) => (k === 'x-oss-signature-version' ? ([k, 'OSS2'] as const) : ([k, v] as const)));
    expect(verify({ ...req, query })).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });
});

describe('verifyRequest anonymous', () => {
  it('lets a request without any authentication through as anonymous', () => {
    expect(verify({ ...REQ, headers: {} })).toEqual({ ok: true, accessKeyId: '', version: 'anonymous' });
  });
});
