/**
 * Carries one queued write into the destination bucket. Replicas keep content, content type,
 * metadata, ETag and CRC64 (and the version id on versioned buckets), and are flagged so the
 * destination's own rules never send them back.
 */
import { deleteObject, NULL_VERSION, putVersion } from '../models/objects';
import type { BucketRecord, ObjectVersion, ReplicationItem } from '../models/types';
import type { Store } from '../store/store';

export interface ApplyOutcome {
  /** The destination record changed (it must be saved). */
  readonly changed: boolean;
  /**
   * Destination versions replaced or deleted. Their blobs are freed by the caller only after the
   * destination was saved, so a crash in between never leaves a saved version without its bytes.
   */
  readonly removed: readonly ObjectVersion[];
}

const UNCHANGED: ApplyOutcome = { changed: false, removed: [] };

export function applyItem(store: Store, dest: BucketRecord, item: ReplicationItem, now: number): ApplyOutcome {
  return item.kind === 'put' ? applyPut(store, dest, item, now) : applyDelete(dest, item, now);
}

function applyPut(store: Store, dest: BucketRecord, item: ReplicationItem, now: number): ApplyOutcome {
  const source = item.version;
  const bytes = source?.blobId ? store.blobs.get(source.blobId) : undefined;
  // The source version was overwritten or deleted before we got to it; a later item carries the news.
  if (!source || !bytes) return UNCHANGED;
  const blobId = store.blobs.put(bytes);
  const outcome = putVersion(
    dest,
    { ...source, blobId, isReplica: true, versionId: source.versionId === NULL_VERSION ? undefined : source.versionId },
    now,
  );
  return { changed: true, removed: outcome.removed };
}

function applyDelete(dest: BucketRecord, item: ReplicationItem, now: number): ApplyOutcome {
  const versioned = dest.versioning !== undefined;
  // A new delete marker in the source becomes a delete marker in the destination; a permanent
  // version delete removes the same version there.
  const options = !versioned
    ? { now, isReplica: true }
    : item.permanent
      ? { now, isReplica: true, versionId: item.versionId }
      : { now, isReplica: true, markerVersionId: item.versionId === NULL_VERSION ? undefined : item.versionId };
  const outcome = deleteObject(dest, item.key, options);
  return { changed: outcome.removed.length > 0 || outcome.marker !== undefined, removed: outcome.removed };
}
