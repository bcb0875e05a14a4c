/** PutBucketVersioning / GetBucketVersioning. */
import { buildVersioningConfiguration, parseVersioningConfiguration } from '../../../shared/xml';
import { parseVersioningStatus, setVersioning } from '../models/versioning';
import { ruleLifecycle } from '../models/ruleState';
import type { BucketRecord } from '../models/types';
import type { OperationContext, OperationResult } from './context';
import { bucketName, EMPTY_OK } from './context';
import { parseConfig } from './parseBody';

/** The bucket is the source or the destination of a rule that still exists (closing included). */
function isLinked(ctx: OperationContext, bucket: BucketRecord): boolean {
  const live = (b: BucketRecord) => b.rules.filter((r) => ruleLifecycle(r, ctx.now, ctx.svc.timings) !== 'gone');
  if (live(bucket).length > 0) return true;
  return ctx.svc.store.replicating().some((b) => live(b).some((r) => r.rule.destination.bucket === bucket.name));
}

export function putBucketVersioning(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const status = parseVersioningStatus(parseConfig(ctx, parseVersioningConfiguration).status);
  if (setVersioning(bucket, status, bucket.versioning !== status && isLinked(ctx, bucket))) ctx.svc.store.changed(bucket);
  return EMPTY_OK;
}

export function getBucketVersioning(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  return { status: 200, body: buildVersioningConfiguration({ status: bucket.versioning }) };
}
