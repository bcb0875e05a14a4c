/**
 * The signer's entry points: a request signed in its headers (signRequest, V1 or V4) or in its query
 * (presignV1, presignV4). Each starts from the caller's headers without the generated ones, so a
 * retried request is signed afresh, and none mutates its input.
 */
import {
  DEFAULT_PRODUCT,
  HEADER_OSS_CONTENT_SHA256,
  HEADER_OSS_DATE,
  HEADER_OSS_SECURITY_TOKEN,
  OUT_HEADER_AUTHORIZATION,
  OUT_HEADER_DATE,
  UNSIGNED_PAYLOAD,
  V1_PRESIGN_QUERY,
  V1_QUERY_ACCESS_KEY_ID,
  V1_QUERY_EXPIRES,
  V1_QUERY_SECURITY_TOKEN,
  V1_QUERY_SIGNATURE,
  V4_ALGORITHM,
  V4_MAX_EXPIRES_SECONDS,
  V4_PRESIGN_QUERY,
  V4_QUERY_ADDITIONAL_HEADERS,
  V4_QUERY_CREDENTIAL,
  V4_QUERY_DATE,
  V4_QUERY_EXPIRES,
  V4_QUERY_SECURITY_TOKEN,
  V4_QUERY_SIGNATURE,
  V4_QUERY_SIGNATURE_VERSION,
} from './constants';
import { formatIso8601Basic, formatRfc1123, formatYyyymmdd } from './encoding';
import { SigningError } from './errors';
import { headerValue, stripGeneratedHeaders } from './headers';
import type { Credentials, PresignV4Options, QueryPairs, SignableRequest, SignOptions } from './types';
import { authorizationV1, signatureV1, stringToSignV1 } from './v1';
import { authorizationV4, canonicalRequestV4, resolveAdditionalHeaders, scopeV4, signatureV4, signingKeyV4, stringToSignV4 } from './v4';

function withToken(headers: Record<string, string>, creds: Credentials): Record<string, string> {
  return creds.securityToken ? { ...headers, [HEADER_OSS_SECURITY_TOKEN]: creds.securityToken } : headers;
}

function v1Headers(base: Record<string, string>, creds: Credentials, now: Date): Record<string, string> {
  return withToken({ ...base, [OUT_HEADER_DATE]: formatRfc1123(now) }, creds);
}

function v4Headers(base: Record<string, string>, creds: Credentials, now: Date): Record<string, string> {
  const headers: Record<string, string> = {
    ...base,
    [OUT_HEADER_DATE]: formatRfc1123(now),
    [HEADER_OSS_DATE]: formatIso8601Basic(now),
  };
  // A caller-supplied payload hash wins; otherwise the body is not hashed.
  if (headerValue(base, HEADER_OSS_CONTENT_SHA256) === undefined) headers[HEADER_OSS_CONTENT_SHA256] = UNSIGNED_PAYLOAD;
  return withToken(headers, creds);
}

/**
 * Signs a request and returns the complete header set to send: the caller's headers plus `Date`
 * (V1 and V4), `x-oss-date` and `x-oss-content-sha256` (V4), `x-oss-security-token` (STS) and
 * `Authorization`. Headers left over from an earlier attempt are replaced, and `req` is not mutated.
 *
 * @example
 * const headers = signRequest({ method: 'GET', bucket: 'b', query: [['replication', null]], headers: {} },
 *   creds, { version: 'v4', region: 'cn-hangzhou', now: new Date() });
 */
export function signRequest(req: SignableRequest, creds: Credentials, opts: SignOptions): Record<string, string> {
  const base = stripGeneratedHeaders(req.headers);
  if (opts.version === 'v1') {
    const headers = v1Headers(base, creds, opts.now);
    return { ...headers, [OUT_HEADER_AUTHORIZATION]: authorizationV1({ ...req, headers }, creds) };
  }
  if (!opts.region) throw new SigningError('MissingRegion', 'V4 signing needs a region');
  const headers = v4Headers(base, creds, opts.now);
  const authorization = authorizationV4({ ...req, headers }, creds, {
    region: opts.region,
    product: opts.product,
    additionalHeaders: opts.additionalHeaders,
  });
  return { ...headers, [OUT_HEADER_AUTHORIZATION]: authorization };
}

/**
 * V1 presigned URL: the query pairs to append to the request's own query (from which any earlier
 * presign pairs must be dropped): OSSAccessKeyId, Expires, security-token (STS) and Signature.
 * `Expires` (unix seconds) takes the date slot; security-token is a sub-resource, hence signed.
 */
export function presignV1(req: SignableRequest, creds: Credentials, expiresUnixSeconds: number): Array<[string, string]> {
  if (!Number.isSafeInteger(expiresUnixSeconds) || expiresUnixSeconds < 0) {
    throw new SigningError('InvalidExpiry', 'Expires must be a non-negative integer of unix seconds');
  }
  const expires = String(expiresUnixSeconds);
  const token: Array<[string, string]> = creds.securityToken ? [[V1_QUERY_SECURITY_TOKEN, creds.securityToken]] : [];
  const query: QueryPairs = [...req.query.filter(([name]) => !V1_PRESIGN_QUERY.has(name)), ...token];
  const headers = stripGeneratedHeaders(req.headers);
  const signature = signatureV1(creds.accessKeySecret, stringToSignV1({ ...req, headers, query }, expires));
  return [[V1_QUERY_ACCESS_KEY_ID, creds.accessKeyId], [V1_QUERY_EXPIRES, expires], ...token, [V1_QUERY_SIGNATURE, signature]];
}

function checkExpires(seconds: number): void {
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > V4_MAX_EXPIRES_SECONDS) {
    throw new SigningError('InvalidExpiry', `expiresSeconds must be an integer from 1 to ${V4_MAX_EXPIRES_SECONDS}`);
  }
}

function presignPairs(creds: Credentials, opts: PresignV4Options, scope: string, additional: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [
    [V4_QUERY_SIGNATURE_VERSION, V4_ALGORITHM],
    [V4_QUERY_DATE, formatIso8601Basic(opts.now)],
    [V4_QUERY_EXPIRES, String(opts.expiresSeconds)],
    [V4_QUERY_CREDENTIAL, `${creds.accessKeyId}/${scope}`],
  ];
  if (additional.length > 0) pairs.push([V4_QUERY_ADDITIONAL_HEADERS, additional.join(';')]);
  if (creds.securityToken) pairs.push([V4_QUERY_SECURITY_TOKEN, creds.securityToken]);
  return pairs;
}

/**
 * V4 presigned URL: the query pairs to append to the request's own query (from which any earlier
 * presign pairs must be dropped), in order, `x-oss-signature` last. Every pair but the signature is
 * part of the canonical query; the payload line is the request's x-oss-content-sha256 or UNSIGNED-PAYLOAD.
 */
export function presignV4(req: SignableRequest, creds: Credentials, opts: PresignV4Options): Array<[string, string]> {
  checkExpires(opts.expiresSeconds);
  const product = opts.product ?? DEFAULT_PRODUCT;
  const day = formatYyyymmdd(opts.now);
  const scope = scopeV4(day, opts.region, product);
  const headers = stripGeneratedHeaders(req.headers);
  const additional = resolveAdditionalHeaders(headers, opts.additionalHeaders);
  const added = presignPairs(creds, opts, scope, additional);
  const query = [...req.query.filter(([name]) => !V4_PRESIGN_QUERY.has(name)), ...added];
  const canonical = canonicalRequestV4({ ...req, headers, query }, additional);
  const stringToSign = stringToSignV4(formatIso8601Basic(opts.now), scope, canonical);
  const signature = signatureV4(signingKeyV4(creds.accessKeySecret, day, opts.region, product), stringToSign);
  return [...added, [V4_QUERY_SIGNATURE, signature]];
}
