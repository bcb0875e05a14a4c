/**
 * PutBucketReplication validation: every documented error of oss-api.md §1.2, in one place.
 * UNCONFIRMED choices (see README): versioning mismatch and a reused rule id answer InvalidArgument;
 * a rule still `closing` keeps blocking a new rule to the same destination.
 */
import type { ReplicationAction, ReplicationRule } from '../../../shared/xml';
import { OssErrors } from '../errors';
import type { LocationRules } from '../replication/locations';
import { stripPrefix } from '../replication/locations';
import { isValidBucketName } from '../../../shared/oss';
import type { BucketRecord, RuleRecord } from './types';

export const MAX_RULES_PER_BUCKET = 100;
export const MAX_PREFIXES = 10;
const MAX_RULE_ID = 255;
const ACTIONS: readonly string[] = ['ALL', 'PUT', 'DELETE', 'ABORT'];

export interface RuleCheckContext {
  readonly source: BucketRecord;
  readonly findBucket: (name: string) => BucketRecord | undefined;
  readonly locations: LocationRules;
  /** Live (not gone) rules of a bucket. */
  readonly liveRules: (bucket: BucketRecord) => RuleRecord[];
  /** Live rules anywhere whose destination is `bucket`. */
  readonly incomingCount: (bucket: string) => number;
}

/** Request-level check: exactly one Rule per PutBucketReplication. */
export function singleRule(rules: readonly ReplicationRule[]): ReplicationRule {
  if (rules.length > 1) throw OssErrors.tooManyReplicationRules();
  const rule = rules[0];
  if (!rule) throw OssErrors.malformedXml('0031-00000001');
  return rule;
}

export function validateActions(actions: readonly string[]): ReplicationAction[] {
  if (actions.length === 0) return ['ALL'];
  for (const a of actions) {
    if (!ACTIONS.includes(a)) throw OssErrors.invalidArgument(`The action ${a} is not valid.`, 'Action', actions.join(','));
  }
  return actions as ReplicationAction[];
}

function validatePrefixes(prefixes: readonly string[]): void {
  if (prefixes.length > MAX_PREFIXES) {
    throw OssErrors.invalidArgument(`A rule can have at most ${MAX_PREFIXES} prefixes.`, 'PrefixSet', String(prefixes.length));
  }
  for (const p of prefixes) {
    if (Buffer.byteLength(p, 'utf8') > 1023) throw OssErrors.invalidArgument('A prefix is longer than 1023 bytes.', 'Prefix', p);
  }
  for (const a of prefixes) {
    for (const b of prefixes) {
      if (a !== b && b.startsWith(a)) throw OssErrors.invalidArgument(`The prefixes ${a} and ${b} overlap.`, 'Prefix', b);
    }
  }
  if (new Set(prefixes).size !== prefixes.length) throw OssErrors.invalidArgument('A prefix appears twice.', 'Prefix', '');
}

function validateFields(rule: ReplicationRule): void {
  if (rule.id !== undefined && rule.id.length > MAX_RULE_ID) throw OssErrors.invalidArgument('The rule ID is too long.', 'ID', rule.id);
  validateActions(rule.actions);
  validatePrefixes(rule.prefixes);
  const transfer = rule.destination.transferType;
  if (transfer !== undefined && transfer !== 'internal' && transfer !== 'oss_acc') {
    throw OssErrors.invalidArgument('The transfer type you specified is not supported.', 'TransferType', String(transfer));
  }
  const hist = rule.historicalObjectReplication as string;
  if (hist !== 'enabled' && hist !== 'disabled') {
    throw OssErrors.invalidArgument('HistoricalObjectReplication must be enabled or disabled.', 'HistoricalObjectReplication', hist);
  }
  if (rule.sseKmsEncryptedObjects === 'Enabled' && (!rule.replicaKmsKeyId || !rule.syncRole)) {
    throw OssErrors.invalidArgument(
      'SSE-KMS replication needs both ReplicaKmsKeyID and SyncRole.',
      'ReplicaKmsKeyID',
      rule.replicaKmsKeyId ?? '',
    );
  }
}

function validateLocation(ctx: RuleCheckContext, rule: ReplicationRule, destRegion: string | undefined): string {
  const source = ctx.source.region;
  if (destRegion === undefined) throw OssErrors.invalidTargetLocation();
  if (destRegion !== source) {
    const allowed = ctx.locations.destinations(source);
    if (allowed.length === 0) throw OssErrors.noReplicationLocation();
    if (!allowed.includes(destRegion)) throw OssErrors.badReplicationLocation(rule.destination.location);
  }
  if (rule.destination.transferType === 'oss_acc' && !ctx.locations.allowsTransferAcceleration(source, destRegion)) {
    throw OssErrors.invalidArgument('Transfer type oss_acc is not supported for this destination.', 'TransferType', 'oss_acc');
  }
  if (rule.rtc === 'enabled' && !ctx.locations.allowsRtc(source, destRegion)) {
    throw OssErrors.invalidArgument('RTC is not supported for this destination.', 'RTC', 'enabled');
  }
  return destRegion;
}

function validateDestination(ctx: RuleCheckContext, rule: ReplicationRule, destRegion: string): BucketRecord {
  const name = rule.destination.bucket;
  const dest = ctx.findBucket(name);
  if (!dest) throw OssErrors.invalidTargetBucket('The target bucket you specified does not exist.');
  if (dest.region !== destRegion) throw OssErrors.invalidTargetLocation();
  if (ctx.source.versioning !== dest.versioning) {
    throw OssErrors.invalidArgument(
      'The source and destination buckets must have the same versioning state.',
      'Versioning',
      `${ctx.source.versioning ?? 'None'}/${dest.versioning ?? 'None'}`,
    );
  }
  return dest;
}

function validateAgainstExisting(ctx: RuleCheckContext, rule: ReplicationRule): void {
  const live = ctx.liveRules(ctx.source);
  if (live.some((r) => r.rule.destination.bucket === rule.destination.bucket)) throw OssErrors.bucketReplicationAlreadyExist();
  if (rule.id && live.some((r) => r.rule.id === rule.id)) throw OssErrors.invalidArgument('Rule ID is not unique.', 'ID', rule.id);
  if (live.length >= MAX_RULES_PER_BUCKET) throw OssErrors.tooManyOutgoingReplication();
  if (ctx.incomingCount(rule.destination.bucket) >= MAX_RULES_PER_BUCKET) throw OssErrors.tooManyIncomingReplication();
}

/** Throws the OSS error for the first broken rule; returns the destination bucket. */
export function checkNewRule(ctx: RuleCheckContext, rule: ReplicationRule): BucketRecord {
  validateFields(rule);
  const destName = rule.destination.bucket;
  if (!destName) throw OssErrors.invalidTargetBucket('The target bucket is missing.');
  if (!isValidBucketName(destName)) throw OssErrors.invalidTargetBucket();
  if (destName === ctx.source.name) throw OssErrors.invalidTargetBucket('The target bucket must differ from the source bucket.');
  const destRegion = validateLocation(ctx, rule, stripPrefix(rule.destination.location ?? ''));
  const dest = validateDestination(ctx, rule, destRegion);
  validateAgainstExisting(ctx, rule);
  return dest;
}
