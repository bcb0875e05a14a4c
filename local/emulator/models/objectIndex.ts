/**
 * What the emulator derives from a bucket's objects without walking them per request: the keys in
 * sorted order (ListObjects, ListObjectVersions, historical backlogs) and the running totals
 * GetBucketStat reports. Kept beside the plain, persisted BucketRecord (a WeakMap, so a reset or a
 * reload drops it) and built on first use with one sort; models/objects.ts keeps it current
 * through setVersions, the one place that writes `bucket.objects`.
 */
import { compareKeys } from '../../../shared/oss';
import { SortedKeys } from '../util/sortedKeys';
import type { BucketRecord, ObjectVersion } from './types';

export interface ObjectIndex {
  readonly keys: SortedKeys;
  /** Bytes of every stored version (delete markers hold none). */
  storedBytes: number;
  /** Stored versions that are not delete markers. */
  versions: number;
  deleteMarkers: number;
}

const indexes = new WeakMap<BucketRecord, ObjectIndex>();

function tally(index: ObjectIndex, versions: readonly ObjectVersion[], sign: 1 | -1): void {
  for (const v of versions) {
    if (v.isDeleteMarker) index.deleteMarkers += sign;
    else {
      index.versions += sign;
      index.storedBytes += sign * v.size;
    }
  }
}

export function objectIndex(bucket: BucketRecord): ObjectIndex {
  let index = indexes.get(bucket);
  if (!index) {
    const keys = Object.keys(bucket.objects)
      .filter((k) => (bucket.objects[k]?.length ?? 0) > 0)
      .sort(compareKeys);
    index = { keys: SortedKeys.fromSorted(keys), storedBytes: 0, versions: 0, deleteMarkers: 0 };
    for (const key of keys) tally(index, bucket.objects[key] ?? [], 1);
    indexes.set(bucket, index);
  }
  return index;
}

/** Replaces the versions of `key` (newest first; empty removes the key) and keeps the index current. */
export function setVersions(bucket: BucketRecord, key: string, versions: ObjectVersion[]): void {
  const index = objectIndex(bucket);
  tally(index, bucket.objects[key] ?? [], -1);
  if (versions.length === 0) {
    delete bucket.objects[key];
    index.keys.delete(key);
    return;
  }
  bucket.objects[key] = versions;
  index.keys.add(key);
  tally(index, versions, 1);
}
