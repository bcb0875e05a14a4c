import { DEFAULT_PRODUCT, HEADER_DATE, HEADER_OSS_DATE, HEADER_OSS_SECURITY_TOKEN } from '../constants';
import { formatYyyymmdd, parseSigningDate } from '../dates';
import { headerValue } from '../lowerCaseHeaders';
import type { CredentialsLookup, IncomingRequest, VerifyOptions, VerifyResult } from '../types';
import { checkClock } from './checkClock';
import { checkSecurityToken } from './checkSecurityToken';
import { accessDenied, invalidAccessKeyId, invalidArgument, MESSAGE_BAD_DATE, type VerifyFailure } from './failures';
import { matchV4Signature } from './matchV4Signature';
import { parseV4Authorization, type ParsedCredential } from './parseAuthorization';

/** A scope for another region is refused when the server knows its region (CloudBox ids are not regions). */
export function checkScope(credential: ParsedCredential, date: Date, opts: VerifyOptions): VerifyFailure | undefined {
  if (opts.region && credential.product === DEFAULT_PRODUCT && credential.region !== opts.region) {
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
