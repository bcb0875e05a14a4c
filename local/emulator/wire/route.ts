/**
 * Which OSS operation a request is: method + bucket/key + sub-resources. The name is also what the
 * request log records. Sub-resources the emulator does not model answer NotImplemented; ordinary
 * parameters OSS ignores are ignored here too.
 */
import { OssErrors } from '../errors';
import { isValidBucketName } from '../../../shared/oss';
import type { WireRequest } from './request';
import { hasParam, queryParam } from './request';

export type OperationName =
  | 'ListBuckets'
  | 'PutBucket'
  | 'DeleteBucket'
  | 'GetBucketInfo'
  | 'GetBucketLocation'
  | 'PutBucketTags'
  | 'GetBucketTags'
  | 'DeleteBucketTags'
  | 'PutBucketVersioning'
  | 'GetBucketVersioning'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'GetObjectMeta'
  | 'CopyObject'
  | 'DeleteObject'
  | 'ListObjectVersions'
  | 'GetBucketStat'
  | 'PutBucketReplication'
  | 'GetBucketReplication'
  | 'GetBucketReplicationLocation'
  | 'GetBucketReplicationProgress'
  | 'DeleteBucketReplication'
  | 'PutBucketRTC';

/** Sub-resources this emulator answers. */
const MODELLED = [
  'tagging',
  'versioning',
  'versions',
  'stat',
  'bucketInfo',
  'location',
  'replication',
  'replicationLocation',
  'replicationProgress',
  'rtc',
  'comp',
  'objectMeta',
];

/** Sub-resources OSS has that the emulator does not model (a subset of the V1 list: the bucket/object features). */
const UNMODELLED = [
  'acl',
  'uploads',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'uploadId',
  'partNumber',
  'position',
  'symlink',
  'restore',
  'policy',
  'encryption',
  'inventory',
  'worm',
  'transferAcceleration',
  'requestPayment',
  'qos',
  'cname',
  'live',
  'x-oss-process',
  'metaQuery',
  'accessPoint',
  'publicAccessBlock',
  'httpsConfig',
  'resourceGroup',
  'regionList',
  'overwriteConfig',
  'callback',
];

type Pattern = { method: string; sub: string | null; comp?: string; name: OperationName };

const BUCKET_PATTERNS: readonly Pattern[] = [
  { method: 'PUT', sub: null, name: 'PutBucket' },
  { method: 'DELETE', sub: null, name: 'DeleteBucket' },
  { method: 'GET', sub: 'bucketInfo', name: 'GetBucketInfo' },
  { method: 'GET', sub: 'location', name: 'GetBucketLocation' },
  { method: 'PUT', sub: 'tagging', name: 'PutBucketTags' },
  { method: 'GET', sub: 'tagging', name: 'GetBucketTags' },
  { method: 'DELETE', sub: 'tagging', name: 'DeleteBucketTags' },
  { method: 'PUT', sub: 'versioning', name: 'PutBucketVersioning' },
  { method: 'GET', sub: 'versioning', name: 'GetBucketVersioning' },
  { method: 'GET', sub: 'versions', name: 'ListObjectVersions' },
  { method: 'GET', sub: 'stat', name: 'GetBucketStat' },
  { method: 'POST', sub: 'replication', comp: 'add', name: 'PutBucketReplication' },
  { method: 'POST', sub: 'replication', comp: 'delete', name: 'DeleteBucketReplication' },
  { method: 'GET', sub: 'replication', name: 'GetBucketReplication' },
  { method: 'GET', sub: 'replicationLocation', name: 'GetBucketReplicationLocation' },
  { method: 'GET', sub: 'replicationProgress', name: 'GetBucketReplicationProgress' },
  { method: 'PUT', sub: 'rtc', name: 'PutBucketRTC' },
];

const OBJECT_OPERATIONS: Readonly<Record<string, OperationName>> = {
  PUT: 'PutObject',
  GET: 'GetObject',
  HEAD: 'HeadObject',
  DELETE: 'DeleteObject',
};

function subResource(req: Pick<WireRequest, 'query'>): string | null {
  const unmodelled = UNMODELLED.find((name) => hasParam(req, name));
  if (unmodelled) throw OssErrors.notImplemented(unmodelled);
  return MODELLED.find((name) => name !== 'comp' && hasParam(req, name)) ?? null;
}

function bucketOperation(req: Pick<WireRequest, 'method' | 'query'>, sub: string | null): OperationName {
  if (req.method === 'GET' && sub === null) return queryParam(req, 'list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
  const comp = queryParam(req, 'comp');
  const match = BUCKET_PATTERNS.find((p) => p.method === req.method && p.sub === sub && (p.comp === undefined || p.comp === comp));
  if (match) return match.name;
  if (BUCKET_PATTERNS.some((p) => p.sub === sub)) throw OssErrors.methodNotAllowed(req.method);
  throw OssErrors.notImplemented(sub ?? req.method);
}

/** Object-level sub-resources and the one method each answers. */
const OBJECT_SUBRESOURCES: Readonly<Record<string, { method: string; name: OperationName }>> = {
  objectMeta: { method: 'HEAD', name: 'GetObjectMeta' },
};

function objectOperation(req: { method: string; headers?: Readonly<Record<string, string>> }, sub: string | null): OperationName {
  if (sub !== null) {
    const known = OBJECT_SUBRESOURCES[sub];
    if (!known) throw OssErrors.notImplemented(sub);
    if (known.method !== req.method) throw OssErrors.methodNotAllowed(req.method);
    return known.name;
  }
  // CopyObject is a PUT whose bytes come from x-oss-copy-source instead of the body.
  if (req.method === 'PUT' && req.headers?.['x-oss-copy-source'] !== undefined) return 'CopyObject';
  const op = OBJECT_OPERATIONS[req.method];
  if (!op) throw OssErrors.methodNotAllowed(req.method);
  return op;
}

export function resolveOperation(
  req: Pick<WireRequest, 'method' | 'bucket' | 'key' | 'query'> & Partial<Pick<WireRequest, 'headers'>>,
): OperationName {
  // A request that names a bucket is never a service call, whatever the name (path or Host).
  if (req.bucket !== undefined && !isValidBucketName(req.bucket)) throw OssErrors.invalidBucketName(req.bucket);
  if (req.bucket === undefined) {
    if (req.method === 'GET') return 'ListBuckets';
    throw OssErrors.methodNotAllowed(req.method);
  }
  const sub = subResource(req);
  if (req.key === undefined) return bucketOperation(req, sub);
  return objectOperation(req, sub);
}
