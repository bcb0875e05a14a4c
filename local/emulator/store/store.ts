/**
 * One namespace of buckets shared by every region, keyed by name (bucket names are global in OSS).
 * Metadata changes are persisted when a caller reports them with `changed()`; bytes live in the
 * blob store.
 */
import { OssErrors } from '../errors';
import type { BucketRecord, ObjectVersion } from '../models/types';
import type { BlobStore } from './blobStore';
import type { MetadataPersistence } from './persistence';

export class Store {
  private readonly buckets = new Map<string, BucketRecord>();

  constructor(
    readonly blobs: BlobStore,
    private readonly persistence: MetadataPersistence,
  ) {
    for (const bucket of persistence.loadAll()) this.buckets.set(bucket.name, bucket);
  }

  find(name: string): BucketRecord | undefined {
    return this.buckets.get(name);
  }

  /** The bucket, or 404 NoSuchBucket. */
  require(name: string): BucketRecord {
    const bucket = this.buckets.get(name);
    if (!bucket) throw OssErrors.noSuchBucket(name);
    return bucket;
  }

  /** Every bucket, sorted by name (ListBuckets order). */
  all(): BucketRecord[] {
    return [...this.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  add(bucket: BucketRecord): void {
    this.buckets.set(bucket.name, bucket);
    this.persistence.save(bucket);
  }

  remove(name: string): void {
    const bucket = this.buckets.get(name);
    if (!bucket) return;
    this.buckets.delete(name);
    this.persistence.remove(name);
    for (const versions of Object.values(bucket.objects)) this.freeBlobs(versions);
  }

  /** Persist a bucket after its record was mutated. */
  changed(bucket: BucketRecord): void {
    if (this.buckets.get(bucket.name) === bucket) this.persistence.save(bucket);
  }

  freeBlobs(versions: readonly ObjectVersion[]): void {
    for (const v of versions) if (v.blobId) this.blobs.delete(v.blobId);
  }

  reset(): void {
    this.buckets.clear();
    this.blobs.reset();
    this.persistence.reset();
  }
}
