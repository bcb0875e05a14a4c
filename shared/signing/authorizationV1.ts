import { HEADER_DATE, HEADER_OSS_DATE, V1_AUTH_SCHEME } from './constants';
import { headerValue } from './lowerCaseHeaders';
import { signatureV1 } from './signatureV1';
import { stringToSignV1 } from './stringToSignV1';
import type { Credentials, SignableRequest } from './types';

/** The V1 date slot: `x-oss-date` when present (ali-oss and oss2 send it), else `Date`. */
export function dateSlotV1(headers: Readonly<Record<string, string>>): string | undefined {
  return headerValue(headers, HEADER_OSS_DATE) ?? headerValue(headers, HEADER_DATE);
}

/**
 * `OSS <AccessKeyId>:<Signature>` for a request whose headers are final (date and token included).
 * Returns the value only; the caller decides which header object it goes into.
 */
export function authorizationV1(req: SignableRequest, creds: Credentials): string {
  const stringToSign = stringToSignV1(req, dateSlotV1(req.headers) ?? '');
  return `${V1_AUTH_SCHEME} ${creds.accessKeyId}:${signatureV1(creds.accessKeySecret, stringToSign)}`;
}
