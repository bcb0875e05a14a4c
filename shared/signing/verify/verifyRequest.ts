import {
  HEADER_AUTHORIZATION,
  V1_AUTH_SCHEME,
  V1_QUERY_ACCESS_KEY_ID,
  V1_QUERY_SIGNATURE,
  V4_ALGORITHM,
  V4_QUERY_CREDENTIAL,
  V4_QUERY_SIGNATURE,
  V4_QUERY_SIGNATURE_VERSION,
} from '../constants';
import { headerValue } from '../lowerCaseHeaders';
import type { CredentialsLookup, IncomingRequest, VerifyOptions, VerifyResult } from '../types';
import { invalidArgument } from './failures';
import { hasQuery } from './queryValue';
import { verifyHeaderV1 } from './verifyHeaderV1';
import { verifyHeaderV4 } from './verifyHeaderV4';
import { verifyPresignV1 } from './verifyPresignV1';
import { verifyPresignV4 } from './verifyPresignV4';

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
