import { silentLogger } from '../../shared/log';
import { isOssError, type OssApi } from '../../shared/oss';
import { policiesForTags } from '../../shared/policy/runtime';
import { ensure, steadyLook, type ChangeBudget, type EnsureDeps, type EnsureResult, type SteadyVerdict } from '../../shared/replication';
import { type DocumentStore, getBucketState } from '../../shared/state';
import type { RecordedRules } from './recordedRules';
import { tagsOf, type TaggedBuckets } from './taggedBuckets';

export interface SweepDeps {
  readonly ensure: EnsureDeps;
  readonly state: DocumentStore;
  readonly oss: OssApi;
  readonly budget: ChangeBudget;
  readonly now: () => Date;
  /** See taggedBuckets; undefined when the filtered listing is not available. */
  readonly tagged?: TaggedBuckets;
  readonly recorded: RecordedRules;
}

function skipped(bucket: string, code: 'NoPolicyTag' | 'StateBucket' | 'SourceMissing', message: string): EnsureResult {
  return { bucket, outcome: 'skipped', reason: { code, message }, ruleIds: [], dryRun: false, applied: [], retryable: false };
}

function failed(bucket: string, error: unknown): EnsureResult {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return {
    bucket,
    outcome: 'failed',
    reason: { code: 'ApplyFailed', message: `${code}: ${message}` },
    ruleIds: [],
    dryRun: false,
    applied: [],
    retryable: true,
  };
}

async function recordedRules(bucket: string, deps: SweepDeps): Promise<readonly string[]> {
  return deps.recorded.of(bucket) ?? (await getBucketState(deps.state, bucket, deps.now())).rules.map((r) => r.ruleId);
}

/**
 * The cheap look before any ensure. An untagged bucket costs nothing when untagging keeps rules
 * (`onUntag: keep`), because ensure would change nothing there: it is `settled` as skipped; with
 * `onUntag: remove`, only buckets whose records name owned rules are looked at further (a rule whose
 * record was lost stays until the bucket is tagged again). A tagged bucket costs one
 * GetBucketReplication (steadyLook says when that settles it, and why that is safe).
 */
async function cheapLook(bucket: string, region: string, deps: SweepDeps): Promise<SteadyVerdict> {
  const tags = await tagsOf(deps.oss, bucket, region, deps.tagged);
  const match = policiesForTags(deps.ensure.policy, tags);
  if ('none' in match) {
    const untagged = skipped(bucket, 'NoPolicyTag', `${bucket} has no ${deps.ensure.policy.selector.tagKey} tag`);
    const keep = deps.ensure.policy.onUntag === 'keep' || (await recordedRules(bucket, deps)).length === 0;
    return keep ? { kind: 'settled', result: untagged } : { kind: 'unsure' };
  }
  if (!('policies' in match)) return { kind: 'unsure' };
  const { rules } = await deps.oss.getBucketReplication({ bucket, region });
  return steadyLook({ bucket, region, tags, rules, recorded: await recordedRules(bucket, deps) }, deps.ensure);
}

/** A dry-run that finds nothing to do, and a record that already knows every owned rule, is final. */
async function settledByDryRun(dry: EnsureResult, deps: SweepDeps): Promise<boolean> {
  if (dry.outcome !== 'unchanged' && dry.outcome !== 'skipped') return false;
  const recorded = await recordedRules(dry.bucket, deps);
  return recorded.length === dry.ruleIds.length && dry.ruleIds.every((id) => recorded.includes(id));
}

/**
 * One bucket of the sweep. Steady state is read-only and cheap (cheapLook); a bucket it is unsure
 * of gets a dry-run ensure (no lease, no state write) that decides whether the full ensure, with its
 * lease and budget, is needed at all. The full ensure re-reads everything under the lease, so the looks before it only
 * ever save work, never decide a change. Never throws: a failure is this bucket's outcome, and the
 * sweep goes on.
 */
export async function sweepBucket(bucket: string, region: string, deps: SweepDeps): Promise<EnsureResult> {
  if (bucket === deps.ensure.stateBucket) return skipped(bucket, 'StateBucket', 'the state bucket is never replicated');
  try {
    const look = await cheapLook(bucket, region, deps);
    if (look.kind === 'settled') return look.result;
    if (look.kind === 'unsure') {
      // The dry-run look is not an outcome: only the final result of a bucket is logged.
      const dry = await ensure(bucket, { ...deps.ensure, logger: silentLogger() }, { dryRun: true, region });
      if (await settledByDryRun(dry, deps)) return { ...dry, dryRun: false };
    }
    return await ensure(bucket, deps.ensure, { region, budget: deps.budget });
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) return skipped(bucket, 'SourceMissing', `${bucket} was deleted during the sweep`);
    return failed(bucket, error);
  }
}
