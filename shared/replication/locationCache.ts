import type { OssApi } from '../oss';
import type { ReplicationLocation } from '../xml';
import { DEFAULT_LOCATION_TTL_MS } from './constants';

interface Entry {
  readonly value: ReplicationLocation;
  readonly expiresAt: number;
}

/**
 * Per-region cache of GetBucketReplicationLocation. The answer depends only on the source region,
 * so one call per region (per TTL) serves every bucket a reconcile sweep visits. Concurrent misses
 * for one region share one request. Failures are not cached.
 */
export class LocationCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<ReplicationLocation>>();

  constructor(
    private readonly ttlMs: number = DEFAULT_LOCATION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** `bucket` is any bucket in `region` (the call is a bucket sub-resource). */
  async get(oss: OssApi, region: string, bucket: string): Promise<ReplicationLocation> {
    const entry = this.entries.get(region);
    if (entry && entry.expiresAt > this.now()) return entry.value;
    const pending = this.inFlight.get(region);
    if (pending) return pending;
    const request = this.fetch(oss, region, bucket);
    this.inFlight.set(region, request);
    try {
      return await request;
    } finally {
      this.inFlight.delete(region);
    }
  }

  /** For tests and for an operator who changed replication partners. */
  clear(): void {
    this.entries.clear();
  }

  private async fetch(oss: OssApi, region: string, bucket: string): Promise<ReplicationLocation> {
    const value = await oss.getBucketReplicationLocation({ bucket, region });
    this.entries.set(region, { value, expiresAt: this.now() + this.ttlMs });
    return value;
  }
}
