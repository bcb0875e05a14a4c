import type { ReplicationRule, Tag } from '../xml';
import type { ApplyReport } from './apply';
import { DEFAULT_OWNER_PREFIX } from './constants';
import type { EnsureDeps } from './ensure';
import { LocationCache } from './locationCache';
import { ensureResult, ownedRulesAfter } from './outcome';
import { planBucket } from './plan';
import { selectPolicies } from './policyAdapter';
import { isOwned, ruleOwnership } from './ruleIds';
import type { EnsureResult, Observation } from './types';

/** What reconcile has in hand for one tagged bucket before any ensure. */
export interface SteadyInput {
  readonly bucket: string;
  /** From the listing. */
  readonly region: string;
  readonly tags: readonly Tag[];
  /** GetBucketReplication. */
  readonly rules: readonly ReplicationRule[];
  /** The owned rule ids the bucket's state document records (reconcile's index of them). */
  readonly recorded: readonly string[];
}

const NOTHING_APPLIED: ApplyReport = { applied: [], added: [], deleted: [], canaries: [] };

/**
 * What the sweep's cheap look concludes: `settled` (ensure's result, nothing to do), `change` (only a
 * full ensure will do: a dry run could not settle it either), or `unsure` (a dry run may still settle it).
 */
export type SteadyVerdict = { readonly kind: 'settled'; readonly result: EnsureResult } | { readonly kind: 'change' | 'unsure' };

/**
 * The sweep's look at a tagged bucket from what it has in hand: its tags and region (the listings),
 * its rules (one GetBucketReplication) and the rule ids its record holds. The plan comes from the
 * same planBucket, so guardrails, the location table, unknown policies, owned rules no policy wants
 * and rules in a state this code does not know still change or block it. It is `settled` when every
 * selected policy's rule is present, owned and not closing, and the record names exactly the owned
 * rules. Safe to skip the rest of ensure's reads then, because:
 * - ensure would read no destination (it reads them only for missing rules), and the source's
 *   versioning cannot have changed since the rule was added with its prerequisites checked: OSS
 *   refuses a versioning change on a bucket a rule links (the versioning stands in as "not
 *   Suspended", the one thing the plan checks of it before it finds a rule present);
 * - ensure would write nothing: the record already names every owned rule.
 * A plan that is not `unchanged` here cannot become `unchanged` with the real versioning and the
 * destinations read (they only block, or prepare a rule that is missing): that is a `change`.
 */
export async function steadyLook(input: SteadyInput, deps: EnsureDeps): Promise<SteadyVerdict> {
  const selection = selectPolicies(deps.policy, input.tags);
  if (selection.policies.length === 0 || selection.unknown.length > 0) return { kind: 'unsure' };
  const ownership = ruleOwnership(deps.ownerPrefix ?? DEFAULT_OWNER_PREFIX, deps.stateBucket, input.recorded);
  const obs: Observation = { ...input, versioning: 'unversioned', destinations: {} };
  const locations = deps.locationCache ?? new LocationCache();
  const replicationLocation = await locations.get(deps.oss, input.region, input.bucket, { store: deps.state });
  const plan = planBucket(obs, deps.policy, { ownership, account: deps.account, stateBucket: deps.stateBucket, replicationLocation });
  if (plan.outcome !== 'unchanged') return { kind: 'change' };
  const present = (id: string | undefined): boolean =>
    obs.rules.some((r) => r.id === id && r.status !== 'closing' && isOwned(id, ownership));
  if (!plan.policies.every((p) => p.outcome === 'unchanged' && present(p.ruleId))) return { kind: 'unsure' };
  const now = (deps.now ?? (() => new Date()))();
  const result = ensureResult({ plan, owned: ownedRulesAfter(obs, plan, NOTHING_APPLIED, ownership, [], now), dryRun: false });
  const recorded = new Set(input.recorded);
  const complete = result.ruleIds.length === recorded.size && result.ruleIds.every((id) => recorded.has(id));
  return complete ? { kind: 'settled', result } : { kind: 'unsure' };
}
