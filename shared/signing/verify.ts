/**
 * The server side (the emulator's gate): verifyRequest picks the scheme a request carries and checks
 * it: header V1 and V4, presigned V1 and V4, the scope, the clock, the STS token, then the signature.
 */
import {
  CLOUDBOX_PRODUCT,
  DEFAULT_PRODUCT,
  HEADER_AUTHORIZATION,
  HEADER_DATE,
  HEADER_OSS_DATE,
  HEADER_OSS_SECURITY_TOKEN,
  MAX_CLOCK_SKEW_MS,
  V1_AUTH_SCHEME,
  V1_QUERY_ACCESS_KEY_ID,
  V1_QUERY_EXPIRES,
  V1_QUERY_SECURITY_TOKEN,
  V1_QUERY_SIGNATURE,
  V4_ALGORITHM,
  V4_MAX_EXPIRES_SECONDS,
  V4_QUERY_ADDITIONAL_HEADERS,
  V4_QUERY_CREDENTIAL,
  V4_QUERY_DATE,
  V4_QUERY_EXPIRES,
  V4_QUERY_SECURITY_TOKEN,
  V4_QUERY_SIGNATURE,
  V4_QUERY_SIGNATURE_VERSION,
} from './constants';
import { constantTimeEqual, formatYyyymmdd, parseIso8601Basic, parseSigningDate } from './encoding';
import {
  accessDenied,
  invalidAccessKeyId,
  invalidArgument,
  MESSAGE_BAD_DATE,
  MESSAGE_BAD_TOKEN,
  MESSAGE_EXPIRED,
  requestTimeTooSkewed,
  type VerifyFailure,
} from './errors';
import { headerValue } from './headers';
import { matchV1Signature, matchV4Signature } from './matchSignature';
import {
  hasQuery,
  parseCredential,
  parseV1Authorization,
  parseV4Authorization,
  queryValue,
  splitAdditionalHeaders,
  withoutQuery,
  type ParsedCredential,
} from './parseAuthorization';
import type { Credentials, CredentialsLookup, IncomingRequest, VerifyOptions, VerifyResult } from './types';
import { dateSlotV1 } from './v1';

/** RequestTimeTooSkewed when the request date is further than the allowed skew from server time. */
function checkClock(requestDate: Date, accessKeyId: string, opts: VerifyOptions): VerifyFailure | undefined {
  const maxSkew = opts.maxSkewMs ?? MAX_CLOCK_SKEW_MS;
  const skew = Math.abs(requestDate.getTime() - opts.now.getTime());
  return skew > maxSkew ? requestTimeTooSkewed(accessKeyId) : undefined;
}

/**
 * STS credentials are only valid together with their token; a long-term key must not carry one.
 * A missing token makes the temporary key unknown (InvalidAccessKeyId), a wrong one is AccessDenied.
 */
function checkSecurityToken(creds: Credentials, provided: string | undefined): VerifyFailure | undefined {
  const expected = creds.securityToken;
  const given = provided === '' ? undefined : provided;
  if (expected === undefined || expected === '') {
    return given === undefined ? undefined : accessDenied(MESSAGE_BAD_TOKEN, creds.accessKeyId);
  }
  if (given === undefined) return invalidAccessKeyId(creds.accessKeyId);
  return constantTimeEqual(given, expected) ? undefined : accessDenied(MESSAGE_BAD_TOKEN, creds.accessKeyId);
}

/** `Authorization: OSS ak:signature`. */
function verifyHeaderV1(req: IncomingRequest, authorization: string, lookup: CredentialsLookup, opts: VerifyOptions): VerifyResult {
  const parsed = parseV1Authorization(authorization);
  if (!parsed) return invalidArgument('Authorization header is invalid.');
  const creds = lookup(parsed.accessKeyId);
  if (!creds) return invalidAccessKeyId(parsed.accessKeyId);
  const dateSlot = dateSlotV1(req.headers);
  const date = dateSlot === undefined ? undefined : parseSigningDate(dateSlot);
  if (dateSlot === undefined || !date) return accessDenied(MESSAGE_BAD_DATE, parsed.accessKeyId);
  const failure =
    checkClock(date, parsed.accessKeyId, opts) ??
    checkSecurityToken(creds, headerValue(req.headers, HEADER_OSS_SECURITY_TOKEN)) ??
    matchV1Signature(req, creds, dateSlot, parsed.signature);
  return failure ?? { ok: true, accessKeyId: parsed.accessKeyId, version: 'v1' };
}

/**
 * The scope must name product `oss`, or `oss-cloudbox` (whose region is a CloudBox id, not a region).
 * A server that knows its region is a regional endpoint: it takes only `oss` scoped to that region,
 * so neither another product nor a CloudBox scope can carry a signature past the region check.
 */
function checkScope(credential: ParsedCredential, date: Date, opts: VerifyOptions): VerifyFailure | undefined {
  const products: readonly string[] = opts.region ? [DEFAULT_PRODUCT] : [DEFAULT_PRODUCT, CLOUDBOX_PRODUCT];
  if (!products.includes(credential.product)) {
    return invalidArgument(`Invalid signing product in credential: expected ${products.join(' or ')}.`);
  }
  if (opts.region && credential.region !== opts.region) {
    return invalidArgument(`Invalid signing region in credential: expected ${opts.region}.`);
  }
  if (credential.date !== formatYyyymmdd(date)) return invalidArgument('Invalid signing date in credential.');
  return undefined;
}

/**
 * `Authorization: OSS4-HMAC-SHA256 ...`. The timestamp line is x-oss-date as sent; without it the raw
 * `Date` header is used, because Go SDK v1 signs V4 that way (tolerance, unconfirmed on real OSS).
 */
function verifyHeaderV4(req: IncomingRequest, authorization: string, lookup: CredentialsLookup, opts: VerifyOptions): VerifyResult {
  const parsed = parseV4Authorization(authorization);
  if (!parsed) return invalidArgument('Authorization header is invalid.');
  const { accessKeyId } = parsed.credential;
  const creds = lookup(accessKeyId);
  if (!creds) return invalidAccessKeyId(accessKeyId);
  const timestamp = headerValue(req.headers, HEADER_OSS_DATE) ?? headerValue(req.headers, HEADER_DATE);
  const date = timestamp === undefined ? undefined : parseSigningDate(timestamp);
  if (timestamp === undefined || !date) return accessDenied(MESSAGE_BAD_DATE, accessKeyId);
  const failure =
    checkScope(parsed.credential, date, opts) ??
    checkClock(date, accessKeyId, opts) ??
    checkSecurityToken(creds, headerValue(req.headers, HEADER_OSS_SECURITY_TOKEN)) ??
    matchV4Signature({
      req,
      creds,
      credential: parsed.credential,
      timestamp,
      additionalHeaders: parsed.additionalHeaders,
      provided: parsed.signature,
    });
  return failure ?? { ok: true, accessKeyId, version: 'v4' };
}

/** Parameters the V1 presigned URL adds that are not part of the signed resource. */
const UNSIGNED_PRESIGN_QUERY: ReadonlySet<string> = new Set([V1_QUERY_ACCESS_KEY_ID, V1_QUERY_EXPIRES, V1_QUERY_SIGNATURE]);

/** `?OSSAccessKeyId=..&Expires=..&Signature=..`: Expires fills the date slot; security-token stays signed. */
function verifyPresignV1(req: IncomingRequest, lookup: CredentialsLookup, opts: VerifyOptions): VerifyResult {
  const accessKeyId = queryValue(req.query, V1_QUERY_ACCESS_KEY_ID);
  const expires = queryValue(req.query, V1_QUERY_EXPIRES);
  const signature = queryValue(req.query, V1_QUERY_SIGNATURE);
  if (!accessKeyId || !signature || expires === undefined || !/^\d+$/.test(expires)) {
    return invalidArgument('Presigned URL parameters OSSAccessKeyId, Expires and Signature are invalid.');
  }
  const creds = lookup(accessKeyId);
  if (!creds) return invalidAccessKeyId(accessKeyId);
  if (opts.now.getTime() > Number(expires) * 1000) return accessDenied(MESSAGE_EXPIRED, accessKeyId);
  const failure =
    checkSecurityToken(creds, queryValue(req.query, V1_QUERY_SECURITY_TOKEN)) ??
    matchV1Signature({ ...req, query: withoutQuery(req.query, UNSIGNED_PRESIGN_QUERY) }, creds, expires, signature);
  return failure ?? { ok: true, accessKeyId, version: 'v1' };
}

interface PresignV4Params {
  readonly credential: ParsedCredential;
  readonly date: Date;
  readonly timestamp: string;
  readonly expiresSeconds: number;
  readonly signature: string;
}

function parseParams(req: IncomingRequest): PresignV4Params | VerifyFailure {
  if (queryValue(req.query, V4_QUERY_SIGNATURE_VERSION) !== V4_ALGORITHM) {
    return invalidArgument(`${V4_QUERY_SIGNATURE_VERSION} must be ${V4_ALGORITHM}.`);
  }
  const credential = parseCredential(queryValue(req.query, V4_QUERY_CREDENTIAL) ?? '');
  const signature = queryValue(req.query, V4_QUERY_SIGNATURE);
  const expires = queryValue(req.query, V4_QUERY_EXPIRES) ?? '';
  const expiresSeconds = /^\d+$/.test(expires) ? Number(expires) : NaN;
  if (!credential || !signature || !(expiresSeconds >= 1 && expiresSeconds <= V4_MAX_EXPIRES_SECONDS)) {
    return invalidArgument('Presigned URL parameters are invalid.');
  }
  const timestamp = queryValue(req.query, V4_QUERY_DATE) ?? '';
  const date = parseIso8601Basic(timestamp);
  if (!date) return accessDenied(MESSAGE_BAD_DATE, credential.accessKeyId);
  return { credential, date, timestamp, expiresSeconds, signature };
}

/** A presigned URL may be used until it expires, but must not be dated in the future beyond the skew. */
function checkWindow(params: PresignV4Params, opts: VerifyOptions): VerifyFailure | undefined {
  const { accessKeyId } = params.credential;
  const now = opts.now.getTime();
  const signedAt = params.date.getTime();
  if (signedAt - now > (opts.maxSkewMs ?? MAX_CLOCK_SKEW_MS)) return requestTimeTooSkewed(accessKeyId);
  if (now > signedAt + params.expiresSeconds * 1000) return accessDenied(MESSAGE_EXPIRED, accessKeyId);
  return undefined;
}

/** `?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-date=..&x-oss-expires=..&x-oss-credential=..&x-oss-signature=..`. */
function verifyPresignV4(req: IncomingRequest, lookup: CredentialsLookup, opts: VerifyOptions): VerifyResult {
  const params = parseParams(req);
  if ('ok' in params) return params;
  const { accessKeyId } = params.credential;
  const creds = lookup(accessKeyId);
  if (!creds) return invalidAccessKeyId(accessKeyId);
  const failure =
    checkScope(params.credential, params.date, opts) ??
    checkWindow(params, opts) ??
    checkSecurityToken(creds, queryValue(req.query, V4_QUERY_SECURITY_TOKEN)) ??
    matchV4Signature({
      req: { ...req, query: withoutQuery(req.query, new Set([V4_QUERY_SIGNATURE])) },
      creds,
      credential: params.credential,
      timestamp: params.timestamp,
      additionalHeaders: splitAdditionalHeaders(queryValue(req.query, V4_QUERY_ADDITIONAL_HEADERS)),
      provided: params.signature,
    });
  return failure ?? { ok: true, accessKeyId, version: 'v4' };
}

function isPresignV4(req: IncomingRequest): boolean {
  return [V4_QUERY_SIGNATURE_VERSION, V4_QUERY_CREDENTIAL, V4_QUERY_SIGNATURE].some((name) => hasQuery(req.query, name));
}

function isPresignV1(req: IncomingRequest): boolean {
  return hasQuery(req.query, V1_QUERY_ACCESS_KEY_ID) || hasQuery(req.query, V1_QUERY_SIGNATURE);
}

function verifyAuthorizationHeader(
  req: IncomingRequest,
  authorization: string,
  lookup: CredentialsLookup,
  opts: VerifyOptions,
): VerifyResult {
  const value = authorization.trim();
  if (value.startsWith(`${V4_ALGORITHM} `)) return verifyHeaderV4(req, value, lookup, opts);
  if (value.startsWith(`${V1_AUTH_SCHEME} `)) return verifyHeaderV1(req, value, lookup, opts);
  return invalidArgument('Authorization header is invalid.');
}

/**
 * Server-side check of an incoming request (the emulator's gate). Chooses the scheme from what the
 * request carries: an Authorization header (V1 or V4), V4 presign query, V1 presign query, or
 * nothing at all, which is `{ ok: true, version: 'anonymous', accessKeyId: '' }`: the caller decides
 * what anonymous requests may do.
 *
 * Tolerances, so that every official SDK passes: V1 accepts signatures over the union sub-resource
 * list (or over it plus `x-oss-*` keys, or over all parameters); V4 treats `k` and `k=` alike and
 * accepts byte or locale (ali-oss) query order; V4 Authorization pairs may come in any order with
 * spaces. Signatures and tokens are compared in constant time.
 */
export function verifyRequest(req: IncomingRequest, lookup: CredentialsLookup, opts: VerifyOptions): VerifyResult {
  const authorization = headerValue(req.headers, HEADER_AUTHORIZATION);
  if (authorization !== undefined) return verifyAuthorizationHeader(req, authorization, lookup, opts);
  if (isPresignV4(req)) return verifyPresignV4(req, lookup, opts);
  if (isPresignV1(req)) return verifyPresignV1(req, lookup, opts);
  return { ok: true, accessKeyId: '', version: 'anonymous' };
}
