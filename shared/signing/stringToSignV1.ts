import { HEADER_CONTENT_MD5, HEADER_CONTENT_TYPE } from './constants';
import { canonicalizedOssHeaders } from './canonicalizedOssHeaders';
import { canonicalizedResource, type SubResourceFilter } from './canonicalizedResource';
import { headerValue } from './lowerCaseHeaders';
import type { SignableRequest } from './types';

/**
 * V1 StringToSign: VERB, Content-MD5, Content-Type, date slot (each followed by `\n`), then the
 * canonicalized OSS headers and resource. The date slot is the `Date`/`x-oss-date` value for header
 * auth or the `Expires` seconds for a presigned URL, so the caller chooses it.
 */
export function stringToSignV1(
  req: SignableRequest,
  dateSlot: string,
  subResources?: SubResourceFilter,
): string {
  return [
    req.method.toUpperCase(),
    headerValue(req.headers, HEADER_CONTENT_MD5) ?? '',
    headerValue(req.headers, HEADER_CONTENT_TYPE) ?? '',
    dateSlot,
    canonicalizedOssHeaders(req.headers) + canonicalizedResource(req.bucket, req.key, req.query, subResources),
  ].join('\n');
}
