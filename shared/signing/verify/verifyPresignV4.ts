import {
  MAX_CLOCK_SKEW_MS,
  V4_ALGORITHM,
  V4_MAX_EXPIRES_SECONDS,
  V4_QUERY_ADDITIONAL_HEADERS,
  V4_QUERY_CREDENTIAL,
  V4_QUERY_DATE,
  V4_QUERY_EXPIRES,
  V4_QUERY_SECURITY_TOKEN,
  V4_QUERY_SIGNATURE,
  V4_QUERY_SIGNATURE_VERSION,
} from '../constants';
import { parseIso8601Basic } from '../dates';
import type { CredentialsLookup, IncomingRequest, VerifyOptions, VerifyResult } from '../types';
import { checkSecurityToken } from './checkSecurityToken';
import {
  accessDenied,
  invalidAccessKeyId,
  invalidArgument,
  MESSAGE_BAD_DATE,
  MESSAGE_EXPIRED,
  requestTimeTooSkewed,
  type VerifyFailure,
} from './failures';
import { matchV4Signature } from './matchV4Signature';
import { parseCredential, splitAdditionalHeaders, type ParsedCredential } from './parseAuthorization';
import { queryValue, withoutQuery } from './queryValue';
import { checkScope } from './verifyHeaderV4';

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
export function verifyPresignV4(req: IncomingRequest, lookup: CredentialsLookup, opts: VerifyOptions): VerifyResult {
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
