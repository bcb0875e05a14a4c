/**
 * One namespace of buckets shared by every region, keyed by name (bucket names are global in OSS).
 * Metadata changes are persisted when a caller reports them with `changed()`; bytes live in the
 * blob store. Names are kept sorted and the buckets that carry replication rules are kept apart,
 * so ListBuckets pages and replication ticks cost what they touch, not the size of the account.
 */
import { compareKeys } from '../../../shared/oss';
import { OssErrors } from '../errors';
import type { BucketRecord, ObjectVersion } from '../models/types';
import { SortedKeys } from '../util/sortedKeys';
import type { BlobStore } from './blobStore';
import type { MetadataPersistence } from './persistence';

export class Store {
  private readonly buckets = new Map<string, BucketRecord>();
  private names = new SortedKeys();
  /** Buckets with at least one rule record (closing ones included). */
  private readonly withRules = new Set<string>();

  constructor(
    readonly blobs: BlobStore,
    private readonly persistence: MetadataPersistence,
  ) {
    const loaded = persistence.loadAll();
    for (const bucket of loaded) this.buckets.set(bucket.name, bucket);
    this.names = SortedKeys.fromSorted([...this.buckets.keys()].sort(compareKeys));
    for (const bucket of loaded) this.trackRules(bucket);
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
    return this.names.toArray().map((name) => this.buckets.get(name) as BucketRecord);
  }

  /** Buckets in name order from the first name >= `start` (> with `exclusive`). */
  *from(start: string, exclusive = false): Generator<BucketRecord> {
    for (const name of this.names.from(start, exclusive)) yield this.buckets.get(name) as BucketRecord;
  }

  /** The buckets that carry replication rules: sources the engine and rule checks look at. */
  replicating(): BucketRecord[] {
    return [...this.withRules].map((name) => this.buckets.get(name) as BucketRecord);
  }

  add(bucket: BucketRecord): void {
    this.buckets.set(bucket.name, bucket);
    this.names.add(bucket.name);
    this.trackRules(bucket);
    this.persistence.save(bucket);
  }

  remove(name: string): void {
    const bucket = this.buckets.get(name);
    if (!bucket) return;
    this.buckets.delete(name);
    this.names.delete(name);
    this.withRules.delete(name);
    this.persistence.remove(name);
    for (const versions of Object.values(bucket.objects)) this.freeBlobs(versions);
  }

  /** Persist a bucket after its record was mutated. */
  changed(bucket: BucketRecord): void {
    if (this.buckets.get(bucket.name) !== bucket) return;
    this.trackRules(bucket);
    this.persistence.save(bucket);
  }

  freeBlobs(versions: readonly ObjectVersion[]): void {
    for (const v of versions) if (v.blobId) this.blobs.delete(v.blobId);
  }

  reset(): void {
    this.buckets.clear();
    this.names = new SortedKeys();
    this.withRules.clear();
    this.blobs.reset();
    this.persistence.reset();
  }

  private trackRules(bucket: BucketRecord): void {
    if (bucket.rules.length > 0) this.withRules.add(bucket.name);
    else this.withRules.delete(bucket.name);
  }
}
