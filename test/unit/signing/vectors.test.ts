import {
  authorizationV1,
  authorizationV4,
  canonicalRequestV4,
  presignV1,
  presignV4,
  resolveAdditionalHeaders,
  scopeV4,
  signatureV1,
  signatureV4,
  signingKeyV4,
  signRequest,
  stringToSignV1,
  stringToSignV4,
  stripGeneratedHeaders,
  verifyRequest,
  type Credentials,
  type SignableRequest,
} from '../../../shared/signing';
import { ALL_VECTORS, type SignatureVector } from './vectors.fixture';

function credsOf(v: SignatureVector): Credentials {
  return {
    accessKeyId: v.accessKeyId ?? '',
    accessKeySecret: v.accessKeySecret,
    ...(v.securityToken ? { securityToken: v.securityToken } : {}),
  };
}

function requestOf(v: SignatureVector, query = v.query ?? []): SignableRequest {
  return { method: v.method ?? 'GET', bucket: v.bucket, key: v.key ?? undefined, query, headers: v.headers ?? {} };
}

function lowerHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, val]) => [k.toLowerCase(), val]));
}

function checkV1Header(v: SignatureVector): void {
  const req = requestOf(v);
  const stringToSign = stringToSignV1(req, v.date);
  expect(stringToSign).toBe(v.expected.stringToSign);
  expect(signatureV1(v.accessKeySecret, stringToSign)).toBe(v.expected.signature);
  expect(authorizationV1(req, credsOf(v))).toBe(v.expected.authorization);
}

function checkV1Presign(v: SignatureVector): void {
  const creds = credsOf(v);
  const pairs = presignV1(requestOf(v), creds, Number(v.date));
  const token: Array<[string, string]> = creds.securityToken ? [['security-token', creds.securityToken]] : [];
  expect(stringToSignV1(requestOf(v, [...(v.query ?? []), ...token]), v.date)).toBe(v.expected.stringToSign);
  const published = new URL(v.expected.signedUrl ?? '').searchParams;
  for (const [name, value] of pairs) expect(published.get(name)).toBe(value);
  expect(Object.fromEntries(pairs)['Signature']).toBe(v.expected.signature);
}

function checkV4Header(v: SignatureVector): void {
  const req = requestOf(v);
  const region = v.region ?? '';
  const product = v.product ?? 'oss';
  const canonical = canonicalRequestV4(req, resolveAdditionalHeaders(req.headers, v.additionalHeadersRequested));
  expect(canonical).toBe(v.expected.canonicalRequest);
  const scope = scopeV4(v.date.slice(0, 8), region, product);
  expect(scope).toBe(v.expected.scope);
  const stringToSign = stringToSignV4(v.date, scope, canonical);
  expect(stringToSign).toBe(v.expected.stringToSign);
  expect(signatureV4(signingKeyV4(v.accessKeySecret, v.date.slice(0, 8), region, product), stringToSign)).toBe(v.expected.signature);
  const opts = { region, product, additionalHeaders: v.additionalHeadersRequested };
  expect(authorizationV4(req, credsOf(v), opts)).toBe(v.expected.authorization);
}

function checkV4SignRequest(v: SignatureVector): void {
  const req = { ...requestOf(v), headers: stripGeneratedHeaders(v.headers ?? {}) };
  const now = new Date((v.signTimeUnix ?? 0) * 1000);
  const signed = signRequest(req, credsOf(v), {
    version: 'v4',
    region: v.region ?? '',
    product: v.product ?? 'oss',
    now,
    additionalHeaders: v.additionalHeadersRequested,
  });
  expect(signed['Authorization']).toBe(v.expected.authorization);
}

function checkV4Presign(v: SignatureVector): void {
  const req = requestOf(v);
  const additional = resolveAdditionalHeaders(req.headers, v.additionalHeadersRequested);
  const canonical = canonicalRequestV4(requestOf(v, [...(v.query ?? []), ...(v.presignQueryAdded ?? [])]), additional);
  expect(canonical).toBe(v.expected.canonicalRequest);
  const pairs = presignV4(req, credsOf(v), {
    region: v.region ?? '',
    product: v.product ?? 'oss',
    now: new Date((v.signTimeUnix ?? 0) * 1000),
    expiresSeconds: (v.expirationUnix ?? 0) - (v.signTimeUnix ?? 0),
    additionalHeaders: v.additionalHeadersRequested,
  });
  const got = Object.fromEntries(pairs);
  for (const [name, value] of Object.entries(v.expected.queryParametersAssertedBySource ?? {})) {
    expect(got[name] ?? '').toBe(value);
  }
  expect(pairs[pairs.length - 1]).toEqual(['x-oss-signature', v.expected.signature]);
}

function checkVector(v: SignatureVector): void {
  if (v.mode === 'signing-key-derivation') {
    const key = signingKeyV4(v.accessKeySecret, v.date, v.region ?? '', v.product ?? 'oss');
    expect(key.toString('hex')).toBe(v.expected.signingKeyHex);
  } else if (v.version === 'V1') {
    if (v.mode === 'header') checkV1Header(v);
    else checkV1Presign(v);
  } else if (v.mode === 'header') {
    checkV4Header(v);
    checkV4SignRequest(v);
  } else {
    checkV4Presign(v);
  }
}

/** The request a server would see for a vector, with the published authorization applied. */
function incomingOf(v: SignatureVector): { req: SignableRequest; now: Date } {
  const base = requestOf(v);
  const headers = lowerHeaders(base.headers);
  if (v.mode === 'header') {
    const now = v.signTimeUnix ? new Date(v.signTimeUnix * 1000) : new Date(Date.parse(v.date));
    return { req: { ...base, headers: { ...headers, authorization: v.expected.authorization ?? '' } }, now };
  }
  if (v.version === 'V1') {
    const query = [...new URL(v.expected.signedUrl ?? '').searchParams].filter(([n]) => n !== 'versionId');
    return { req: { ...base, headers, query: [...base.query, ...query] }, now: new Date((Number(v.date) - 60) * 1000) };
  }
  const signature: [string, string] = ['x-oss-signature', v.expected.signature ?? ''];
  const query = [...base.query, ...(v.presignQueryAdded ?? []), signature];
  return { req: { ...base, headers, query }, now: new Date(((v.signTimeUnix ?? 0) + 60) * 1000) };
}

describe('published OSS signature vectors', () => {
  it.each(ALL_VECTORS.map((v) => [v.id, v] as const))('%s reproduces the published result', (_id, v) => {
    checkVector(v);
  });
});

describe('verifyRequest against published vectors', () => {
  const signed = ALL_VECTORS.filter((v) => v.mode !== 'signing-key-derivation');
  it.each(signed.map((v) => [v.id, v] as const))('%s is accepted', (_id, v) => {
    const { req, now } = incomingOf(v);
    const result = verifyRequest(req, (ak) => (ak === v.accessKeyId ? credsOf(v) : undefined), { now });
    expect(result).toEqual({ ok: true, accessKeyId: v.accessKeyId, version: v.version === 'V1' ? 'v1' : 'v4' });
  });
});
