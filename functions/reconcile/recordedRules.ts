import { canaryDigest } from '../../shared/canary';
import type { Logger } from '../../shared/log';
import type { EnsureResult } from '../../shared/replication';
import { forEachLimit } from '../../shared/runtime';
import {
  type BucketDigest,
  bucketDigest,
  bucketShardOf,
  byBucketShard,
  type DocumentStore,
  listBucketStateETags,
  readBucketIndexShard,
  readBucketStateEntry,
  staleDigests,
  writeBucketIndexShard,
} from '../../shared/state';

export interface RecordedRules {
  /** The owned rule ids the bucket's document records ([] without a document); undefined when unknown (read it). */
  of(bucket: string): readonly string[] | undefined;
  /** Bucket documents read this run: new or changed since the index described them. */
  readonly read: number;
  /**
   * Writes back, once at the end of the run, the index shards that changed: with the documents this
   * run's ensures wrote, each known by the ETag its PUT answered, so the next run need not read them.
   */
  save(results: readonly EnsureResult[]): Promise<void>;
}

export interface RecordedRulesDeps {
  readonly state: DocumentStore;
  readonly concurrency: number;
  readonly now: Date;
  readonly log: Logger;
}

const unknown: RecordedRules = { of: () => undefined, read: 0, save: async () => undefined };

/**
 * The owned rule ids every managed bucket's document records, for the sweep's "is every rule
 * recorded" check, from the bucket index (index/buckets/<h>.json, see bucketIndex.ts) instead of one
 * read per bucket: one listing of `buckets/` says which digests still hold (same ETag), only the
 * other documents are read, and the shards that changed are written back once. When the state cannot
 * be listed, every bucket is unknown and the sweep reads its document as before.
 */
export async function loadRecordedRules(deps: RecordedRulesDeps): Promise<RecordedRules> {
  try {
    const listed = await listBucketStateETags(deps.state);
    const shards = [...byBucketShard(listed.keys()).keys()];
    const stored = new Map(await Promise.all(shards.map(async (shard) => [shard, await readBucketIndexShard(deps.state, shard)] as const)));
    const old = new Map([...stored.values()].flatMap((entries) => [...entries]));
    const stale = new Set(staleDigests(old, listed));
    const next = new Map<string, BucketDigest>();
    for (const [bucket, digest] of old) if (listed.has(bucket) && !stale.has(bucket)) next.set(bucket, digest);
    await forEachLimit([...stale], deps.concurrency, async (bucket) => {
      const entry = await readBucketStateEntry(deps.state, bucket, deps.now);
      if (entry) next.set(bucket, bucketDigest(entry.eTag, entry.state, canaryDigest(entry.state.canaries)));
    });
    const changed = new Set([...stale, ...[...old.keys()].filter((b) => !listed.has(b))].map(bucketShardOf));
    const save = async (results: readonly EnsureResult[]): Promise<void> => {
      for (const r of results) {
        if (r.recorded === undefined) continue;
        next.set(r.bucket, r.recorded);
        changed.add(bucketShardOf(r.bucket));
      }
      const groups = byBucketShard(next.keys());
      for (const shard of changed) {
        const entries = new Map((groups.get(shard) ?? []).map((b) => [b, next.get(b)!]));
        await writeBucketIndexShard(deps.state, shard, entries).catch((error: unknown) =>
          deps.log.warn('could not write a shard of the bucket index; the next run reads its documents again', { shard, error }),
        );
      }
    };
    return {
      of: (bucket) => next.get(bucket)?.rules.map((r) => r.ruleId) ?? (listed.has(bucket) ? undefined : []),
      read: stale.size,
      save,
    };
  } catch (error) {
    deps.log.warn('recorded rules unknown this run: every bucket reads its own document', { error });
    return unknown;
  }
}
