/**
 * PutBucketReplication (POST ?replication&comp=add), GetBucketReplication,
 * GetBucketReplicationLocation, GetBucketReplicationProgress, DeleteBucketReplication
 * (POST ?replication&comp=delete) and PutBucketRTC (PUT ?rtc).
 */
import {
  buildReplicationConfiguration,
  buildReplicationLocation,
  buildReplicationProgress,
  parseReplicationConfiguration,
  parseReplicationRules,
  parseRtcConfiguration,
  type ReplicationConfiguration,
  XmlParseError,
} from '../../../shared/xml';
import { OssErrors } from '../errors';
import { checkNewRule, singleRule, validateActions } from '../models/replicationRules';
import { ruleLifecycle, visibleRules } from '../models/ruleState';
import type { BucketRecord, RuleRecord } from '../models/types';
import { historicalBacklog } from '../replication/enqueue';
import { stripPrefix } from '../replication/locations';
import { ruleProgress } from '../replication/progress';
import { newRuleId } from '../util/ids';
import { queryParam } from '../wire/request';
import type { OperationContext, OperationResult } from './context';
import { bucketName, EMPTY_OK, NO_CONTENT } from './context';
import { configBody, parseConfig, toOssError } from './parseBody';

const MALFORMED_REPLICATION_EC = '0031-00000001';

/** A Destination without Bucket or Location is a target error on OSS, not a schema error. */
function parseAddRequest(ctx: OperationContext): ReplicationConfiguration {
  const xml = configBody(ctx);
  try {
    return parseReplicationConfiguration(xml);
  } catch (error) {
    if (error instanceof XmlParseError && error.reason === 'missing') {
      if (/Destination(\.Bucket)?$/.test(error.path)) throw OssErrors.invalidTargetBucket('The target bucket is missing.');
      if (error.path.endsWith('Destination.Location')) throw OssErrors.invalidTargetLocation();
    }
    throw toOssError(error, MALFORMED_REPLICATION_EC);
  }
}

function liveRules(ctx: OperationContext, bucket: BucketRecord): RuleRecord[] {
  return visibleRules(bucket, ctx.now, ctx.svc.timings);
}

export function putBucketReplication(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const rule = singleRule(parseAddRequest(ctx).rules);
  checkNewRule(
    {
      source: bucket,
      findBucket: (name) => ctx.svc.store.find(name),
      locations: ctx.svc.locations,
      liveRules: (b) => liveRules(ctx, b),
      incomingCount: (name) =>
        ctx.svc.store.replicating().reduce((n, b) => n + liveRules(ctx, b).filter((r) => r.rule.destination.bucket === name).length, 0),
    },
    rule,
  );
  const id = rule.id || newRuleId();
  const stored = { ...rule, id, actions: validateActions(rule.actions) };
  delete stored.status;
  bucket.rules.push({ rule: stored, createdAt: ctx.now, historical: historicalBacklog(bucket, stored), queue: [] });
  ctx.svc.store.changed(bucket);
  return { status: 200, headers: { 'x-oss-replication-rule-id': id } };
}

function rulesOrThrow(ctx: OperationContext, bucket: BucketRecord): RuleRecord[] {
  const rules = liveRules(ctx, bucket);
  if (rules.length === 0) throw OssErrors.noSuchReplicationConfiguration();
  return rules;
}

export function getBucketReplication(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const rules = rulesOrThrow(ctx, bucket).map((r) => {
    const status = ruleLifecycle(r, ctx.now, ctx.svc.timings);
    return { ...r.rule, status: status === 'gone' ? ('closing' as const) : status };
  });
  return { status: 200, body: buildReplicationConfiguration({ rules }, { forResponse: true }) };
}

export function getBucketReplicationLocation(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  return { status: 200, body: buildReplicationLocation(ctx.svc.locations.document(bucket.region)) };
}

/**
 * One rule's progress. The current API reference marks `rule-id` as required, so a request without
 * it (or with it empty) is refused with MissingArgument, as the parameter check comes before the
 * bucket's rules are looked at (older servers listed every rule; see README, UNCONFIRMED).
 */
export function getBucketReplicationProgress(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const ruleId = queryParam(ctx.req, 'rule-id');
  if (!ruleId) throw OssErrors.missingArgument('rule-id');
  const record = rulesOrThrow(ctx, bucket).find((r) => r.rule.id === ruleId);
  if (!record) throw OssErrors.noSuchReplicationRule(ruleId);
  return { status: 200, body: buildReplicationProgress({ rules: [ruleProgress(record, ctx.now, ctx.svc.timings)] }) };
}

/** 200 with no rules at all; 204 when the rule is already closing; 404 for an unknown id. */
export function deleteBucketReplication(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const { ids } = parseConfig(ctx, parseReplicationRules, MALFORMED_REPLICATION_EC);
  if (ids.length > 1) throw OssErrors.tooManyReplicationRules();
  const id = ids[0]?.trim();
  if (!id) throw OssErrors.invalidArgument('The rule ID is missing.', 'ID', '');
  const rules = liveRules(ctx, bucket);
  if (rules.length === 0) return EMPTY_OK;
  const record = rules.find((r) => r.rule.id === id);
  if (!record) throw OssErrors.noSuchReplicationRule(id);
  if (record.deletedAt !== undefined) return NO_CONTENT;
  record.deletedAt = ctx.now;
  ctx.svc.store.changed(bucket);
  return EMPTY_OK;
}

export function putBucketRtc(ctx: OperationContext): OperationResult {
  const bucket = ctx.svc.store.require(bucketName(ctx));
  const cfg = parseConfig(ctx, parseRtcConfiguration);
  const record = liveRules(ctx, bucket).find((r) => r.rule.id === cfg.id && r.deletedAt === undefined);
  if (!record) throw OssErrors.noSuchReplicationRule(cfg.id);
  const destRegion = stripPrefix(record.rule.destination.location) ?? '';
  if (cfg.status === 'enabled' && !ctx.svc.locations.allowsRtc(bucket.region, destRegion)) {
    throw OssErrors.invalidArgument('RTC is not supported for this destination.', 'RTC', cfg.status);
  }
  record.rule.rtc = cfg.status;
  ctx.svc.store.changed(bucket);
  return EMPTY_OK;
}
