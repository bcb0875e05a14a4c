/**
 * The parity audit's word on each rule, without a read per rule per run. The audit hands the status
 * of every rule it went through to `monitor/parity/<h>.json` before its run ends (ParityLedger in
 * shared/audit), and the one listing of `monitor/` the monitor makes anyway gives that shard's ETag.
 * The monitor keeps what it took from a shard in its own, with the shard's ETag, and reads the shard
 * again only when the ETag changed: an ETag names one content, so an unchanged one is the same
 * entries, and the entries change only when an audit run wrote one of the documents they describe.
 * So skipping the audit documents costs nothing but timing: a run's results arrive when the run ends
 * (within the audit's timeout), not document by document.
 * A bucket no audit run has described yet (the first runs after an upgrade, before the audit ran; a
 * bucket managed since its last run) has its audit documents read once, one GET per rule, as before;
 * no run writes them without then writing the shard, which brings the bucket in (a run that died
 * first is caught up by the next one).
 */
import { readBucketParity } from '../../shared/audit';
import type { Services } from '../../shared/services';
import { type BucketParity, type KeptParity, type OwnedRule, readParityShard, type ShardDocument } from '../../shared/state';

/** One parity shard during a run: its ETag from the listing, and a read shared by the shard's buckets (made at most once). */
export interface ParitySource {
  readonly listedETag?: string;
  read(): Promise<ShardDocument<BucketParity>>;
}

export function paritySource(s: Services, shard: string, listedETag: string | undefined): ParitySource {
  let read: Promise<ShardDocument<BucketParity>> | undefined;
  return {
    ...(listedETag !== undefined ? { listedETag } : {}),
    read: () => (read ??= readParityShard(s.state, shard)),
  };
}

/** What the monitor knows of a bucket's parity this run: kept while the shard is the one it was taken from. */
export async function currentParity(
  s: Services,
  bucket: string,
  rules: readonly OwnedRule[],
  kept: KeptParity | undefined,
  source: ParitySource,
): Promise<KeptParity> {
  if (kept && kept.shardETag === source.listedETag) return kept;
  // The read's own ETag, not the listing's: the audit may have written the shard in between.
  const shard = source.listedETag === undefined ? undefined : await source.read();
  const at = shard?.eTag !== undefined ? { shardETag: shard.eTag } : {};
  const described = shard?.entries.get(bucket);
  if (described) return { ...at, from: 'shard', rules: described };
  if (kept?.from === 'documents') return { ...at, from: 'documents', rules: kept.rules };
  return { ...at, from: 'documents', rules: await readBucketParity(s.state, bucket, rules) };
}
