/**
 * Signature V4, step by step: CanonicalURI, CanonicalQueryString, CanonicalHeaders and the
 * AdditionalHeaders list, the canonical request, scope, StringToSign, the HMAC-SHA256 signing key and
 * signature, and the `OSS4-HMAC-SHA256 ...` Authorization value.
 */
import { createHash, createHmac } from 'node:crypto';
import {
  DEFAULT_PRODUCT,
  HEADER_OSS_CONTENT_SHA256,
  HEADER_OSS_DATE,
  OSS_HEADER_PREFIX,
  UNSIGNED_PAYLOAD,
  V4_ADDITIONAL_HEADERS_FIELD,
  V4_ALGORITHM,
  V4_CREDENTIAL_FIELD,
  V4_DEFAULT_SIGNED_HEADERS,
  V4_KEY_PREFIX,
  V4_SIGNATURE_FIELD,
  V4_TERMINATOR,
} from './constants';
import { byteCompare, formatYyyymmdd, uriEncode, uriEncodePath } from './encoding';
import { SigningError } from './errors';
import { headerValue, lowerCaseHeaders } from './headers';
import type { Credentials, QueryPairs, SignableRequest } from './types';

/**
 * V4 CanonicalURI: URI-encode(`/bucket/key`) keeping `/`; `/bucket/` for bucket calls and `/` with
 * no bucket. Built from bucket and key, never from the wire path, so path-style and virtual-host
 * requests sign the same.
 */
export function canonicalUri(bucket: string | undefined, key: string | undefined): string {
  if (!bucket) return '/';
  return uriEncodePath(`/${bucket}/${key ?? ''}`);
}

export interface CanonicalQueryOptions {
  /**
   * `byte` (the spec, default) sorts by encoded name; `locale` sorts raw names with localeCompare,
   * as ali-oss does (it hands its query object to qs.stringify with a localeCompare sort).
   */
  readonly sort?: 'byte' | 'locale';
  /**
   * Whether the empty-valued pair at this index is written `k=` instead of `k`. The spec writes `k`;
   * ali-oss writes `k=` for an empty-string value, so a tolerant verifier tries both.
   */
  readonly equalsForEmpty?: (index: number) => boolean;
}

interface EncodedPair {
  readonly raw: string;
  readonly name: string;
  readonly text: string;
}

function encodePair(pair: readonly [string, string | null], index: number, opts: CanonicalQueryOptions): EncodedPair {
  const [raw, value] = pair;
  const name = uriEncode(raw);
  const empty = value === null || value === '';
  if (!empty) return { raw, name, text: `${name}=${uriEncode(value)}` };
  return { raw, name, text: opts.equalsForEmpty?.(index) ? `${name}=` : name };
}

function compare(opts: CanonicalQueryOptions): (a: EncodedPair, b: EncodedPair) => number {
  if (opts.sort === 'locale') return (a, b) => a.raw.localeCompare(b.raw) || byteCompare(a.text, b.text);
  return (a, b) => byteCompare(a.name, b.name) || byteCompare(a.text, b.text);
}

/**
 * V4 CanonicalQueryString: every query parameter (not only sub-resources), name and value
 * RFC 3986-encoded, sorted by encoded name, `name=value` or bare `name` when empty, joined by `&`.
 */
export function canonicalQueryString(query: QueryPairs, opts: CanonicalQueryOptions = {}): string {
  return query
    .map((pair, index) => encodePair(pair, index, opts))
    .sort(compare(opts))
    .map((pair) => pair.text)
    .join('&');
}

function isDefaultSigned(name: string): boolean {
  return V4_DEFAULT_SIGNED_HEADERS.has(name) || name.startsWith(OSS_HEADER_PREFIX);
}

/**
 * The AdditionalHeaders list as the SDKs send it: lower-cased, de-duplicated, sorted, without the
 * headers V4 signs anyway (content-type, content-md5, x-oss-*) and without names absent from the request.
 */
export function resolveAdditionalHeaders(headers: Readonly<Record<string, string>>, requested: readonly string[] | undefined): string[] {
  const present = lowerCaseHeaders(headers);
  const names = new Set((requested ?? []).map((name) => name.toLowerCase()));
  return [...names].filter((name) => !isDefaultSigned(name) && present.has(name)).sort(byteCompare);
}

/**
 * V4 CanonicalHeaders: `name:trimmed-value\n` for content-type, content-md5, every x-oss-* header and
 * each additional header present on the request, names lower-cased and sorted.
 */
export function canonicalHeaders(headers: Readonly<Record<string, string>>, additional: readonly string[] = []): string {
  const lower = lowerCaseHeaders(headers);
  const extra = new Set(additional.map((name) => name.toLowerCase()));
  return [...lower]
    .filter(([name]) => isDefaultSigned(name) || extra.has(name))
    .sort(([a], [b]) => byteCompare(a, b))
    .map(([name, value]) => `${name}:${value.trim()}\n`)
    .join('');
}

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

/** V4 scope `yyyymmdd/region/product/aliyun_v4_request`; `date` is a Date or an 8-digit `yyyymmdd`. */
export function scopeV4(date: Date | string, region: string, product: string = DEFAULT_PRODUCT): string {
  const day = typeof date === 'string' ? date : formatYyyymmdd(date);
  return `${day}/${region}/${product}/${V4_TERMINATOR}`;
}

/** V4 StringToSign: algorithm, timestamp, scope and hex SHA-256 of the canonical request. */
export function stringToSignV4(timestamp: string, scope: string, canonicalRequest: string): string {
  const hashed = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return [V4_ALGORITHM, timestamp, scope, hashed].join('\n');
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac('sha256', key).update(message, 'utf8').digest();
}

/**
 * V4 signing key: HMAC-SHA256 chain from `aliyun_v4` + secret over date, region, product and
 * `aliyun_v4_request`. Not cached: four HMACs cost microseconds, and a cache would keep secrets
 * alive in memory for no measurable gain.
 */
export function signingKeyV4(secret: string, date: string, region: string, product: string = DEFAULT_PRODUCT): Buffer {
  const kDate = hmac(`${V4_KEY_PREFIX}${secret}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, product);
  return hmac(kService, V4_TERMINATOR);
}

/** V4 signature: lowercase hex HMAC-SHA256 of the string to sign under the signing key. */
export function signatureV4(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export interface AuthorizationV4Options {
  readonly region: string;
  readonly product?: string;
  /** Requested extra headers; resolved the way the SDKs do (see resolveAdditionalHeaders). */
  readonly additionalHeaders?: readonly string[];
}

/**
 * `OSS4-HMAC-SHA256 Credential=...,[AdditionalHeaders=...,]Signature=...` for a request whose headers
 * are final. The timestamp is the request's `x-oss-date` header, which must be present.
 */
export function authorizationV4(req: SignableRequest, creds: Credentials, opts: AuthorizationV4Options): string {
  const timestamp = headerValue(req.headers, HEADER_OSS_DATE);
  if (!timestamp) throw new SigningError('InvalidSigningDate', 'V4 signing needs an x-oss-date header');
  const product = opts.product ?? DEFAULT_PRODUCT;
  const day = timestamp.slice(0, 8);
  const scope = scopeV4(day, opts.region, product);
  const additional = resolveAdditionalHeaders(req.headers, opts.additionalHeaders);
  const stringToSign = stringToSignV4(timestamp, scope, canonicalRequestV4(req, additional));
  const signature = signatureV4(signingKeyV4(creds.accessKeySecret, day, opts.region, product), stringToSign);
  const extra = additional.length > 0 ? `${V4_ADDITIONAL_HEADERS_FIELD}=${additional.join(';')},` : '';
  return `${V4_ALGORITHM} ${V4_CREDENTIAL_FIELD}=${creds.accessKeyId}/${scope},${extra}${V4_SIGNATURE_FIELD}=${signature}`;
}
