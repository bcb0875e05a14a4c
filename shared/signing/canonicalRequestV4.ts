import { HEADER_OSS_CONTENT_SHA256, UNSIGNED_PAYLOAD } from './constants';
import { canonicalHeaders } from './canonicalHeaders';
import { canonicalQueryString, type CanonicalQueryOptions } from './canonicalQueryString';
import { canonicalUri } from './canonicalUri';
import { headerValue } from './lowerCaseHeaders';
import type { SignableRequest } from './types';

/**
 * V4 canonical request: VERB, CanonicalURI, CanonicalQueryString, CanonicalHeaders (a block that
 * ends with `\n`), the AdditionalHeaders line and the payload hash, joined by `\n`.
 *
 * `additionalHeaders` is written to its line exactly as given: the signer passes the resolved list
 * (see resolveAdditionalHeaders), the verifier the list the client sent, whose order it must keep.
 */
export function canonicalRequestV4(
  req: SignableRequest,
  additionalHeaders: readonly string[] = [],
  queryOptions?: CanonicalQueryOptions,
): string {
  return [
    req.method.toUpperCase(),
    canonicalUri(req.bucket, req.key),
    canonicalQueryString(req.query, queryOptions),
    canonicalHeaders(req.headers, additionalHeaders),
    additionalHeaders.join(';'),
    headerValue(req.headers, HEADER_OSS_CONTENT_SHA256) ?? UNSIGNED_PAYLOAD,
  ].join('\n');
}
