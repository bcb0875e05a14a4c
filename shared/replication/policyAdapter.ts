/**
 * The narrow part of shared/policy that ensure needs, in the shape the planner wants: which
 * policies a bucket's tags select, the rendered destination name, and the guardrail check.
 */
import {
  checkGuardrails,
  type GuardrailViolation,
  policiesForTags,
  type Policy,
  type PolicyDocument,
  renderDestinationBucket,
  type ReplicationPair,
} from '../policy/runtime';
import type { Tag } from '../xml';

export type { GuardrailViolation, ReplicationPair };

export interface PolicySelection {
  /** False when the selector tag is absent or empty. */
  readonly tagged: boolean;
  readonly policies: readonly Policy[];
  /** A name the tag mentions that the document does not define. */
  readonly unknown: readonly string[];
}

export function selectPolicies(doc: PolicyDocument, tags: readonly Tag[]): PolicySelection {
  const match = policiesForTags(doc, tags);
  if ('none' in match) return { tagged: false, policies: [], unknown: [] };
  if ('error' in match) return { tagged: true, policies: [], unknown: [match.error.name] };
  return { tagged: true, policies: match.policies, unknown: [] };
}

/** Throws InvalidDestinationBucketError (code `InvalidDestinationBucket`) for a broken template. */
export function renderDestination(policy: Policy, vars: { bucket: string; region: string; account: string }): string {
  return renderDestinationBucket(policy, vars);
}

export function guardrailViolations(doc: PolicyDocument, policy: Policy, pair: ReplicationPair): readonly GuardrailViolation[] {
  return checkGuardrails(doc, policy, pair);
}
