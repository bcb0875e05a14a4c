/**
 * Object versions inside one bucket: the versioning rules of oss-api.md §3. These functions mutate
 * the bucket record they are given and report which versions were dropped, so the caller can free
 * their blobs and tell the replication engine.
 */
import { OssErrors, withHeaders } from '../errors';
import { newVersionId } from '../util/ids';
import { objectIndex, setVersions } from './objectIndex';
import type { BucketRecord, ObjectVersion } from './types';

export const NULL_VERSION = 'null';

/** A version's content as a write brings it; the version id, delete-marker flag and time are the bucket's to set. */
export type NewObjectData = Omit<ObjectVersion, 'versionId' | 'isDeleteMarker' | 'lastModified' | 'blobId'> & {
  readonly blobId: string;
  /** Replicas keep the source's version id on versioned destinations. */
  readonly versionId?: string;
};

export interface WriteOutcome {
  readonly version: ObjectVersion;
  /** Versions permanently gone (their blobs can be freed). */
  readonly removed: ObjectVersion[];
}

export interface DeleteOutcome {
  /** The deleted version was, or the delete created, a delete marker. */
  readonly deleteMarker: boolean;
  /** Reported in `x-oss-version-id` on versioned buckets. */
  readonly versionId?: string;
  readonly removed: ObjectVersion[];
  /** The marker this delete created, if any. */
  readonly marker?: ObjectVersion;
}

function nextVersionId(bucket: BucketRecord, requested?: string): string {
  if (bucket.versioning !== 'Enabled') return NULL_VERSION;
  return requested && requested !== NULL_VERSION ? requested : newVersionId();
}

/** Insert newest-first, replacing a version with the same id (the `null` slot, or a re-replicated id). */
function insert(bucket: BucketRecord, version: ObjectVersion): ObjectVersion[] {
  const existing = bucket.objects[version.key] ?? [];
  const unversioned = bucket.versioning === undefined;
  const removed = unversioned ? existing : existing.filter((v) => v.versionId === version.versionId);
  const kept = unversioned ? [] : existing.filter((v) => v.versionId !== version.versionId);
  setVersions(bucket, version.key, [version, ...kept]);
  return removed;
}

export function putVersion(bucket: BucketRecord, data: NewObjectData, now: number): WriteOutcome {
  const version: ObjectVersion = {
    key: data.key,
    versionId: nextVersionId(bucket, data.versionId),
    isDeleteMarker: false,
    blobId: data.blobId,
    size: data.size,
    etag: data.etag,
    contentMd5: data.contentMd5,
    crc64: data.crc64,
    contentType: data.contentType,
    metadata: { ...data.metadata },
    lastModified: now,
    isReplica: data.isReplica,
    ...(data.encryption ? { encryption: { ...data.encryption } } : {}),
  };
  return { version, removed: insert(bucket, version) };
}

export function latestVersion(bucket: BucketRecord, key: string): ObjectVersion | undefined {
  return bucket.objects[key]?.[0];
}

/** True when a GET without versionId would find the object. */
export function objectExists(bucket: BucketRecord, key: string): boolean {
  const latest = latestVersion(bucket, key);
  return latest !== undefined && !latest.isDeleteMarker;
}

/** The version a GET/HEAD reads, or the exact OSS error. */
export function readVersion(bucket: BucketRecord, key: string, versionId?: string): ObjectVersion {
  const versions = bucket.objects[key] ?? [];
  if (versionId === undefined) {
    const latest = versions[0];
    if (!latest) throw OssErrors.noSuchKey(key);
    if (latest.isDeleteMarker) {
      throw withHeaders(OssErrors.noSuchKey(key), { 'x-oss-delete-marker': 'true', 'x-oss-version-id': latest.versionId });
    }
    return latest;
  }
  const found = versions.find((v) => v.versionId === versionId);
  if (!found) throw OssErrors.noSuchVersion(key, versionId);
  if (found.isDeleteMarker) {
    throw withHeaders(OssErrors.noSuchKey(key), { 'x-oss-delete-marker': 'true', 'x-oss-version-id': found.versionId });
  }
  return found;
}

function deleteMarker(bucket: BucketRecord, key: string, now: number, isReplica: boolean, versionId?: string): ObjectVersion {
  return {
    key,
    versionId: nextVersionId(bucket, versionId),
    isDeleteMarker: true,
    size: 0,
    etag: '',
    contentMd5: '',
    crc64: '',
    contentType: '',
    metadata: {},
    lastModified: now,
    isReplica,
  };
}

/** Remove one exact version permanently (DELETE ?versionId=). */
function deleteExactVersion(bucket: BucketRecord, key: string, versionId: string): DeleteOutcome {
  const versions = bucket.objects[key] ?? [];
  const target = versions.find((v) => v.versionId === versionId);
  if (!target) return { deleteMarker: false, versionId, removed: [] };
  setVersions(
    bucket,
    key,
    versions.filter((v) => v !== target),
  );
  return { deleteMarker: target.isDeleteMarker, versionId, removed: [target] };
}

/**
 * DeleteObject. Unversioned: the key goes. Versioned without versionId: a delete marker is added
 * (replacing the `null` version when suspended). With versionId: that version goes for good.
 */
export function deleteObject(
  bucket: BucketRecord,
  key: string,
  options: { versionId?: string; now: number; isReplica: boolean; markerVersionId?: string },
): DeleteOutcome {
  if (options.versionId !== undefined) return deleteExactVersion(bucket, key, options.versionId);
  if (bucket.versioning === undefined) {
    const removed = bucket.objects[key] ?? [];
    setVersions(bucket, key, []);
    return { deleteMarker: false, removed };
  }
  const marker = deleteMarker(bucket, key, options.now, options.isReplica, options.markerVersionId);
  const removed = insert(bucket, marker);
  return { deleteMarker: true, versionId: marker.versionId, removed, marker };
}

/**
 * Latest live versions in key order, from the first key >= `start` (> with `exclusive`): what
 * ListObjects sees. Lazy, so a page reads only the keys it returns (plus the skipped dead ones).
 */
export function* liveObjects(bucket: BucketRecord, start = '', exclusive = false): Generator<ObjectVersion> {
  for (const key of objectIndex(bucket).keys.from(start, exclusive)) {
    const latest = bucket.objects[key]?.[0];
    if (latest !== undefined && !latest.isDeleteMarker) yield latest;
  }
}

/** Every stored version and delete marker, keys in order and each key's versions newest first. */
export function* allVersions(bucket: BucketRecord, start = '', exclusive = false): Generator<ObjectVersion> {
  for (const key of objectIndex(bucket).keys.from(start, exclusive)) yield* bucket.objects[key] ?? [];
}

export function hasAnyVersion(bucket: BucketRecord): boolean {
  return objectIndex(bucket).keys.size > 0;
}
