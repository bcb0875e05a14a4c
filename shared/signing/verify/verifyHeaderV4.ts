import { CLOUDBOX_PRODUCT, DEFAULT_PRODUCT, HEADER_DATE, HEADER_OSS_DATE, HEADER_OSS_SECURITY_TOKEN } from '../constants';
import { formatYyyymmdd, parseSigningDate } from '../dates';
import { headerValue } from '../lowerCaseHeaders';
import type { CredentialsLookup, IncomingRequest, VerifyOptions, VerifyResult } from '../types';
import { checkClock } from './checkClock';
import { checkSecurityToken } from './checkSecurityToken';
import { accessDenied, invalidAccessKeyId, invalidArgument, MESSAGE_BAD_DATE, type VerifyFailure } from './failures';
import { matchV4Signature } from './matchV4Signature';
import { parseV4Authorization, type ParsedCredential } from './parseAuthorization';

/**
 * The scope must name product `oss`, or `oss-cloudbox` (whose region is a CloudBox id, not a region).
 * A server that knows its region is a regional endpoint: it takes only `oss` scoped to that region,
 * so neither another product nor a CloudBox scope can carry a signature past the region check.
 */
export function checkScope(credential: ParsedCredential, date: Date, opts: VerifyOptions): VerifyFailure | undefined {
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
export function verifyHeaderV4(
  req: IncomingRequest,
  authorization: string,
  lookup: CredentialsLookup,
  opts: VerifyOptions,
): VerifyResult {
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
