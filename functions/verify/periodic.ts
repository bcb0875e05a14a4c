import { canaryTargetOf, lastCanaryWrittenAt, type PendingCanary, startCanary } from '../../shared/canary';
import { type BucketState, getBucketState, type OwnedRule, pendingCanaryKey, type PendingCanaryKeys } from '../../shared/state';
import type { PolicyDocument } from '../../shared/policy/runtime';
import type { Services } from '../../shared/services';
import { nextReadAt } from './dueIndex';
import type { Outcome } from './recordOutcomes';

export interface PeriodicResult {
  readonly written: number;
  /** Canaries that could not be written (access denied): recorded as failures. A deleted source is skipped. */
  readonly failed: Outcome[];
  /** When this bucket's state must be read again (for the due index). */
  readonly nextReadAt: string;
}

/**
 * After a failed canary the next one comes this soon (everyHours is a whole number of hours): a rule that
 * was repaired is proven again, and its canary-failing incident resolved, within minutes instead of
 * hours; a rule still broken costs one tiny object every ~15 minutes plus the check timeout.
 */
export const RETRY_AFTER_FAILURE_MS = 15 * 60_000;

/**
 * When the rule's next periodic canary is due (ms): `verify.everyHours` after its newest canary, or
 * RETRY_AFTER_FAILURE_MS after it when that one failed. Undefined when it never had one (due now) or
 * its policy is gone (never).
 */
export function nextCanaryAt(policy: PolicyDocument, state: BucketState, rule: OwnedRule): number | undefined {
  const p = policy.policies[rule.policy];
  const last = lastCanaryWrittenAt(state.canaries, rule.ruleId);
  if (!p || last === undefined) return undefined;
  const newest = state.canaries.filter((c) => c.ruleId === rule.ruleId && c.writtenAt === last).at(-1);
  return Date.parse(last) + (newest && newest.outcome !== 'arrived' ? RETRY_AFTER_FAILURE_MS : p.verify.everyHours * 3_600_000);
}

/** A rule is due when it has no pending check and its next canary time has come (or it never had one). */
export function canaryDue(s: Services, state: BucketState, rule: OwnedRule, pending: PendingCanaryKeys, now: Date): boolean {
  if (!s.policy.policies[rule.policy] || pending.has(state.bucket, rule.ruleId)) return false;
  const next = nextCanaryAt(s.policy, state, rule);
  return next === undefined || now.getTime() >= next;
}

/** Writes the canaries of one bucket's due rules and queues their checks. */
export async function scheduleBucket(s: Services, bucket: string, pending: PendingCanaryKeys, now: Date): Promise<PeriodicResult> {
  const state = await getBucketState(s.state, bucket, now);
  const queued: string[] = [];
  const failed: Outcome[] = [];
  for (const rule of state.rules) {
    const target = canaryTargetOf(s.policy, state, rule);
    if (!target || !canaryDue(s, state, rule, pending, now)) continue;
    const started = await startCanary(s.oss, s.policy, rule.policy, target, now);
    if (started.kind === 'source-gone') continue;
    if (started.kind === 'failed') {
      failed.push({ bucket, record: started.completed.record });
      continue;
    }
    queued.push(await queue(s, started.pending));
  }
  return { written: queued.length, failed, nextReadAt: nextReadAt(s.policy, state, pending.with(queued), now) };
}

async function queue(s: Services, pending: PendingCanary): Promise<string> {
  const key = pendingCanaryKey(new Date(pending.dueAt), pending.target.sourceBucket, pending.target.ruleId);
  await s.state.put(key, pending);
  return key;
}
