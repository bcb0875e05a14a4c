import {
  type ListBucketResult,
  type ListVersionsResult,
  parseCopyObjectResult,
  parseListBucketResult,
  parseListVersionsResult,
} from '../xml';
import {
  CONTENT_TYPE_DEFAULT,
  HEADER_COPY_SOURCE,
  HEADER_COPY_SOURCE_IF_MATCH,
  HEADER_COPY_SOURCE_VERSION_ID,
  HEADER_CRC64,
  HEADER_DELETE_MARKER,
  HEADER_FORBID_OVERWRITE,
  HEADER_LAST_ACCESS_TIME,
  HEADER_METADATA_DIRECTIVE,
  HEADER_STORAGE_CLASS,
  HEADER_VERSION_ID,
} from './constants';
import { encryptionFrom, encryptionHeaders, httpHeadersFrom, httpHeadersOf, storageClassHeader } from './objectHeaders';
import { encodeKey } from './endpoints';
import type { Execute, OssCall } from './executor';
import type {
  BucketRef,
  CallOptions,
  CopyObjectInput,
  CopyObjectOutput,
  GetObjectOutput,
  ListObjectsV2Input,
  ListObjectVersionsInput,
  ObjectHead,
  ObjectMeta,
  PutObjectInput,
  PutObjectOutput,
} from './types';
import { metadataFrom, metadataHeaders, onBucket, unquote } from './wire';

type ObjectRef = BucketRef & { key: string; versionId?: string };

function onObject(
  ref: ObjectRef,
  operation: string,
  method: OssCall['method'],
): Pick<OssCall, 'operation' | 'method' | 'bucket' | 'region' | 'key' | 'query'> {
  const query: Array<[string, string | null]> = ref.versionId ? [['versionId', ref.versionId]] : [];
  return { ...onBucket(ref, operation, method), key: ref.key, query };
}

function headFrom(headers: Readonly<Record<string, string>>): ObjectHead {
  return {
    contentLength: Number(headers['content-length'] ?? '0'),
    contentType: headers['content-type'],
    eTag: unquote(headers['etag']),
    crc64: headers[HEADER_CRC64],
    lastModified: headers['last-modified'],
    versionId: headers[HEADER_VERSION_ID],
    metadata: metadataFrom(headers),
    ...storageClassHeader(headers),
    ...encryptionFrom(headers),
    ...httpHeadersFrom(headers),
  };
}

export async function putObject(execute: Execute, input: PutObjectInput): Promise<PutObjectOutput> {
  const headers: Record<string, string> = {
    'Content-Type': input.contentType ?? CONTENT_TYPE_DEFAULT,
    ...metadataHeaders(input.metadata),
    ...(input.forbidOverwrite ? { [HEADER_FORBID_OVERWRITE]: 'true' } : {}),
    ...encryptionHeaders(input.encryption),
  };
  // A create-only write retried after a lost answer would report FileAlreadyExists for our own write.
  const res = await execute({ ...onObject(input, 'PutObject', 'PUT'), headers, body: input.body, idempotent: !input.forbidOverwrite });
  return {
    eTag: unquote(res.headers['etag']),
    crc64: res.headers[HEADER_CRC64] ?? '',
    versionId: res.headers[HEADER_VERSION_ID],
    requestId: res.requestId,
  };
}

export async function getObject(execute: Execute, ref: ObjectRef): Promise<GetObjectOutput> {
  const res = await execute({ ...onObject(ref, 'GetObject', 'GET'), idempotent: true });
  return { ...headFrom(res.headers), contentLength: res.body.length, body: res.body };
}

export async function headObject(execute: Execute, ref: ObjectRef): Promise<ObjectHead> {
  const res = await execute({ ...onObject(ref, 'HeadObject', 'HEAD'), idempotent: true });
  return headFrom(res.headers);
}

export async function deleteObject(
  execute: Execute,
  ref: ObjectRef,
  options: CallOptions = {},
): Promise<{ deleteMarker: boolean; versionId?: string }> {
  const once = options.singleAttemptMs !== undefined ? { singleAttemptMs: options.singleAttemptMs } : {};
  const res = await execute({ ...onObject(ref, 'DeleteObject', 'DELETE'), idempotent: true, ...once });
  return { deleteMarker: res.headers[HEADER_DELETE_MARKER] === 'true', versionId: res.headers[HEADER_VERSION_ID] };
}

/** One page; follow `nextContinuationToken` for more. */
export async function listObjectsV2(execute: Execute, input: ListObjectsV2Input): Promise<ListBucketResult> {
  const optional: Array<[string, string | undefined]> = [
    ['prefix', input.prefix],
    ['delimiter', input.delimiter],
    ['continuation-token', input.continuationToken],
    ['start-after', input.startAfter],
    ['max-keys', input.maxKeys === undefined ? undefined : String(input.maxKeys)],
    ['encoding-type', input.encodingType],
  ];
  const query: Array<[string, string | null]> = [['list-type', '2']];
  for (const [name, value] of optional) if (value !== undefined && value !== '') query.push([name, value]);
  const res = await execute({ ...onBucket(input, 'ListObjectsV2', 'GET'), query, idempotent: true });
  return parseListBucketResult(res.body.toString('utf8'));
}

/** GetObjectMeta: `HEAD /<key>?objectMeta` (a versionId, when given, selects the version). */
export async function getObjectMeta(execute: Execute, ref: ObjectRef): Promise<ObjectMeta> {
  const call = onObject(ref, 'GetObjectMeta', 'HEAD');
  const res = await execute({ ...call, query: [['objectMeta', null], ...(call.query ?? [])], idempotent: true });
  const h = res.headers;
  return {
    contentLength: Number(h['content-length'] ?? '0'),
    eTag: unquote(h['etag']),
    ...(h['last-modified'] ? { lastModified: h['last-modified'] } : {}),
    ...(h[HEADER_LAST_ACCESS_TIME] ? { lastAccessTime: h[HEADER_LAST_ACCESS_TIME] } : {}),
    ...(h[HEADER_VERSION_ID] ? { versionId: h[HEADER_VERSION_ID] } : {}),
    ...(h[HEADER_CRC64] ? { crc64: h[HEADER_CRC64] } : {}),
  };
}

/** One page of ListObjectVersions (`GET /?versions`). */
export async function listObjectVersions(execute: Execute, input: ListObjectVersionsInput): Promise<ListVersionsResult> {
  const optional: Array<[string, string | undefined]> = [
    ['prefix', input.prefix],
    ['delimiter', input.delimiter],
    ['key-marker', input.keyMarker],
    ['version-id-marker', input.versionIdMarker],
    ['max-keys', input.maxKeys === undefined ? undefined : String(input.maxKeys)],
  ];
  const query: Array<[string, string | null]> = [['versions', null]];
  for (const [name, value] of optional) if (value !== undefined && value !== '') query.push([name, value]);
  const res = await execute({ ...onBucket(input, 'ListObjectVersions', 'GET'), query, idempotent: true });
  return parseListVersionsResult(res.body.toString('utf8'));
}

/** `/<bucket>/<key>` with the key percent-encoded (OSS decodes it), plus `?versionId=` when given. */
function copySource(source: CopyObjectInput['source']): string {
  const path = `/${source.bucket}/${encodeKey(source.key)}`;
  return source.versionId ? `${path}?versionId=${encodeURIComponent(source.versionId)}` : path;
}

/** CopyObject within one region; a copy onto itself with REPLACE changes an object's metadata. */
export async function copyObject(execute: Execute, input: CopyObjectInput): Promise<CopyObjectOutput> {
  const replace = input.metadataDirective === 'REPLACE';
  const headers: Record<string, string> = {
    [HEADER_COPY_SOURCE]: copySource(input.source),
    ...(input.sourceIfMatch ? { [HEADER_COPY_SOURCE_IF_MATCH]: `"${unquote(input.sourceIfMatch)}"` } : {}),
    ...(input.metadataDirective ? { [HEADER_METADATA_DIRECTIVE]: input.metadataDirective } : {}),
    ...(replace ? { 'Content-Type': input.contentType ?? CONTENT_TYPE_DEFAULT, ...metadataHeaders(input.metadata) } : {}),
    ...(replace ? httpHeadersOf(input.httpHeaders) : {}),
    ...(input.storageClass ? { [HEADER_STORAGE_CLASS]: input.storageClass } : {}),
    ...encryptionHeaders(input.encryption),
    ...(input.forbidOverwrite ? { [HEADER_FORBID_OVERWRITE]: 'true' } : {}),
  };
  // Like a create-only PutObject, a create-only copy retried after a lost answer would fail on itself.
  const res = await execute({ ...onObject(input, 'CopyObject', 'PUT'), query: [], headers, idempotent: !input.forbidOverwrite });
  const result = parseCopyObjectResult(res.body.toString('utf8'));
  return {
    eTag: unquote(result.eTag),
    lastModified: result.lastModified,
    ...(res.headers[HEADER_CRC64] ? { crc64: res.headers[HEADER_CRC64] } : {}),
    ...(res.headers[HEADER_VERSION_ID] ? { versionId: res.headers[HEADER_VERSION_ID] } : {}),
    ...(res.headers[HEADER_COPY_SOURCE_VERSION_ID] ? { sourceVersionId: res.headers[HEADER_COPY_SOURCE_VERSION_ID] } : {}),
    requestId: res.requestId,
  };
}
