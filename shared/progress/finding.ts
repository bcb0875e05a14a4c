import type { FactValue, Finding, FindingKind, RuleIdentity, Severity } from './types';

/** The stable incident key of a finding. */
export function findingKey(rule: RuleIdentity, kind: FindingKind): string {
  return `${rule.bucket}/${rule.ruleId}/${kind}`;
}

/** A finding about one rule, keyed so that the same problem on the same rule is the same incident. */
export function finding(
  rule: RuleIdentity,
  kind: FindingKind,
  severity: Severity,
  text: { readonly summary: string; readonly hint: string },
  facts: Record<string, FactValue>,
): Finding {
  return { kind, key: findingKey(rule, kind), severity, rule, summary: text.summary, hint: text.hint, facts };
}
