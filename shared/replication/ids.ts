import { createHash } from 'node:crypto';
import type { ReplicationRule } from '../xml/types';
import { canonicalJson } from './canonicalJson';
import { MAX_RULE_ID_LENGTH, RULE_HASH_LENGTH } from './constants';

const HASH_SUFFIX = new RegExp(`-[0-9a-f]{${RULE_HASH_LENGTH}}$`);

/** Lower-case, `[a-z0-9-]` only, no leading/trailing/double dashes: safe inside an OSS rule ID. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** The fields of a rule that define what it does: neither its ID nor its status. */
export function ruleFingerprint(rule: ReplicationRule): string {
  const { id: _id, status: _status, ...fields } = rule;
  const hash = createHash('sha256').update(canonicalJson(fields)).digest('hex');
  return hash.slice(0, RULE_HASH_LENGTH);
}

/**
 * Deterministic ID of the rule this system adds for `policyName`: `<prefix><policy>-<hash>`.
 * The same desired rule always gets the same ID, so a retried or duplicated ensure recognises its
 * own rule, and a changed policy gets a new ID (OSS has no rule update: changed means replaced).
 */
export function ownedRuleId(prefix: string, policyName: string, desired: ReplicationRule): string {
  const hash = ruleFingerprint(desired);
  const room = MAX_RULE_ID_LENGTH - prefix.length - RULE_HASH_LENGTH - 1;
  const slug = slugify(policyName).slice(0, Math.max(room, 0)).replace(/-$/, '');
  return `${prefix}${slug || 'policy'}-${hash}`;
}

/** Rules without our prefix and hash suffix are foreign: never modified or deleted. */
export function isOwned(ruleId: string | undefined, prefix: string): boolean {
  if (!ruleId || !ruleId.startsWith(prefix)) return false;
  return HASH_SUFFIX.test(ruleId) && ruleId.length > prefix.length + RULE_HASH_LENGTH + 1;
}

/** The policy slug an owned rule ID was made for, or undefined for a foreign ID. */
export function policyOfRuleId(ruleId: string, prefix: string): string | undefined {
  if (!isOwned(ruleId, prefix)) return undefined;
  return ruleId.slice(prefix.length, ruleId.length - RULE_HASH_LENGTH - 1);
}
