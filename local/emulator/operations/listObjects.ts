/** ListObjects (v1: marker) and ListObjectsV2 (continuation-token / start-after, KeyCount, fetch-owner). */
import { buildListBucketResult, type ListBucketResult, type ObjectSummary, type Owner } from '../../../shared/xml';
import { OssErrors } from '../errors';
import { listPage } from '../models/listing';
import { liveObjects } from '../models/objects';
import type { ObjectVersion } from '../models/types';
import { ossIsoTime } from '../util/time';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';
import { bucketName } from './context';
import { parseMaxKeys } from './service';

const DEFAULT_MAX_KEYS = 100;
const MAX_MAX_KEYS = 1000;

interface Common {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  /** `url`: the shared builder percent-encodes keys, prefixes and markers. */
  readonly encodingType?: string;
}

/** prefix, delimiter, max-keys and encoding-type: shared with ListObjectVersions. */
export function listingOptions(ctx: OperationContext): Common {
  const encodingType = queryParam(ctx.req, 'encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') {
    throw OssErrors.invalidArgument('The encoding type you specified is not valid.', 'encoding-type', encodingType);
  }
  const delimiter = queryParam(ctx.req, 'delimiter');
  return {
    prefix: queryParam(ctx.req, 'prefix') ?? '',
    ...(delimiter ? { delimiter } : {}),
    maxKeys: parseMaxKeys(queryParam(ctx.req, 'max-keys'), DEFAULT_MAX_KEYS, MAX_MAX_KEYS),
    ...(encodingType ? { encodingType } : {}),
  };
}

function summary(v: ObjectVersion, owner?: Owner): ObjectSummary {
  return {
    key: v.key,
    lastModified: ossIsoTime(v.lastModified),
    eTag: `"${v.etag}"`,
    size: v.size,
    storageClass: 'Standard',
    type: 'Normal',
    ...(owner ? { owner } : {}),
  };
}

export function listObjects(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const c = listingOptions(ctx);
  const marker = queryParam(ctx.req, 'marker') ?? '';
  const page = listPage((start, exclusive) => liveObjects(bucket, start, exclusive), {
    prefix: c.prefix,
    delimiter: c.delimiter,
    after: marker || undefined,
    maxKeys: c.maxKeys,
  });
  const result: ListBucketResult = {
    name: bucket.name,
    prefix: c.prefix,
    marker: marker,
    maxKeys: c.maxKeys,
    delimiter: c.delimiter,
    encodingType: c.encodingType,
    isTruncated: page.isTruncated,
    nextMarker: page.next,
    contents: page.contents.map((v) => summary(v, ctx.svc.owner)),
    commonPrefixes: page.commonPrefixes,
  };
  return { status: 200, body: buildListBucketResult(result) };
}

/** Continuation tokens are opaque to clients; ours is the base64 of the last key returned. */
const encodeToken = (key: string) => Buffer.from(key, 'utf8').toString('base64');
function decodeToken(token: string): string {
  const key = Buffer.from(token, 'base64').toString('utf8');
  if (encodeToken(key) !== token)
    throw OssErrors.invalidArgument('The continuation token provided is incorrect.', 'continuation-token', token);
  return key;
}

export function listObjectsV2(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const c = listingOptions(ctx);
  const token = queryParam(ctx.req, 'continuation-token');
  const startAfter = queryParam(ctx.req, 'start-after');
  const after = token ? decodeToken(token) : startAfter || undefined;
  const page = listPage((start, exclusive) => liveObjects(bucket, start, exclusive), {
    prefix: c.prefix,
    delimiter: c.delimiter,
    after,
    maxKeys: c.maxKeys,
  });
  const owner = queryParam(ctx.req, 'fetch-owner') === 'true' ? ctx.svc.owner : undefined;
  const result: ListBucketResult = {
    name: bucket.name,
    prefix: c.prefix,
    ...(token ? { continuationToken: token } : {}),
    ...(startAfter ? { startAfter } : {}),
    maxKeys: c.maxKeys,
    delimiter: c.delimiter,
    encodingType: c.encodingType,
    isTruncated: page.isTruncated,
    ...(page.next === undefined ? {} : { nextContinuationToken: encodeToken(page.next) }),
    keyCount: page.contents.length + page.commonPrefixes.length,
    contents: page.contents.map((v) => summary(v, owner)),
    commonPrefixes: page.commonPrefixes,
  };
  return { status: 200, body: buildListBucketResult(result) };
}
