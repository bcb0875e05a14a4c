import { HEADER_OSS_SECURITY_TOKEN, OSS_HEADER_PREFIX, V1_SUB_RESOURCES } from '../constants';
import { dateSlotV1 } from '../authorizationV1';
import { parseSigningDate } from '../dates';
import { headerValue } from '../lowerCaseHeaders';
import { signatureV1 } from '../signatureV1';
import { stringToSignV1 } from '../stringToSignV1';
import type { SubResourceFilter } from '../canonicalizedResource';
import type { Credentials, CredentialsLookup, IncomingRequest, VerifyOptions, VerifyResult } from '../types';
import { checkClock } from './checkClock';
import { checkSecurityToken } from './checkSecurityToken';
import { constantTimeEqual } from './constantTimeEqual';
import {
  accessDenied,
  invalidAccessKeyId,
  invalidArgument,
  MESSAGE_BAD_DATE,
  signatureDoesNotMatch,
  type VerifyFailure,
} from './failures';
import { parseV1Authorization } from './parseAuthorization';

/**
 * Sub-resource sets a V1 signature is checked against, the union list first. Tolerance: Go v2 also
 * signs any `x-oss-*` query key, and some clients sign every parameter; accepting those spellings
 * lets every SDK through without weakening the check (each is still a full HMAC over the request).
 */
export const V1_RESOURCE_FILTERS: readonly SubResourceFilter[] = [
  V1_SUB_RESOURCES,
  (name) => V1_SUB_RESOURCES.has(name) || name.startsWith(OSS_HEADER_PREFIX),
  () => true,
];

/** Checks a V1 signature against each tolerated string to sign; the primary one is reported on failure. */
export function matchV1Signature(
  req: IncomingRequest,
  creds: Credentials,
  dateSlot: string,
  provided: string,
): VerifyFailure | undefined {
  let primary: string | undefined;
  for (const filter of V1_RESOURCE_FILTERS) {
    const stringToSign = stringToSignV1(req, dateSlot, filter);
    primary ??= stringToSign;
    if (constantTimeEqual(signatureV1(creds.accessKeySecret, stringToSign), provided)) return undefined;
  }
  return signatureDoesNotMatch(creds.accessKeyId, primary ?? '');
}

/** `Authorization: OSS ak:signature`. */
export function verifyHeaderV1(
  req: IncomingRequest,
  authorization: string,
  lookup: CredentialsLookup,
  opts: VerifyOptions,
): VerifyResult {
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
