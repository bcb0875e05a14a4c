/** PutBucket, DeleteBucket, GetBucketInfo, GetBucketLocation, GetBucketStat. */
import { regionHost } from '../../../shared/oss';
import {
  buildBucketInfo,
  buildBucketStat,
  buildLocationConstraint,
  ossLocation,
  parseCreateBucketConfiguration,
} from '../../../shared/xml';
import { newBucket, recreateBucket } from '../models/bucket';
import { objectIndex } from '../models/objectIndex';
import { hasAnyVersion } from '../models/objects';
import { visibleRules } from '../models/ruleState';
import { OssErrors } from '../errors';
import { ossIsoTime } from '../util/time';
import type { OperationContext, OperationResult } from './context';
import { bucketName, NO_CONTENT } from './context';
import { parseConfig } from './parseBody';

export function putBucket(ctx: OperationContext): OperationResult {
  const name = bucketName(ctx); // valid: the router answers InvalidBucketName first
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
    creationDate: ossIsoTime(b.createdAt),
    location: ossLocation(b.region),
    extranetEndpoint: regionHost(b.region, false),
    intranetEndpoint: regionHost(b.region, true),
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
  return { status: 200, body: buildLocationConstraint(ossLocation(b.region)) };
}

/**
 * GetBucketStat from running totals (no walk over the objects). Unlike OSS, whose figures lag by
 * up to an hour, the answer is current; LastModifiedTime is therefore now. Every stored version
 * counts (noncurrent ones occupy storage too); delete markers are counted apart. Everything is
 * Standard storage; multipart uploads and live channels are not modelled (0).
 */
export function getBucketStat(ctx: OperationContext): OperationResult {
  const index = objectIndex(ctx.svc.store.require(bucketName(ctx)));
  const none = {
    infrequentAccessStorage: 0,
    infrequentAccessRealStorage: 0,
    infrequentAccessObjectCount: 0,
    archiveStorage: 0,
    archiveRealStorage: 0,
    archiveObjectCount: 0,
    coldArchiveStorage: 0,
    coldArchiveRealStorage: 0,
    coldArchiveObjectCount: 0,
    deepColdArchiveStorage: 0,
    deepColdArchiveRealStorage: 0,
    deepColdArchiveObjectCount: 0,
  };
  const body = buildBucketStat({
    storage: index.storedBytes,
    objectCount: index.versions,
    multipartUploadCount: 0,
    liveChannelCount: 0,
    lastModifiedTime: Math.floor(ctx.now / 1000),
    standardStorage: index.storedBytes,
    standardObjectCount: index.versions,
    ...none,
    multipartPartCount: 0,
    deleteMarkerCount: index.deleteMarkers,
  });
  return { status: 200, body };
}
