import {
  HEADER_OSS_CONTENT_SHA256,
  HEADER_OSS_DATE,
  HEADER_OSS_SECURITY_TOKEN,
  OUT_HEADER_AUTHORIZATION,
  OUT_HEADER_DATE,
  UNSIGNED_PAYLOAD,
} from './constants';
import { authorizationV1 } from './authorizationV1';
import { authorizationV4 } from './authorizationV4';
import { formatIso8601Basic, formatRfc1123 } from './dates';
import { SigningError } from './errors';
import { headerValue } from './lowerCaseHeaders';
import { stripGeneratedHeaders } from './prepareHeaders';
import type { Credentials, SignableRequest, SignOptions } from './types';

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
