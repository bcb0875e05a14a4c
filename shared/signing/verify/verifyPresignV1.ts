import {
  V1_QUERY_ACCESS_KEY_ID,
  V1_QUERY_EXPIRES,
  V1_QUERY_SECURITY_TOKEN,
  V1_QUERY_SIGNATURE,
} from '../constants';
import type { CredentialsLookup, IncomingRequest, VerifyOptions, VerifyResult } from '../types';
import { checkSecurityToken } from './checkSecurityToken';
import { accessDenied, invalidAccessKeyId, invalidArgument, MESSAGE_EXPIRED } from './failures';
import { queryValue, withoutQuery } from './queryValue';
import { matchV1Signature } from './verifyHeaderV1';

/** Parameters the V1 presigned URL adds that are not part of the signed resource. */
const UNSIGNED_PRESIGN_QUERY: ReadonlySet<string> = new Set([V1_QUERY_ACCESS_KEY_ID, V1_QUERY_EXPIRES, V1_QUERY_SIGNATURE]);

/** `?OSSAccessKeyId=..&Expires=..&Signature=..`: Expires fills the date slot; security-token stays signed. */
export function verifyPresignV1(req: IncomingRequest, lookup: CredentialsLookup, opts: VerifyOptions): VerifyResult {
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
