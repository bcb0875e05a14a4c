/**
 * Path-style (`/bucket/key`) or virtual-host (`Host: bucket.<anything>`) addressing. Virtual-host
 * applies when the Host is a name (not an IP or localhost), is not a bare service endpoint
 * (`oss-<region>.aliyuncs.com`), and its first label is a valid bucket name. ali-oss pointed at an
 * IP sends `Host: <bucket>.oss-<region>.aliyuncs.com` with the key as the path, which lands here.
 * Under an OSS service endpoint whatever precedes it names a bucket, valid or not (the router then
 * answers InvalidBucketName, as OSS does); elsewhere an invalid first label means path style.
 */
import { isIP } from 'node:net';
import { hostName } from '../../localOnly';
import { isValidBucketName } from '../../../shared/oss';

export interface Address {
  readonly style: 'path' | 'virtual';
  readonly bucket?: string;
  readonly key?: string;
}

const SERVICE_HOST = /^oss-[a-z0-9-]+(-internal)?\.aliyuncs\.com$/;
/** `<anything>.oss-<region>[-internal].aliyuncs.com`; an empty first part is a service call (ali-oss ListBuckets). */
const BUCKET_UNDER_SERVICE_HOST = /^(.+)\.oss-[a-z0-9-]+(-internal)?\.aliyuncs\.com$/;

export function virtualBucket(host: string): string | undefined {
  const name = hostName(host);
  if (name === 'localhost' || isIP(name) !== 0 || SERVICE_HOST.test(name)) return undefined;
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const label = name.slice(0, dot);
  return isValidBucketName(label) ? label : undefined;
}

/** Throws URIError on a malformed escape in the path. */
export function resolveAddress(host: string, rawPath: string): Address {
  // Under an OSS service host the whole part before it is the bucket (`a.b.oss-...` names `a.b`, invalid).
  const bucket = hostName(host).match(BUCKET_UNDER_SERVICE_HOST)?.[1] ?? virtualBucket(host);
  if (bucket !== undefined) {
    const key = decodeComponentPath(rawPath.replace(/^\//, ''));
    return { style: 'virtual', bucket, ...(key === '' ? {} : { key }) };
  }
  const path = rawPath.replace(/^\//, '');
  if (path === '') return { style: 'path' };
  const slash = path.indexOf('/');
  const name = decodeComponentPath(slash < 0 ? path : path.slice(0, slash));
  const key = slash < 0 ? '' : decodeComponentPath(path.slice(slash + 1));
  return { style: 'path', bucket: name, ...(key === '' ? {} : { key }) };
}

/** Paths keep `+` literally (only queries use `+` for space). */
function decodeComponentPath(text: string): string {
  return text.includes('%') ? decodeURIComponent(text) : text;
}
