import { type ProgressSample, type RuleProgressSample, toStored } from '../progress';
import { type BucketDigest, byBucketShard, digestProblem, readShard, shardCheck, writeShard } from './bucketIndex';
import { arrayProblem, isRecord } from './documentChecks';
import { MONITOR_SHARDS_PREFIX, monitorShardFromKey, monitorShardKey, parityShardFromKey } from './keys';
import { type BucketParity, bucketParityProblem } from './parityShards';
import type { DocumentStore } from './types';

/**
 * The monitor's own documents, `monitor/<h>.json` (h: bucketShardOf, so at most 16): per managed
 * bucket, the digest of its `buckets/<bucket>.json` the monitor judges from (BucketDigest: region,
 * owned rules, canary records, with the document's ETag), the progress samples of its rules and the
 * audit's word on them (KeptParity, read again only when the audit's shard changed). Only the monitor writes them,
 * under its run lease: the samples no longer go into the bucket documents, so a run needs no bucket
 * lease, no second read and no per-bucket write, and a bucket document is read again only when its
 * ETag changed (ensure or verify wrote it; see listBucketStateETags). Per shard, not one document, so
 * a run holds one shard in memory at a time and none grows past the read cap (10,000 rules with 48
 * samples each: about 3 MB per shard; a rule's parity adds a few hundred bytes, and at most
 * PARITY_SAMPLE_KEYS keys when it has gaps).
 */
export interface MonitoredBucket extends BucketDigest {
  /** Per owned rule id, oldest first. */
  readonly samples: Readonly<Record<string, readonly ProgressSample[]>>;
  /** The audit's word on the bucket's rules as the monitor last took it (absent: not taken yet). */
  readonly parity?: KeptParity;
}

/** The parity entries of a bucket the monitor took, and from where (functions/monitor/parity.ts). */
export interface KeptParity {
  /** The ETag of `monitor/parity/<h>.json` when they were taken; absent when there was none. */
  readonly shardETag?: string;
  /**
   * `shard`: the audit's entry for the bucket in that shard; `documents`: the bucket's audit documents,
   * read because no audit run had described the bucket yet (the first runs after an upgrade, a new bucket).
   */
  readonly from: 'shard' | 'documents';
  readonly rules: BucketParity;
}

function keptParityProblem(bucket: string, parity: unknown): string | undefined {
  if (parity === undefined) return undefined;
  if (!isRecord(parity)) return `buckets.${bucket}.parity is not an object`;
  if (parity['from'] !== 'shard' && parity['from'] !== 'documents') return `buckets.${bucket}.parity.from is neither shard nor documents`;
  if (parity['shardETag'] !== undefined && typeof parity['shardETag'] !== 'string')
    return `buckets.${bucket}.parity.shardETag is not a string`;
  return bucketParityProblem(`buckets.${bucket}.parity.rules`, parity['rules']);
}

function monitoredProblem(bucket: string, entry: unknown): string | undefined {
  const digest = digestProblem(bucket, entry);
  if (digest !== undefined) return digest;
  const samples = (entry as Record<string, unknown>)['samples'];
  if (!isRecord(samples)) return `buckets.${bucket}.samples is not an object`;
  for (const [ruleId, list] of Object.entries(samples)) {
    const problem = arrayProblem({ list }, 'list', ['at']);
    if (problem !== undefined || !Array.isArray(list)) return `buckets.${bucket}.samples.${ruleId}: ${problem ?? 'not a list'}`;
  }
  return keptParityProblem(bucket, (entry as Record<string, unknown>)['parity']);
}

// Marked pure so that a bundle which never reads the shard (bucket-events, reconcile, verify) leaves its checks out.
const checkMonitorShard = /* @__PURE__ */ shardCheck<MonitoredBucket>(monitoredProblem);

/** What one listing of `monitor/` tells: the monitor's shards that exist, and the ETag of each parity shard the audit wrote. */
export interface MonitorListing {
  readonly shards: string[];
  readonly parity: Map<string, string>;
}

export async function listMonitorDocuments(store: DocumentStore): Promise<MonitorListing> {
  const listing: MonitorListing = { shards: [], parity: new Map() };
  for (const { key, eTag } of await store.entries(MONITOR_SHARDS_PREFIX)) {
    const own = monitorShardFromKey(key);
    const parity = parityShardFromKey(key);
    if (own !== undefined) listing.shards.push(own);
    if (parity !== undefined) listing.parity.set(parity, eTag);
  }
  return listing;
}

/** The shards that exist (one listing). */
export async function listMonitorShards(store: DocumentStore): Promise<string[]> {
  return (await listMonitorDocuments(store)).shards;
}

/** One shard's buckets; empty when it does not exist or could not be used (moved aside by the store). */
export function readMonitorShard(store: DocumentStore, shard: string): Promise<Map<string, MonitoredBucket>> {
  return readShard(store, monitorShardKey(shard), checkMonitorShard);
}

/** Writes one shard (the monitor's run lease is held), or deletes it once no bucket is left in it. */
export function writeMonitorShard(store: DocumentStore, shard: string, buckets: ReadonlyMap<string, MonitoredBucket>): Promise<void> {
  return writeShard(store, monitorShardKey(shard), buckets);
}

/** The samples of a monitored bucket as `buckets/<bucket>.json` kept them (one list, each sample with its rule id). */
export function storedSamples(entry: Pick<MonitoredBucket, 'samples'>): RuleProgressSample[] {
  return Object.entries(entry.samples)
    .flatMap(([ruleId, history]) => history.map((sample) => toStored(ruleId, sample)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The progress samples the monitor keeps for `buckets` (for `cli status` and the dashboard): the
 * shards that hold them are read, nothing is written (a view). A bucket no shard holds is absent.
 */
export async function readMonitoredSamples(store: DocumentStore, buckets: readonly string[]): Promise<Map<string, RuleProgressSample[]>> {
  const out = new Map<string, RuleProgressSample[]>();
  await Promise.all(
    [...byBucketShard(buckets)].map(async ([shard, names]) => {
      const entries = await readMonitorShard(store, shard);
      for (const name of names) {
        const entry = entries.get(name);
        if (entry) out.set(name, storedSamples(entry));
      }
    }),
  );
  return out;
}
