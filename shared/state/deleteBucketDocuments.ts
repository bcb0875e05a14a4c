import { invalid, isRecord, valid, type Checked } from './documentChecks';
import { auditBucketPrefix, bucketStateKey, mayBePendingCanaryOf, PENDING_CANARIES_PREFIX } from './keys';
import type { DocumentStore } from './types';

export interface RetiredDocuments {
  /** Pending canary documents (schedules, written canaries, unrecorded outcomes) deleted. */
  readonly pendingDeleted: number;
  /** Parity audit documents (`audit/<bucket>/...`) deleted. */
  readonly auditDeleted: number;
}

/** The source bucket a pending canary document is about (every kind of them carries its target). */
function sourceOf(value: unknown): Checked<string> {
  const target = isRecord(value) ? value['target'] : undefined;
  return isRecord(target) && typeof target['sourceBucket'] === 'string' ? valid(target['sourceBucket']) : invalid('no target.sourceBucket');
}

/**
 * Deletes what the state bucket holds for a source bucket that no longer exists: its pending canary
 * documents, its parity audit documents, then `buckets/<bucket>.json`. The state document goes last, so a run that stops half-way
 * still lists the bucket as managed and the next run finishes; repeating it is harmless. The caller
 * holds the bucket's lease (the same one ensure and verify write that document under).
 * @example await deleteBucketDocuments(state, 'photos')
 */
export async function deleteBucketDocuments(store: DocumentStore, bucket: string): Promise<RetiredDocuments> {
  const candidates = (await store.list(PENDING_CANARIES_PREFIX)).filter((key) => mayBePendingCanaryOf(key, bucket));
  let pendingDeleted = 0;
  for (const key of candidates) {
    const stored = await store.read(key, sourceOf);
    if (stored !== undefined && stored.value !== bucket) continue; // bucket `a` vs `a-b`
    await store.delete(key);
    pendingDeleted += 1;
  }
  const audits = await store.list(auditBucketPrefix(bucket));
  for (const key of audits) await store.delete(key);
  await store.delete(bucketStateKey(bucket));
  return { pendingDeleted, auditDeleted: audits.length };
}
