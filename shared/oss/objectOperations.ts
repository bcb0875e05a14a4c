import { parseListBucketResult } from '../xml';
import type { ListBucketResult } from '../xml/types';
import { CONTENT_TYPE_DEFAULT, HEADER_CRC64, HEADER_DELETE_MARKER, HEADER_FORBID_OVERWRITE, HEADER_VERSION_ID } from './constants';
import type { Execute, OssCall } from './executor';
import type { BucketRef, GetObjectOutput, ListObjectsV2Input, ObjectHead, PutObjectInput, PutObjectOutput } from './types';
import { metadataFrom, metadataHeaders, onBucket, unquote } from './wire';

type ObjectRef = BucketRef & { key: string; versionId?: string };

function onObject(ref: ObjectRef, operation: string, method: OssCall['method']): Pick<OssCall, 'operation' | 'method' | 'bucket' | 'region' | 'key' | 'query'> {
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
  };
}

export async function putObject(execute: Execute, input: PutObjectInput): Promise<PutObjectOutput> {
  const headers: Record<string, string> = {
    'Content-Type': input.contentType ?? CONTENT_TYPE_DEFAULT,
    ...metadataHeaders(input.metadata),
    ...(input.forbidOverwrite ? { [HEADER_FORBID_OVERWRITE]: 'true' } : {}),
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

export async function deleteObject(execute: Execute, ref: ObjectRef): Promise<{ deleteMarker: boolean; versionId?: string }> {
  const res = await execute({ ...onObject(ref, 'DeleteObject', 'DELETE'), idempotent: true });
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
  ];
  const query: Array<[string, string | null]> = [['list-type', '2']];
  for (const [name, value] of optional) if (value !== undefined && value !== '') query.push([name, value]);
  const res = await execute({ ...onBucket(input, 'ListObjectsV2', 'GET'), query, idempotent: true });
  return parseListBucketResult(res.body.toString('utf8'));
}
