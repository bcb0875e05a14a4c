/** PutBucketTags (replaces the whole set), GetBucketTags, DeleteBucketTags (all, or `?tagging=k1,k2`). */
import { buildTagging, parseTagging } from '../../../shared/xml';
import { removeTags, validateBucketTags } from '../models/tags';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';
import { bucketName, EMPTY_OK, NO_CONTENT } from './context';
import { parseConfig } from './parseBody';

export function putBucketTags(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const { tags } = parseConfig(ctx, parseTagging);
  validateBucketTags(tags);
  bucket.tags = tags.map((t) => ({ key: t.key, value: t.value }));
  ctx.svc.store.changed(bucket);
  ctx.svc.events.putBucketTags(bucket, ctx.req);
  return EMPTY_OK;
}

export function getBucketTags(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  return { status: 200, body: buildTagging({ tags: bucket.tags }) };
}

export function deleteBucketTags(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const listed = queryParam(ctx.req, 'tagging');
  const keys = listed ? listed.split(',').filter((k) => k !== '') : undefined;
  bucket.tags = removeTags(bucket.tags, keys);
  ctx.svc.store.changed(bucket);
  return NO_CONTENT;
}
