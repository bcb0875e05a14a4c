import {
  DEFAULT_PRODUCT,
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
import { canonicalRequestV4 } from './canonicalRequestV4';
import { resolveAdditionalHeaders } from './canonicalHeaders';
import { formatIso8601Basic, formatYyyymmdd } from './dates';
import { SigningError } from './errors';
import { stripGeneratedHeaders } from './prepareHeaders';
import { scopeV4 } from './scopeV4';
import { signatureV4, signingKeyV4 } from './signingKeyV4';
import { stringToSignV4 } from './stringToSignV4';
import type { Credentials, PresignV4Options, SignableRequest } from './types';

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
