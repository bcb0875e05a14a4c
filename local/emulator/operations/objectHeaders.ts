/** Response headers describing one object version, and the GET/HEAD conditional checks. */
import { OssErrors } from '../errors';
import type { BucketRecord, ObjectVersion } from '../models/types';
import { httpDate } from '../util/time';

export const quotedEtag = (v: ObjectVersion): string => `"${v.etag}"`;

export function objectHeaders(bucket: BucketRecord, v: ObjectVersion): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': v.contentType,
    etag: quotedEtag(v),
    'last-modified': httpDate(v.lastModified),
    'x-oss-object-type': 'Normal',
    'x-oss-storage-class': 'Standard',
    'x-oss-hash-crc64ecma': v.crc64,
    'content-md5': v.contentMd5,
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(v.metadata)) headers[`x-oss-meta-${name}`] = value;
  if (bucket.versioning !== undefined) headers['x-oss-version-id'] = v.versionId;
  return { ...headers, ...encryptionHeaders(v) };
}

const ENCRYPTION_ALGORITHMS = ['AES256', 'KMS', 'SM4'];

/** `x-oss-server-side-encryption` of a write: absent, or one of the documented algorithms (400 otherwise). */
export function requestedEncryption(headers: Readonly<Record<string, string>>): ObjectVersion['encryption'] {
  const algorithm = headers['x-oss-server-side-encryption'];
  if (algorithm === undefined) return undefined;
  if (!ENCRYPTION_ALGORITHMS.includes(algorithm)) throw OssErrors.invalidEncryptionAlgorithm(algorithm);
  const keyId = headers['x-oss-server-side-encryption-key-id'];
  return algorithm === 'KMS' && keyId ? { algorithm, keyId } : { algorithm };
}

export function encryptionHeaders(v: ObjectVersion): Record<string, string> {
  if (!v.encryption) return {};
  const { algorithm, keyId } = v.encryption;
  return { 'x-oss-server-side-encryption': algorithm, ...(keyId ? { 'x-oss-server-side-encryption-key-id': keyId } : {}) };
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function etagMatches(header: string, v: ObjectVersion): boolean {
  return header.split(',').some((t) => t.trim() === '*' || t.trim().replace(/"/g, '').toUpperCase() === v.etag);
}

/** 304 from If-None-Match / If-Modified-Since; 412 PreconditionFailed from If-Match / If-Unmodified-Since. */
export function checkConditions(headers: Readonly<Record<string, string>>, v: ObjectVersion): 304 | undefined {
  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined && !etagMatches(ifMatch, v)) throw OssErrors.preconditionFailed('If-Match');
  const ifUnmodified = Date.parse(headers['if-unmodified-since'] ?? '');
  if (!Number.isNaN(ifUnmodified) && seconds(v.lastModified) > seconds(ifUnmodified)) {
    throw OssErrors.preconditionFailed('If-Unmodified-Since');
  }
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, v) ? 304 : undefined;
  const ifModified = Date.parse(headers['if-modified-since'] ?? '');
  if (!Number.isNaN(ifModified) && seconds(v.lastModified) <= seconds(ifModified)) return 304;
  return undefined;
}

/** A single `bytes=a-b` range within `size`, or undefined (whole object; OSS ignores invalid ranges). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '') || size === 0) return undefined;
  if (m[1] === '') {
    const n = Math.min(Number(m[2]), size);
    return n === 0 ? undefined : { start: size - n, end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start > end || start >= size ? undefined : { start, end };
}
