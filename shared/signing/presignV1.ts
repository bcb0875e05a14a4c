import {
  V1_PRESIGN_QUERY,
  V1_QUERY_ACCESS_KEY_ID,
  V1_QUERY_EXPIRES,
  V1_QUERY_SECURITY_TOKEN,
  V1_QUERY_SIGNATURE,
} from './constants';
import { SigningError } from './errors';
import { stripGeneratedHeaders } from './prepareHeaders';
import { signatureV1 } from './signatureV1';
import { stringToSignV1 } from './stringToSignV1';
import type { Credentials, QueryPairs, SignableRequest } from './types';

/**
 * V1 presigned URL: the query pairs to append to the request's own query (from which any earlier
 * presign pairs must be dropped): OSSAccessKeyId, Expires, security-token (STS) and Signature.
 * `Expires` (unix seconds) takes the date slot; security-token is a sub-resource, hence signed.
 */
export function presignV1(
  req: SignableRequest,
  creds: Credentials,
  expiresUnixSeconds: number,
): Array<[string, string]> {
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
