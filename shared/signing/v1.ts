/**
 * Signature V1, step by step: CanonicalizedOSSHeaders, CanonicalizedResource, StringToSign, the
 * HMAC-SHA1 signature and the `OSS ak:signature` Authorization value.
 */
import { createHmac } from 'node:crypto';
import {
  HEADER_CONTENT_MD5,
  HEADER_CONTENT_TYPE,
  HEADER_DATE,
  HEADER_OSS_DATE,
  OSS_HEADER_PREFIX,
  V1_AUTH_SCHEME,
  V1_SUB_RESOURCES,
} from './constants';
import { byteCompare } from './encoding';
import { headerValue, lowerCaseHeaders } from './headers';
import type { Credentials, QueryPairs, SignableRequest } from './types';

/**
 * V1 CanonicalizedOSSHeaders: every `x-oss-*` header, name lower-cased, value trimmed, sorted by
 * name, each written as `name:value\n`. Empty string when there are none.
 */
export function canonicalizedOssHeaders(headers: Readonly<Record<string, string>>): string {
  return [...lowerCaseHeaders(headers)]
    .filter(([name]) => name.startsWith(OSS_HEADER_PREFIX))
    .sort(([a], [b]) => byteCompare(a, b))
    .map(([name, value]) => `${name}:${value.trim()}\n`)
    .join('');
}

/** Which query parameters enter the V1 resource: a name set, or every parameter. */
export type SubResourceFilter = ReadonlySet<string> | ((name: string) => boolean);

function accepts(filter: SubResourceFilter, name: string): boolean {
  return typeof filter === 'function' ? filter(name) : filter.has(name);
}

function resourcePath(bucket: string | undefined, key: string | undefined): string {
  if (!bucket) return '/';
  // Bucket-level calls keep the trailing slash; the key is raw, never URL-encoded.
  return `/${bucket}/${key ?? ''}`;
}

/**
 * V1 CanonicalizedResource: `/`, `/bucket/` or `/bucket/key`, then `?` and the sub-resources found in
 * the query (decoded values), sorted by name, `k` when valueless else `k=v`, joined with `&`.
 */
export function canonicalizedResource(
  bucket: string | undefined,
  key: string | undefined,
  query: QueryPairs,
  subResources: SubResourceFilter = V1_SUB_RESOURCES,
): string {
  // Sorted by name first: sorting the joined `k=v` strings would misplace `a-b` before `a=1`.
  const parts = query
    .filter(([name]) => accepts(subResources, name))
    .slice()
    .sort(([a, av], [b, bv]) => byteCompare(a, b) || byteCompare(av ?? '', bv ?? ''))
    .map(([name, value]) => (value === null || value === '' ? name : `${name}=${value}`));
  const path = resourcePath(bucket, key);
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

/**
 * V1 StringToSign: VERB, Content-MD5, Content-Type, date slot (each followed by `\n`), then the
 * canonicalized OSS headers and resource. The date slot is the `Date`/`x-oss-date` value for header
 * auth or the `Expires` seconds for a presigned URL, so the caller chooses it.
 */
export function stringToSignV1(req: SignableRequest, dateSlot: string, subResources?: SubResourceFilter): string {
  return [
    req.method.toUpperCase(),
    headerValue(req.headers, HEADER_CONTENT_MD5) ?? '',
    headerValue(req.headers, HEADER_CONTENT_TYPE) ?? '',
    dateSlot,
    canonicalizedOssHeaders(req.headers) + canonicalizedResource(req.bucket, req.key, req.query, subResources),
  ].join('\n');
}

/** V1 signature: base64(HMAC-SHA1(secret, stringToSign)) over UTF-8 bytes. */
export function signatureV1(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}

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
