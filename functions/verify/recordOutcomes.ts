import { type CanaryRecord, updateExistingBucketState, withBucketWriteLease } from '../../shared/state';
import type { Services } from '../../shared/services';

export interface Outcome {
  readonly bucket: string;
  readonly record: CanaryRecord;
  /** The pending document that carries the outcome; deleted once recorded. */
  readonly key?: string;
}

export interface RecordDeps {
  readonly now: Date;
  readonly owner: string;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * Appends a bucket's canary outcomes to its BucketState under the bucket lease (the same lease ensure
 * holds while it rewrites the document), then deletes the documents that carried them. An outcome
 * already in the history is not appended again: a run that crashed (or failed a DELETE) after the
 * state write leaves its documents behind, and the next run records them a second time.
 * @returns false when the lease stayed busy: the outcomes stay in their documents for the next run.
 */
export async function recordOutcomes(s: Services, bucket: string, outcomes: readonly Outcome[], deps: RecordDeps): Promise<boolean> {
  // A bucket retired meanwhile (source deleted) has no document: its outcomes are dropped, not
  // written into a new document that would make it managed again.
  const write = await withBucketWriteLease(s.leases, bucket, deps.owner, { sleep: deps.sleep }, () =>
    updateExistingBucketState(
      s.state,
      bucket,
      (state) => ({
        ...state,
        canaries: [...state.canaries, ...outcomes.map((o) => o.record).filter((r) => !state.canaries.some((c) => sameCanary(c, r)))],
      }),
      deps.now,
    ),
  );
  if (!write.held) return false;
  await Promise.all(outcomes.map((o) => (o.key ? s.state.delete(o.key) : undefined)));
  return true;
}

/** The same check of the same canary: a record is never appended twice. */
function sameCanary(a: CanaryRecord, b: CanaryRecord): boolean {
  return a.ruleId === b.ruleId && a.key === b.key && a.writtenAt === b.writtenAt && a.checkedAt === b.checkedAt && a.outcome === b.outcome;
}
