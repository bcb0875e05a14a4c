import type { FindingKind, RuleIdentity } from './types';

/** The stable incident key of a finding. */
export function findingKey(rule: RuleIdentity, kind: FindingKind): string {
  return `${rule.bucket}/${rule.ruleId}/${kind}`;
}
