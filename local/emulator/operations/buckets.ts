/** PutBucket, DeleteBucket, GetBucketInfo, GetBucketLocation. */
import { buildBucketInfo, buildLocationConstraint, parseCreateBucketConfiguration } from '../../../shared/xml';
import { newBucket, recreateBucket } from '../models/bucket';
import { hasAnyVersion } from '../models/objects';
import { visibleRules } from '../models/ruleState';
import { OssErrors } from '../errors';
import { isValidBucketName } from '../util/names';
import { isoMillis } from '../util/time';
import type { OperationContext, OperationResult } from './context';
import { bucketName, EMPTY_OK, NO_CONTENT } from './context';
import { extranetEndpoint, intranetEndpoint } from './endpoints';
import { parseConfig } from './parseBody';

export function putBucket(ctx: OperationContext): OperationResult {
  const name = bucketName(ctx);
  if (!isValidBucketName(name)) throw OssErrors.invalidBucketName(name);
  const configuration = ctx.req.body.length > 0 ? parseConfig(ctx, parseCreateBucketConfiguration) : undefined;
  const input = { name, region: ctx.req.region, acl: ctx.req.headers['x-oss-acl'], configuration };
  const existing = ctx.svc.store.find(name);
  if (existing) {
    recreateBucket(existing, input);
    ctx.svc.store.changed(existing);
    ctx.svc.events.putBucket(existing, ctx.req, false);
  } else {
    const bucket = newBucket(input, ctx.now);
    ctx.svc.store.add(bucket);
    ctx.svc.events.putBucket(bucket, ctx.req, true);
  }
  return { status: 200, headers: { location: `/${name}` } };
}

/** Succeeds with replication rules present (as on OSS); objects or versions left -> BucketNotEmpty. */
export function deleteBucket(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  if (hasAnyVersion(bucket)) throw OssErrors.bucketNotEmpty(bucket.name);
  ctx.svc.store.remove(bucket.name);
  return NO_CONTENT;
}

export function getBucketInfo(ctx: OperationContext): OperationResult {
  const b = ctx.svc.store.require(bucketName(ctx));
  const hasRules = visibleRules(b, ctx.now, ctx.svc.timings).length > 0;
  const body = buildBucketInfo({
    name: b.name,
    creationDate: isoMillis(b.createdAt),
    location: `oss-${b.region}`,
    extranetEndpoint: extranetEndpoint(b.region),
    intranetEndpoint: intranetEndpoint(b.region),
    storageClass: b.storageClass,
    dataRedundancyType: b.dataRedundancyType,
    owner: ctx.svc.owner,
    acl: b.acl,
    versioning: b.versioning,
    transferAcceleration: 'Disabled',
    crossRegionReplication: hasRules ? 'Enabled' : 'Disabled',
  });
  return { status: 200, body };
}

export function getBucketLocation(ctx: OperationContext): OperationResult {
  const b = ctx.svc.store.require(bucketName(ctx));
  return { status: 200, body: buildLocationConstraint(`oss-${b.region}`) };
}

