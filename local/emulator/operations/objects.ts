/** PutObject, GetObject, HeadObject, GetObjectMeta, DeleteObject (CopyObject: copyObject.ts). */
import { createHash } from 'node:crypto';
import { OssErrors } from '../errors';
import { deleteObject as deleteVersion, objectExists, putVersion, readVersion } from '../models/objects';
import type { BucketRecord, ObjectVersion } from '../models/types';
import { deleteItem, enqueueWrite, putItem } from '../replication/enqueue';
import { crc64Ecma } from '../util/crc64';
import { isValidObjectKey } from '../../../shared/oss';
import { httpDate } from '../util/time';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';
import { bucketName, objectKey } from './context';
import { checkConditions, encryptionHeaders, objectHeaders, parseRange, quotedEtag, requestedEncryption } from './objectHeaders';

const MAX_USER_METADATA_BYTES = 8 * 1024;

export function validKey(ctx: OperationContext): string {
  const key = objectKey(ctx);
  if (!isValidObjectKey(key)) throw OssErrors.invalidObjectName(key);
  return key;
}

export function userMetadata(headers: Readonly<Record<string, string>>): Record<string, string> {
  const meta: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-oss-meta-')) continue;
    meta[name.slice('x-oss-meta-'.length)] = value;
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  if (bytes > MAX_USER_METADATA_BYTES) throw OssErrors.invalidArgument('Your metadata headers exceed the maximum allowed metadata size.');
  return meta;
}

function checkDigest(provided: string | undefined, md5: Buffer): void {
  if (provided !== undefined && provided !== md5.toString('base64')) throw OssErrors.invalidDigest(provided);
}

/** x-oss-forbid-overwrite only applies to buckets that never had versioning (as documented for OSS). */
export function checkOverwrite(ctx: OperationContext, bucket: BucketRecord, key: string): void {
  const forbid = ctx.req.headers['x-oss-forbid-overwrite']?.toLowerCase() === 'true';
  if (forbid && bucket.versioning === undefined && objectExists(bucket, key)) throw OssErrors.fileAlreadyExists(key);
}

export function putObject(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const key = validKey(ctx);
  const body = ctx.req.body;
  const md5 = createHash('md5').update(body).digest();
  checkDigest(ctx.req.headers['content-md5'], md5);
  const encryption = requestedEncryption(ctx.req.headers);
  checkOverwrite(ctx, bucket, key);
  const { version, removed } = putVersion(
    bucket,
    {
      key,
      blobId: ctx.svc.store.blobs.put(body),
      size: body.length,
      etag: md5.toString('hex').toUpperCase(),
      contentMd5: md5.toString('base64'),
      crc64: crc64Ecma(body),
      contentType: ctx.req.headers['content-type'] ?? 'application/octet-stream',
      metadata: userMetadata(ctx.req.headers),
      isReplica: false,
      ...(encryption ? { encryption } : {}),
    },
    ctx.now,
  );
  enqueueWrite(bucket, putItem(version), ctx.now, ctx.svc.timings);
  // Metadata first, then the old bytes: a crash in between leaves an orphan blob, never a
  // persisted version whose blob is gone.
  ctx.svc.store.changed(bucket);
  ctx.svc.store.freeBlobs(removed);
  return { status: 200, headers: writeHeaders(bucket, version) };
}

function writeHeaders(bucket: BucketRecord, v: ObjectVersion): Record<string, string> {
  const headers: Record<string, string> = { etag: quotedEtag(v), 'x-oss-hash-crc64ecma': v.crc64, 'content-md5': v.contentMd5 };
  Object.assign(headers, encryptionHeaders(v));
  if (bucket.versioning !== undefined) headers['x-oss-version-id'] = v.versionId;
  return headers;
}

function readTarget(ctx: OperationContext): { bucket: BucketRecord; version: ObjectVersion } {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const key = validKey(ctx);
  return { bucket, version: readVersion(bucket, key, queryParam(ctx.req, 'versionId')) };
}

export function headObject(ctx: OperationContext): OperationResult {
  const { bucket, version } = readTarget(ctx);
  const headers = { ...objectHeaders(bucket, version), 'content-length': String(version.size) };
  if (checkConditions(ctx.req.headers, version) === 304) return { status: 304, headers };
  return { status: 200, headers };
}

/**
 * GetObjectMeta (`HEAD /<key>?objectMeta`): the short form of HeadObject. x-oss-last-access-time is
 * never sent (the emulator does not model access tracking, the only case it applies to) nor
 * x-oss-transition-time (no lifecycle rules); the version id is sent on versioned buckets.
 */
export function getObjectMeta(ctx: OperationContext): OperationResult {
  const { bucket, version } = readTarget(ctx);
  const headers: Record<string, string> = {
    etag: quotedEtag(version),
    'content-length': String(version.size),
    'last-modified': httpDate(version.lastModified),
    'x-oss-hash-crc64ecma': version.crc64,
  };
  if (bucket.versioning !== undefined) headers['x-oss-version-id'] = version.versionId;
  return { status: 200, headers };
}

export function getObject(ctx: OperationContext): OperationResult {
  const { bucket, version } = readTarget(ctx);
  const headers = objectHeaders(bucket, version);
  if (checkConditions(ctx.req.headers, version) === 304) return { status: 304, headers };
  const bytes = version.blobId ? ctx.svc.store.blobs.get(version.blobId) : undefined;
  if (!bytes) throw OssErrors.internalError();
  const range = parseRange(ctx.req.headers.range, bytes.length);
  if (!range) return { status: 200, headers, body: bytes };
  const partial = { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${bytes.length}` };
  return { status: 206, headers: partial, body: bytes.subarray(range.start, range.end + 1) };
}

/** 204 whether or not the key exists; versioned buckets report the marker / version. */
export function deleteObject(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const key = validKey(ctx);
  const versionId = queryParam(ctx.req, 'versionId');
  const outcome = deleteVersion(bucket, key, { versionId, now: ctx.now, isReplica: false });
  const item = outcome.marker
    ? deleteItem(key, outcome.marker.versionId, ctx.now, { deleteMarker: true, permanent: false })
    : outcome.removed.length > 0
      ? deleteItem(key, versionId ?? 'null', ctx.now, { deleteMarker: false, permanent: versionId !== undefined })
      : undefined;
  if (item) enqueueWrite(bucket, item, ctx.now, ctx.svc.timings);
  if (item) ctx.svc.store.changed(bucket);
  ctx.svc.store.freeBlobs(outcome.removed); // after the metadata is saved (crash safety)
  const headers: Record<string, string> = {};
  if (outcome.deleteMarker) headers['x-oss-delete-marker'] = 'true';
  if (bucket.versioning !== undefined && outcome.versionId !== undefined) headers['x-oss-version-id'] = outcome.versionId;
  return { status: 204, headers };
}
