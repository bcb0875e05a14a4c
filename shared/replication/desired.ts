import type { Policy } from '../policy/runtime';
import { ossLocation, type ReplicationAction, type ReplicationRule } from '../xml';
import { ownedRuleId, type RuleOwnership } from './ruleIds';
import { renderDestination } from './policyAdapter';

export interface RuleTarget {
  readonly sourceBucket: string;
  /** Without `oss-`. */
  readonly sourceRegion: string;
  readonly account: string;
}

const ACTION_ORDER: readonly ReplicationAction[] = ['PUT', 'DELETE', 'ABORT'];

/** `ALL` stands for PUT+DELETE+ABORT; anything else is kept in one fixed order. */
export function normaliseActions(actions: readonly ReplicationAction[]): ReplicationAction[] {
  const set = new Set(actions);
  if (set.size === 0 || set.has('ALL') || ACTION_ORDER.every((action) => set.has(action))) return ['ALL'];
  return ACTION_ORDER.filter((action) => set.has(action));
}

function kmsFields(policy: Policy): Partial<ReplicationRule> {
  if (policy.kms) {
    return { syncRole: policy.kms.syncRole, sseKmsEncryptedObjects: 'Enabled', replicaKmsKeyId: policy.kms.replicaKmsKeyId };
  }
  return policy.syncRole ? { syncRole: policy.syncRole } : {};
}

/** The rule a policy asks for on one source bucket, without an ID. Optional fields appear only when set. */
export function desiredRuleBody(policy: Policy, target: RuleTarget): ReplicationRule {
  const bucket = renderDestination(policy, { bucket: target.sourceBucket, region: target.sourceRegion, account: target.account });
  return {
    prefixes: [...new Set(policy.prefixes)].sort(),
    actions: normaliseActions(policy.actions),
    destination: {
      bucket,
      location: ossLocation(policy.destination.region),
      ...(policy.transferType === 'oss_acc' ? { transferType: 'oss_acc' as const } : {}),
    },
    historicalObjectReplication: policy.historical ? 'enabled' : 'disabled',
    ...kmsFields(policy),
    ...(policy.rtc ? { rtc: 'enabled' as const } : {}),
  };
}

/**
 * The rule a policy asks for on one source bucket, with this deployment's deterministic ID.
 *
 * @example
 *   desiredRule(policy, { sourceBucket: 'logs', sourceRegion: 'cn-hangzhou', account: '123' }, { prefix: 'autopilot-', deployment: '5e1f09a2' })
 *   // { id: 'autopilot-dr-beijing-5e1f09a2-1a2b3c4d', destination: { bucket: 'logs-dr', location: 'oss-cn-beijing' }, ... }
 */
export function desiredRule(policy: Policy, target: RuleTarget, ownership: Pick<RuleOwnership, 'prefix' | 'deployment'>): ReplicationRule {
  const body = desiredRuleBody(policy, target);
  return { id: ownedRuleId(ownership, policy.name, body), ...body };
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

function rtcOn(rule: ReplicationRule): boolean {
  return rule.rtc === 'enabled' || rule.rtc === 'enabling';
}

function kmsOn(rule: ReplicationRule): boolean {
  return rule.sseKmsEncryptedObjects === 'Enabled';
}

/**
 * True when `actual` (as OSS echoes it back) does what `desired` asks. OSS omits TransferType
 * `internal`, may reorder actions and prefixes, shows `enabling` for RTC while it starts, and
 * omits the KMS key when SSE-KMS replication is disabled.
 */
export function rulesEquivalent(actual: ReplicationRule, desired: ReplicationRule): boolean {
  const a = actual.destination;
  const d = desired.destination;
  return (
    a.bucket === d.bucket &&
    a.location === d.location &&
    (a.transferType ?? 'internal') === (d.transferType ?? 'internal') &&
    sameSet(normaliseActions(actual.actions), normaliseActions(desired.actions)) &&
    sameSet(actual.prefixes, desired.prefixes) &&
    actual.historicalObjectReplication === desired.historicalObjectReplication &&
    (actual.syncRole ?? '') === (desired.syncRole ?? '') &&
    kmsOn(actual) === kmsOn(desired) &&
    (!kmsOn(desired) || actual.replicaKmsKeyId === desired.replicaKmsKeyId) &&
    rtcOn(actual) === rtcOn(desired)
  );
}
