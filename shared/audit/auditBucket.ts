/**
 * One audit run over the owned rules of one source bucket: their settings from the policy, the live
 * rules from one GetBucketReplication, then each rule in turn with its own budget. Audits of rules the
 * bucket no longer owns (a policy change replaced the rule) are forgotten.
 */
import { isOssError } from '../oss';
import { DEFAULTS } from '../policy/runtime';
import type { AuditSettings, PolicyDocument } from '../policy/runtime';
import { getBucketState } from '../state';
import { auditBucketPrefix, auditRuleOfKey } from '../state';
import type { DocumentStore, OwnedRule } from '../state';
import type { ReplicationRule } from '../xml';
import { auditRule, describeError, type AuditRuleOutcome, type AuditRunDeps } from './auditRule';
import { DEADLINE_RESERVE_MS } from './constants';

export interface AuditBucketInput {
  readonly bucket: string;
  readonly policy: PolicyDocument;
  /** Only this rule. */
  readonly ruleId?: string;
  /** `cli audit`: start a pass even when none is due, with the default budget where the policy has none. */
  readonly force?: boolean;
}

function settingsFor(policy: PolicyDocument, rule: OwnedRule, force: boolean): AuditSettings | undefined {
  const own = policy.policies[rule.policy]?.audit;
  return own ?? (force ? DEFAULTS.audit : undefined);
}

/** Deletes the audit documents of rules `owned` no longer lists. */
export async function forgetUnownedAudits(store: DocumentStore, bucket: string, owned: readonly OwnedRule[]): Promise<number> {
  const keep = new Set(owned.map((r) => r.ruleId));
  const stale = (await store.list(auditBucketPrefix(bucket))).filter((key) => {
    const rule = auditRuleOfKey(bucket, key);
    return rule !== undefined && !keep.has(rule);
  });
  for (const key of stale) await store.delete(key);
  return stale.length;
}

const outcomeOf = (bucket: string, rule: OwnedRule, outcome: 'waiting' | 'failed', text: string): AuditRuleOutcome => ({
  bucket,
  ruleId: rule.ruleId,
  outcome,
  pages: 0,
  heads: 0,
  problems: 0,
  ...(outcome === 'waiting' ? { note: text } : { error: text }),
});

export async function auditBucket(deps: AuditRunDeps, input: AuditBucketInput): Promise<AuditRuleOutcome[]> {
  const state = await getBucketState(deps.state, input.bucket, deps.now);
  if (input.ruleId === undefined) await forgetUnownedAudits(deps.state, input.bucket, state.rules);
  deps.ledger?.bucket(input.bucket, state.rules);
  const targets = state.rules
    .filter((r) => input.ruleId === undefined || r.ruleId === input.ruleId)
    .flatMap((owned) => {
      const settings = settingsFor(input.policy, owned, input.force === true);
      return settings ? [{ owned, settings }] : [];
    });
  if (targets.length === 0) return [];
  const ref = { bucket: input.bucket, ...(state.region ? { region: state.region } : {}) };
  let live: readonly ReplicationRule[];
  try {
    live = (await deps.oss.getBucketReplication(ref)).rules;
  } catch (error) {
    // A deleted source is the monitor's to retire; nothing to audit.
    if (isOssError(error, 'NoSuchBucket'))
      return targets.map((t) => outcomeOf(input.bucket, t.owned, 'waiting', 'the source bucket is gone'));
    throw error;
  }
  const outcomes: AuditRuleOutcome[] = [];
  for (const { owned, settings } of targets) {
    if (deps.remainingMs() < DEADLINE_RESERVE_MS) {
      outcomes.push(outcomeOf(input.bucket, owned, 'waiting', 'no time left in this run'));
      continue;
    }
    try {
      const rule = live.find((r) => r.id === owned.ruleId);
      outcomes.push(await auditRule(deps, { ...ref, owned, live: rule, settings, ...(input.force ? { force: true } : {}) }));
    } catch (error) {
      outcomes.push(outcomeOf(input.bucket, owned, 'failed', describeError(error)));
    }
  }
  return outcomes;
}
