/**
 * Carries one queued write into the destination bucket. Replicas keep content, content type,
 * metadata, ETag and CRC64 (and the version id on versioned buckets), and are flagged so the
 * destination's own rules never send them back.
 */
import { deleteObject, NULL_VERSION, putVersion } from '../models/objects';
import type { BucketRecord, ReplicationItem } from '../models/types';
import type { Store } from '../store/store';

/** Returns true when the destination changed. */
export function applyItem(store: Store, dest: BucketRecord, item: ReplicationItem, now: number): boolean {
  return item.kind === 'put' ? applyPut(store, dest, item, now) : applyDelete(store, dest, item, now);
}

function applyPut(store: Store, dest: BucketRecord, item: ReplicationItem, now: number): boolean {
  const source = item.version;
  const bytes = source?.blobId ? store.blobs.get(source.blobId) : undefined;
  // The source version was overwritten or deleted before we got to it; a later item carries the news.
  if (!source || !bytes) return false;
  const blobId = store.blobs.put(bytes);
  const outcome = putVersion(
    dest,
    { ...source, blobId, isReplica: true, versionId: source.versionId === NULL_VERSION ? undefined : source.versionId },
    now,
  );
  store.freeBlobs(outcome.removed);
  return true;
}

function applyDelete(store: Store, dest: BucketRecord, item: ReplicationItem, now: number): boolean {
  const versioned = dest.versioning !== undefined;
  // A new delete marker in the source becomes a delete marker in the destination; a permanent
  // version delete removes the same version there.
  const options = !versioned
    ? { now, isReplica: true }
    : item.permanent
      ? { now, isReplica: true, versionId: item.versionId }
      : { now, isReplica: true, markerVersionId: item.versionId === NULL_VERSION ? undefined : item.versionId };
  const outcome = deleteObject(dest, item.key, options);
  store.freeBlobs(outcome.removed);
  return outcome.removed.length > 0 || outcome.marker !== undefined;
}
