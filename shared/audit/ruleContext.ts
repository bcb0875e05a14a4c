/** The two buckets of an owned rule and the scope it is judged in, from the live rule and its progress. */
import { isOssError } from '../oss';
import type { BucketRef, OssApi } from '../oss';
import type { OwnedRule } from '../state';
import { regionOf } from '../xml';
import type { ReplicationProgressRule, ReplicationRule } from '../xml';
import type { RuleSides } from './heads';
import { auditScope, isNotAuditable, type NotAuditable } from './scope';
import type { AuditScope } from './types';

/** One rule's progress (GetBucketReplicationProgress with rule-id); undefined when OSS no longer has the rule. */
export async function readRuleProgress(oss: OssApi, ref: BucketRef, ruleId: string): Promise<ReplicationProgressRule | undefined> {
  try {
    return (await oss.getBucketReplicationProgress(ref, ruleId)).rules.find((r) => r.id === ruleId);
  } catch (error) {
    if (isOssError(error, 'NoSuchReplicationRule') || isOssError(error, 'NoSuchReplicationConfiguration')) return undefined;
    throw error;
  }
}

export interface RuleContext {
  readonly sides: RuleSides;
  readonly scope: AuditScope;
}

/** The rule's sides and scope now (one progress call), or why it cannot be judged now. */
export async function ruleContext(
  oss: OssApi,
  source: BucketRef,
  owned: OwnedRule,
  live: ReplicationRule | undefined,
): Promise<RuleContext | NotAuditable> {
  const scope = auditScope(owned, live, await readRuleProgress(oss, source, owned.ruleId));
  if (isNotAuditable(scope) || !live) return isNotAuditable(scope) ? scope : { waiting: 'the rule is gone' };
  return { sides: { source, destination: { bucket: live.destination.bucket, region: regionOf(live.destination.location) } }, scope };
}
