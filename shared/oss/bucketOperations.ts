import {
  type BucketInfo,
  type BucketStat,
  type BucketSummary,
  buildCreateBucketConfiguration,
  buildTagging,
  buildVersioningConfiguration,
  parseBucketInfo,
  parseBucketStat,
  parseListAllMyBucketsResult,
  parseLocationConstraint,
  parseTagging,
  parseVersioningConfiguration,
  regionOf,
  type Tag,
  type Unrecognised,
  type VersioningStatus,
} from '../xml';
import { HEADER_ACL, LIST_BUCKETS_PAGE_SIZE } from './constants';
import type { Execute } from './executor';
import type { BucketRef, ListBucketsOptions, PutBucketInput, UnrecognisedListener } from './types';
import { invalidResponse, noticeUnrecognised, onBucket, xmlBody } from './wire';

/** Answers are parsed leniently: a value OSS added since this code was written is kept, not fatal. */
const ANSWER = { unknownValues: 'keep' } as const;

/**
 * Every bucket of the account (or those with a prefix or a tag: `tag-key`, `tag-value` as the
 * ListBuckets reference documents them), following NextMarker over all pages.
 */
export async function listBuckets(execute: Execute, options: ListBucketsOptions = {}): Promise<BucketSummary[]> {
  if (options.tagValue !== undefined && !options.tagKey) throw new TypeError('listBuckets: tagValue needs tagKey');
  const buckets: BucketSummary[] = [];
  let marker: string | undefined;
  for (;;) {
    const query: Array<[string, string | null]> = [['max-keys', String(options.pageSize ?? LIST_BUCKETS_PAGE_SIZE)]];
    if (options.prefix) query.push(['prefix', options.prefix]);
    if (options.tagKey) query.push(['tag-key', options.tagKey]);
    if (options.tagValue !== undefined) query.push(['tag-value', options.tagValue]);
    if (marker !== undefined) query.push(['marker', marker]);
    const res = await execute({ operation: 'ListBuckets', method: 'GET', query, idempotent: true });
    const page = parseListAllMyBucketsResult(res.body.toString('utf8'));
    buckets.push(...page.buckets);
    if (!page.isTruncated) return buckets;
    // OSS documents NextMarker as the last name returned; fall back to that if it is missing.
    const next = page.nextMarker || page.buckets[page.buckets.length - 1]?.name;
    if (next === undefined || next === marker) {
      throw invalidResponse('ListBuckets', res.status, res.requestId, 'truncated listing without a new marker');
    }
    marker = next;
  }
}

export async function putBucket(execute: Execute, input: PutBucketInput): Promise<void> {
  const config = input.configuration ? xmlBody(buildCreateBucketConfiguration(input.configuration)) : {};
  const headers = { ...config.headers, ...(input.acl ? { [HEADER_ACL]: input.acl } : {}) };
  // Not idempotent: a retried create after a lost answer can fail with AccessDenied for RAM users.
  await execute({ ...onBucket(input, 'PutBucket', 'PUT'), body: config.body, headers, idempotent: false });
}

export async function deleteBucket(execute: Execute, ref: BucketRef): Promise<void> {
  await execute({ ...onBucket(ref, 'DeleteBucket', 'DELETE'), idempotent: true });
}

export async function getBucketInfo(execute: Execute, ref: BucketRef, notice?: UnrecognisedListener): Promise<BucketInfo> {
  const res = await execute({ ...onBucket(ref, 'GetBucketInfo', 'GET'), query: [['bucketInfo', null]], idempotent: true });
  const info = parseBucketInfo(res.body.toString('utf8'), ANSWER);
  noticeUnrecognised(notice, 'GetBucketInfo', ref, [info]);
  return info;
}

export async function getBucketLocation(execute: Execute, ref: BucketRef): Promise<string> {
  const res = await execute({ ...onBucket(ref, 'GetBucketLocation', 'GET'), query: [['location', null]], idempotent: true });
  return regionOf(parseLocationConstraint(res.body.toString('utf8')));
}

export async function getBucketTags(execute: Execute, ref: BucketRef): Promise<Tag[]> {
  const res = await execute({ ...onBucket(ref, 'GetBucketTags', 'GET'), query: [['tagging', null]], idempotent: true });
  return parseTagging(res.body.toString('utf8')).tags;
}

/** Replaces the whole tag set. */
export async function putBucketTags(execute: Execute, ref: BucketRef, tags: readonly Tag[]): Promise<void> {
  const body = xmlBody(buildTagging({ tags: [...tags] }));
  await execute({ ...onBucket(ref, 'PutBucketTags', 'PUT'), query: [['tagging', null]], ...body, idempotent: true });
}

/** All tags when `keys` is omitted; an empty list deletes nothing (and sends nothing). */
export async function deleteBucketTags(execute: Execute, ref: BucketRef, keys?: readonly string[]): Promise<void> {
  if (keys !== undefined && keys.length === 0) return;
  const query: Array<[string, string | null]> = [['tagging', keys === undefined ? null : keys.join(',')]];
  await execute({ ...onBucket(ref, 'DeleteBucketTags', 'DELETE'), query, idempotent: true });
}

/** A Status this code does not know is returned as sent (and noticed): it is never "never versioned". */
export async function getBucketVersioning(
  execute: Execute,
  ref: BucketRef,
  notice?: UnrecognisedListener,
): Promise<VersioningStatus | Unrecognised | undefined> {
  const res = await execute({ ...onBucket(ref, 'GetBucketVersioning', 'GET'), query: [['versioning', null]], idempotent: true });
  const config = parseVersioningConfiguration(res.body.toString('utf8'), ANSWER);
  noticeUnrecognised(notice, 'GetBucketVersioning', ref, [config]);
  return config.status;
}

export async function putBucketVersioning(execute: Execute, ref: BucketRef, status: VersioningStatus): Promise<void> {
  const body = xmlBody(buildVersioningConfiguration({ status }));
  await execute({ ...onBucket(ref, 'PutBucketVersioning', 'PUT'), query: [['versioning', null]], ...body, idempotent: true });
}

/** GetBucketStat (`GET /?stat`): storage bytes and object counts of one bucket. */
export async function getBucketStat(execute: Execute, ref: BucketRef): Promise<BucketStat> {
  const res = await execute({ ...onBucket(ref, 'GetBucketStat', 'GET'), query: [['stat', null]], idempotent: true });
  return parseBucketStat(res.body.toString('utf8'));
}
