/**
 * CopyObject: `PUT /<key>` with `x-oss-copy-source: /<bucket>/<url-encoded key>[?versionId=<id>]`.
 * Same region only. `x-oss-metadata-directive` COPY (default) keeps the source's Content-Type and
 * user metadata; REPLACE takes them from the request, which is how an object's metadata is changed
 * in place (a copy onto itself). Conditions come as `x-oss-copy-source-if-*` and apply to the
 * source. The copy is a new write: it gets a new version on versioned buckets and the
 * destination's replication rules carry it like any PutObject.
 */
import { buildCopyObjectResult } from '../../../shared/xml';
import { OssErrors, OssServiceError } from '../errors';
import { putVersion, readVersion } from '../models/objects';
import type { BucketRecord, ObjectVersion } from '../models/types';
import { enqueueWrite, putItem } from '../replication/enqueue';
import { isValidBucketName } from '../../../shared/oss';
import { ossIsoTime } from '../util/time';
import type { OperationContext, OperationResult } from './context';
import { bucketName } from './context';
import { checkConditions, encryptionHeaders, quotedEtag, requestedEncryption } from './objectHeaders';
import { checkOverwrite, userMetadata, validKey } from './objects';

const COPY_SOURCE = 'x-oss-copy-source';
const DIRECTIVES = ['COPY', 'REPLACE'] as const;

interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** `/bucket/key?versionId=v`; the key is percent-encoded (ali-oss encodes `/` too), the leading slash optional. */
export function parseCopySource(header: string): CopySource {
  const invalid = () =>
    OssErrors.invalidArgument('Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.', COPY_SOURCE, header);
  const [path = '', query] = header.split('?', 2) as [string, string | undefined];
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) throw invalid();
  let key: string;
  let versionId: string | undefined;
  try {
    key = decodeURIComponent(trimmed.slice(slash + 1));
    const param = new URLSearchParams(query ?? '').get('versionId');
    versionId = param === null || param === '' ? undefined : param;
  } catch {
    throw invalid();
  }
  return { bucket: trimmed.slice(0, slash), key, ...(versionId ? { versionId } : {}) };
}

function directive(ctx: OperationContext): (typeof DIRECTIVES)[number] {
  const value = ctx.req.headers['x-oss-metadata-directive'];
  if (value === undefined) return 'COPY';
  const match = DIRECTIVES.find((d) => d === value.toUpperCase());
  if (!match) throw OssErrors.invalidArgument('The metadata directive you specified is not valid.', 'x-oss-metadata-directive', value);
  return match;
}

/** The source conditions, read as GET conditions on the source object (304 or 412). */
function sourceConditions(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since']) {
    const value = headers[`${COPY_SOURCE}-${name}`];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readSource(ctx: OperationContext, dest: BucketRecord): { bucket: BucketRecord; version: ObjectVersion } {
  const source = parseCopySource(ctx.req.headers[COPY_SOURCE] ?? '');
  if (!isValidBucketName(source.bucket))
    throw OssErrors.invalidArgument('The source bucket name is not valid.', COPY_SOURCE, source.bucket);
  const bucket = ctx.svc.store.require(source.bucket);
  // UNCONFIRMED code (README): OSS copies only within one region.
  if (bucket.region !== dest.region)
    throw OssErrors.invalidArgument(
      'The source bucket is in another region; CopyObject works within one region.',
      COPY_SOURCE,
      source.bucket,
    );
  try {
    return { bucket, version: readVersion(bucket, source.key, source.versionId) };
  } catch (error) {
    // The delete-marker headers of a GET would describe the source, not this PUT's target.
    if (error instanceof OssServiceError && error.code === 'NoSuchKey') throw OssErrors.noSuchKey(source.key);
    throw error;
  }
}

export function copyObject(ctx: OperationContext): OperationResult {
  const dest = ctx.svc.store.require(bucketName(ctx));
  const key = validKey(ctx);
  const how = directive(ctx);
  const source = readSource(ctx, dest);
  const from = source.version;
  if (checkConditions(sourceConditions(ctx.req.headers), from) === 304) return { status: 304 };
  checkOverwrite(ctx, dest, key);
  const bytes = from.blobId ? ctx.svc.store.blobs.get(from.blobId) : undefined;
  if (!bytes) throw OssErrors.internalError();
  // UNCONFIRMED (README): the copy is encrypted as the request says, not as the source was.
  const encryption = requestedEncryption(ctx.req.headers);
  const replace = how === 'REPLACE';
  const { version, removed } = putVersion(
    dest,
    {
      key,
      blobId: ctx.svc.store.blobs.put(bytes),
      size: from.size,
      etag: from.etag,
      contentMd5: from.contentMd5,
      crc64: from.crc64,
      contentType: replace ? (ctx.req.headers['content-type'] ?? 'application/octet-stream') : from.contentType,
      metadata: replace ? userMetadata(ctx.req.headers) : from.metadata,
      isReplica: false,
      ...(encryption ? { encryption } : {}),
    },
    ctx.now,
  );
  enqueueWrite(dest, putItem(version), ctx.now, ctx.svc.timings);
  ctx.svc.store.changed(dest);
  ctx.svc.store.freeBlobs(removed); // after the metadata is saved (crash safety)
  const headers: Record<string, string> = { etag: quotedEtag(version), 'x-oss-hash-crc64ecma': version.crc64 };
  Object.assign(headers, encryptionHeaders(version));
  if (dest.versioning !== undefined) headers['x-oss-version-id'] = version.versionId;
  if (source.bucket.versioning !== undefined) headers['x-oss-copy-source-version-id'] = from.versionId;
  return {
    status: 200,
    headers,
    body: buildCopyObjectResult({ eTag: quotedEtag(version), lastModified: ossIsoTime(version.lastModified) }),
  };
}
