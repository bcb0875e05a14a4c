import { OssConfigError } from './errors';
import type { EndpointConfig } from './types';

/** Where one request goes: the URL without query, and the Host header to send. */
export interface ResolvedEndpoint {
  /** `https://host[:port]` */
  readonly origin: string;
  /** Host header value (with port when not default). */
  readonly host: string;
  /** Encoded path, always starting with `/`. */
  readonly path: string;
  readonly protocol: 'http:' | 'https:';
}

export interface EndpointTarget {
  /** Region without `oss-`. */
  readonly region: string;
  readonly bucket?: string;
  /** Raw (decoded) object key. */
  readonly key?: string;
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded as UTF-8. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Encodes an object key segment by segment so that `/` stays a separator. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}

/** One DNS label as OSS bucket names allow: lowercase letters, digits and `-`, at most 63. */
const HOST_BUCKET = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** `cn-hangzhou`, `ap-southeast-1`: lowercase words joined by `-`. */
const HOST_REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Bucket and region become part of the host name, and the signed headers (Authorization, the STS token)
 * go to whatever host the URL names: a name such as `attacker.example#` must never get that far.
 */
function checkHostParts(target: EndpointTarget): void {
  if (!HOST_REGION.test(target.region))
    throw new OssConfigError(`region ${JSON.stringify(target.region)} cannot be part of an OSS host name`);
  if (target.bucket !== undefined && !HOST_BUCKET.test(target.bucket)) {
    throw new OssConfigError(`bucket ${JSON.stringify(target.bucket)} is not a valid OSS bucket name`);
  }
}

/** OSS's host name for a region, `oss-<region>[-internal].aliyuncs.com`: what the client calls and what BucketInfo and ListBuckets report. */
export function regionHost(region: string, internal: boolean): string {
  return `oss-${region}${internal ? '-internal' : ''}.aliyuncs.com`;
}

function objectPath(bucketPrefix: string, key: string | undefined): string {
  return key === undefined ? `${bucketPrefix}/` : `${bucketPrefix}/${encodeKey(key)}`;
}

function resolveAliyun(target: EndpointTarget, internal: boolean): ResolvedEndpoint {
  checkHostParts(target);
  const base = regionHost(target.region, internal);
  if (target.bucket === undefined) {
    return { origin: `https://${base}`, host: base, path: '/', protocol: 'https:' };
  }
  const host = `${target.bucket}.${base}`;
  return { origin: `https://${host}`, host, path: objectPath('', target.key), protocol: 'https:' };
}

function mappedBase(endpoints: Readonly<Record<string, string>>, region: string, fallbackRegion: string): URL {
  // A bucket whose region is not mapped is sent to the client's own region (a single-endpoint emulator).
  const raw = endpoints[region] ?? endpoints[fallbackRegion];
  if (raw === undefined) {
    throw new OssConfigError(`no endpoint configured for region ${region} (nor for the client region ${fallbackRegion})`);
  }
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OssConfigError(`endpoint for region ${region} must be http or https`);
  }
  return url;
}

function resolveMapped(endpoints: Readonly<Record<string, string>>, target: EndpointTarget, clientRegion: string): ResolvedEndpoint {
  const url = mappedBase(endpoints, target.region, clientRegion);
  const basePath = url.pathname.replace(/\/+$/, '');
  const path = target.bucket === undefined ? `${basePath}/` : objectPath(`${basePath}/${encodeRfc3986(target.bucket)}`, target.key);
  return { origin: url.origin, host: url.host, path, protocol: url.protocol as 'http:' | 'https:' };
}

/**
 * Resolves the origin, Host and path of a request.
 * Virtual-host style for OSS (`<bucket>.oss-<region>[-internal].aliyuncs.com/<key>`),
 * path style for a mapped endpoint (`<base>/<bucket>/<key>`).
 */
export function resolveEndpoint(config: EndpointConfig, target: EndpointTarget, clientRegion: string): ResolvedEndpoint {
  switch (config.kind) {
    case 'public':
      return resolveAliyun(target, false);
    case 'internal':
      // The -internal hosts answer only from inside their own region: a function reaching a bucket
      // in another region (the destination of a cross-region rule) must use the public host.
      return resolveAliyun(target, target.region === clientRegion);
    case 'map':
      return resolveMapped(config.endpoints, target, clientRegion);
  }
}

/** Encodes a query in order; a `null` or empty value gives a bare name (`?replication`). */
export function encodeQuery(query: ReadonlyArray<readonly [string, string | null]>): string {
  if (query.length === 0) return '';
  const parts = query.map(([name, value]) =>
    value === null || value === '' ? encodeRfc3986(name) : `${encodeRfc3986(name)}=${encodeRfc3986(value)}`,
  );
  return `?${parts.join('&')}`;
}
