/** ListObjects (v1: marker) and ListObjectsV2 (continuation-token / start-after, KeyCount, fetch-owner). */
import type { ListBucketResult, ObjectSummary, Owner } from '../../../shared/xml/types';
import { OssErrors } from '../errors';
import { listPage } from '../models/listing';
import { liveObjects } from '../models/objects';
import type { ObjectVersion } from '../models/types';
import { isoMillis } from '../util/time';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';
import { bucketName } from './context';
import { buildListBucketResultXml } from './documents';
import { parseMaxKeys } from './service';

const DEFAULT_MAX_KEYS = 100;
const MAX_MAX_KEYS = 1000;

interface Common {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  readonly encode: (text: string) => string;
  readonly encodingType?: string;
}

function common(ctx: OperationContext): Common {
  const encodingType = queryParam(ctx.req, 'encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') {
    throw OssErrors.invalidArgument('The encoding type you specified is not valid.', 'encoding-type', encodingType);
  }
  const delimiter = queryParam(ctx.req, 'delimiter');
  return {
    prefix: queryParam(ctx.req, 'prefix') ?? '',
    ...(delimiter ? { delimiter } : {}),
    maxKeys: parseMaxKeys(queryParam(ctx.req, 'max-keys'), DEFAULT_MAX_KEYS, MAX_MAX_KEYS),
    encode: encodingType === 'url' ? (t: string) => encodeURIComponent(t) : (t: string) => t,
    ...(encodingType ? { encodingType } : {}),
  };
}

function summary(v: ObjectVersion, encode: (t: string) => string, owner?: Owner): ObjectSummary {
  return {
    key: encode(v.key),
    lastModified: isoMillis(v.lastModified),
    eTag: `"${v.etag}"`,
    size: v.size,
    storageClass: 'Standard',
    type: 'Normal',
    ...(owner ? { owner } : {}),
  };
}

export function listObjects(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const c = common(ctx);
  const marker = queryParam(ctx.req, 'marker') ?? '';
  const page = listPage(liveObjects(bucket), { prefix: c.prefix, delimiter: c.delimiter, after: marker || undefined, maxKeys: c.maxKeys });
  const result: ListBucketResult = {
    name: bucket.name,
    prefix: c.encode(c.prefix),
    marker: c.encode(marker),
    maxKeys: c.maxKeys,
    delimiter: c.delimiter === undefined ? undefined : c.encode(c.delimiter),
    encodingType: c.encodingType,
    isTruncated: page.isTruncated,
    nextMarker: page.next === undefined ? undefined : c.encode(page.next),
    contents: page.contents.map((v) => summary(v, c.encode, ctx.svc.owner)),
    commonPrefixes: page.commonPrefixes.map(c.encode),
  };
  return { status: 200, body: buildListBucketResultXml(result) };
}

/** Continuation tokens are opaque to clients; ours is the base64 of the last key returned. */
const encodeToken = (key: string) => Buffer.from(key, 'utf8').toString('base64');
function decodeToken(token: string): string {
  const key = Buffer.from(token, 'base64').toString('utf8');
  if (encodeToken(key) !== token) throw OssErrors.invalidArgument('The continuation token provided is incorrect.', 'continuation-token', token);
  return key;
}

export function listObjectsV2(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const c = common(ctx);
  const token = queryParam(ctx.req, 'continuation-token');
  const startAfter = queryParam(ctx.req, 'start-after');
  const after = token ? decodeToken(token) : startAfter || undefined;
  const page = listPage(liveObjects(bucket), { prefix: c.prefix, delimiter: c.delimiter, after, maxKeys: c.maxKeys });
  const owner = queryParam(ctx.req, 'fetch-owner') === 'true' ? ctx.svc.owner : undefined;
  const result: ListBucketResult = {
    name: bucket.name,
    prefix: c.encode(c.prefix),
    ...(token ? { continuationToken: token } : {}),
    ...(startAfter ? { startAfter: c.encode(startAfter) } : {}),
    maxKeys: c.maxKeys,
    delimiter: c.delimiter === undefined ? undefined : c.encode(c.delimiter),
    encodingType: c.encodingType,
    isTruncated: page.isTruncated,
    ...(page.next === undefined ? {} : { nextContinuationToken: encodeToken(page.next) }),
    keyCount: page.contents.length + page.commonPrefixes.length,
    contents: page.contents.map((v) => summary(v, c.encode, owner)),
    commonPrefixes: page.commonPrefixes.map(c.encode),
  };
  return { status: 200, body: buildListBucketResultXml(result) };
}
