import { silentLogger } from '../../shared/log';
import { isOssError, type OssApi } from '../../shared/oss';
import { policiesForTags } from '../../shared/policy/runtime';
import { ensure, type ChangeBudget, type EnsureDeps, type EnsureResult } from '../../shared/replication';
import { type DocumentStore, getBucketState } from '../../shared/state';

export interface SweepDeps {
  readonly ensure: EnsureDeps;
  readonly state: DocumentStore;
  readonly oss: OssApi;
  readonly budget: ChangeBudget;
  readonly now: () => Date;
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

/**
 * The cheap first look: an untagged bucket costs one GetBucketTags when untagging keeps rules
 * (`onUntag: keep`), because ensure would change nothing there. With `onUntag: remove` ensure must
 * look for owned rules to remove, so it runs.
 */
async function needsEnsure(bucket: string, region: string, deps: SweepDeps): Promise<EnsureResult | undefined> {
  if (deps.ensure.policy.onUntag === 'remove') return undefined;
  const tags = await deps.oss.getBucketTags({ bucket, region });
  const match = policiesForTags(deps.ensure.policy, tags);
  return 'none' in match ? skipped(bucket, 'NoPolicyTag', `${bucket} has no ${deps.ensure.policy.selector.tagKey} tag`) : undefined;
}

/** A dry-run that finds nothing to do, and a record that already knows every owned rule, is final. */
async function settledByDryRun(dry: EnsureResult, deps: SweepDeps): Promise<boolean> {
  if (dry.outcome !== 'unchanged' && dry.outcome !== 'skipped') return false;
  const recorded = (await getBucketState(deps.state, dry.bucket, deps.now())).rules.map((r) => r.ruleId);
  return recorded.length === dry.ruleIds.length && dry.ruleIds.every((id) => recorded.includes(id));
}

/**
 * One bucket of the sweep. Steady state is read-only: a dry-run ensure (no lease, no state write)
 * decides whether the full ensure, with its lease and budget, is needed at all. The full ensure
 * re-reads everything under the lease, so the dry-run only ever saves work, never decides a change.
 * Never throws: a failure is this bucket's outcome, and the sweep goes on.
 */
export async function sweepBucket(bucket: string, region: string, deps: SweepDeps): Promise<EnsureResult> {
  if (bucket === deps.ensure.stateBucket) return skipped(bucket, 'StateBucket', 'the state bucket is never replicated');
  try {
    const early = await needsEnsure(bucket, region, deps);
    if (early) return early;
    // The dry-run look is not an outcome: only the final result of a bucket is logged.
    const dry = await ensure(bucket, { ...deps.ensure, logger: silentLogger() }, { dryRun: true, region });
    if (await settledByDryRun(dry, deps)) return { ...dry, dryRun: false };
    return await ensure(bucket, deps.ensure, { region, budget: deps.budget });
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) return skipped(bucket, 'SourceMissing', `${bucket} was deleted during the sweep`);
    return failed(bucket, error);
  }
}
