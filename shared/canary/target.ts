import type { PolicyDocument } from '../policy/runtime';
import type { BucketState, OwnedRule } from '../state';
import type { CanaryTarget } from './types';

/**
 * The canary target of an owned rule as the state bucket records it, with prefixes and actions from
 * the policy that made it. Undefined when that policy is gone or the bucket's region is not recorded:
 * nothing can say where a canary would have to go.
 */
export function canaryTargetOf(policy: PolicyDocument, state: BucketState, rule: OwnedRule): CanaryTarget | undefined {
  const p = policy.policies[rule.policy];
  if (!p || !state.region) return undefined;
  return {
    sourceBucket: state.bucket,
    sourceRegion: state.region,
    ruleId: rule.ruleId,
    destinationBucket: rule.destinationBucket,
    destinationRegion: rule.destinationRegion,
    prefixes: p.prefixes,
    actions: p.actions,
  };
}
