import type { OssApi } from '../oss';
import { type Checked, type DocumentStore, invalid, isRecord, replicationLocationKey, schemaProblem, valid } from '../state';
import type { ReplicationLocation } from '../xml';
import { DEFAULT_LOCATION_TTL_MS } from './constants';

interface Entry {
  readonly value: ReplicationLocation;
  readonly expiresAt: number;
}

const SCHEMA = 1;

/** `cache/replication-location/<region>.json`: one region's answer and when OSS gave it. */
interface LocationDocument {
  readonly schema: typeof SCHEMA;
  readonly region: string;
  readonly fetchedAt: string;
  readonly location: ReplicationLocation;
}

const stringList = (value: unknown): boolean => Array.isArray(value) && value.every((v) => typeof v === 'string');

function checkLocationDocument(value: unknown): Checked<LocationDocument> {
  const problem = schemaProblem(value, SCHEMA);
  if (problem !== undefined) return invalid(problem);
  const doc = value as Record<string, unknown>;
  const location = doc['location'];
  if (typeof doc['fetchedAt'] !== 'string' || Number.isNaN(Date.parse(doc['fetchedAt']))) return invalid('fetchedAt is not a time');
  if (!isRecord(location) || !stringList(location['locations']) || !stringList(location['rtcLocations']))
    return invalid('location has no lists of locations');
  const constraints = location['transferTypeConstraints'];
  if (
    !Array.isArray(constraints) ||
    !constraints.every((c) => isRecord(c) && typeof c['location'] === 'string' && stringList(c['transferTypes']))
  )
    return invalid('location.transferTypeConstraints is not a list of location and transfer types');
  return valid(doc as unknown as LocationDocument);
}

/**
 * Per-region cache of GetBucketReplicationLocation. The answer depends only on the source region,
 * so one call per region (per TTL) serves every bucket a reconcile sweep visits. Concurrent misses
 * for one region share one request. Failures are not cached.
 *
 * Given the state store, the answer is kept there too (`cache/replication-location/<region>.json`),
 * so a cold instance reads one small document instead of asking OSS, and every instance refreshes
 * at the same time (the TTL counts from when OSS answered). A plain PUT: every writer writes the
 * same fact, so the last one winning is fine.
 */
export class LocationCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<ReplicationLocation>>();

  constructor(
    private readonly ttlMs: number = DEFAULT_LOCATION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `bucket` is any bucket in `region` (the call is a bucket sub-resource). With `kept`, the state store
   * is read first and, unless `readOnly` (a dry run writes nothing), written after asking OSS.
   */
  async get(
    oss: OssApi,
    region: string,
    bucket: string,
    kept?: { store: DocumentStore; readOnly?: boolean },
  ): Promise<ReplicationLocation> {
    const entry = this.entries.get(region);
    if (entry && entry.expiresAt > this.now()) return entry.value;
    const pending = this.inFlight.get(region);
    if (pending) return pending;
    const request = this.fetch(oss, region, bucket, kept);
    this.inFlight.set(region, request);
    try {
      return await request;
    } finally {
      this.inFlight.delete(region);
    }
  }

  /** For tests and for an operator who changed replication partners (delete the state documents too). */
  clear(): void {
    this.entries.clear();
  }

  private async fetch(
    oss: OssApi,
    region: string,
    bucket: string,
    kept: { store: DocumentStore; readOnly?: boolean } | undefined,
  ): Promise<ReplicationLocation> {
    const store = kept?.store;
    const stored = store ? await this.stored(store, region) : undefined;
    if (stored) return this.keep(region, stored.location, Date.parse(stored.fetchedAt));
    const fetchedAt = this.now();
    const value = await oss.getBucketReplicationLocation({ bucket, region });
    if (store && kept?.readOnly !== true) {
      const doc: LocationDocument = { schema: SCHEMA, region, fetchedAt: new Date(fetchedAt).toISOString(), location: value };
      // A cache: failing to keep it costs the next cold instance one call, never this ensure.
      await store.put(replicationLocationKey(region), doc).catch(() => undefined);
    }
    return this.keep(region, value, fetchedAt);
  }

  /** The stored answer while fresh; undefined when absent, stale or unreadable (then OSS is asked). */
  private async stored(store: DocumentStore, region: string): Promise<LocationDocument | undefined> {
    try {
      const doc = (await store.read(replicationLocationKey(region), checkLocationDocument))?.value;
      return doc && doc.region === region && Date.parse(doc.fetchedAt) + this.ttlMs > this.now() ? doc : undefined;
    } catch {
      return undefined;
    }
  }

  private keep(region: string, value: ReplicationLocation, fetchedAt: number): ReplicationLocation {
    this.entries.set(region, { value, expiresAt: fetchedAt + this.ttlMs });
    return value;
  }
}
