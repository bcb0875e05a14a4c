import { arrayProblem, type Checked, type DocumentCheck, invalid, isRecord, schemaProblem, valid } from './documentChecks';
import { bucketFromStateKey, bucketIndexKey, BUCKETS_PREFIX, bucketShardOf } from './keys';
import type { BucketState, CanaryRecord, DocumentStore, OwnedRule } from './types';

/**
 * What the jobs that watch rather than change need of a bucket's `buckets/<bucket>.json` (its region,
 * its owned rules, the canary records the monitor's verdicts are judged from), with the ETag of the
 * document it was taken from. An ETag names one content (OSS: the MD5 of a simple upload), so a
 * digest made from a document with that ETag still describes it, whoever made it and whenever: one
 * listing of `buckets/` (a request per 1,000 documents, ETags included) tells which digests still
 * hold, and only the other documents are read again.
 */
export interface BucketDigest {
  readonly eTag: string;
  readonly region?: string;
  readonly rules: readonly OwnedRule[];
  /** Only the records canaryStatus judges from (canaryDigest in shared/canary). */
  readonly canaries: readonly CanaryRecord[];
}

/** The digest of a document read with `eTag`; `canaries` is already reduced by the caller (canaryDigest). */
export function bucketDigest(eTag: string, state: BucketState, canaries: readonly CanaryRecord[]): BucketDigest {
  return { eTag, ...(state.region !== undefined ? { region: state.region } : {}), rules: state.rules, canaries };
}

/** The managed source buckets with the ETag of each one's document (one listing of `buckets/`). */
export async function listBucketStateETags(store: DocumentStore): Promise<Map<string, string>> {
  const listed = new Map<string, string>();
  for (const { key, eTag } of await store.entries(BUCKETS_PREFIX)) {
    const bucket = bucketFromStateKey(key);
    if (bucket !== undefined) listed.set(bucket, eTag);
  }
  return listed;
}

/** The listed buckets a set of digests does not describe: new ones, and those whose document changed since. */
export function staleDigests(digests: ReadonlyMap<string, { readonly eTag: string }>, listed: ReadonlyMap<string, string>): string[] {
  return [...listed].filter(([bucket, eTag]) => digests.get(bucket)?.eTag !== eTag).map(([bucket]) => bucket);
}

/** Buckets grouped by their shard (bucketShardOf): documents holding something of every bucket come in 16. */
export function byBucketShard(buckets: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const bucket of buckets) {
    const shard = bucketShardOf(bucket);
    groups.set(shard, [...(groups.get(shard) ?? []), bucket]);
  }
  return groups;
}

/** The first problem with a stored digest, or undefined. */
export function digestProblem(bucket: string, entry: unknown): string | undefined {
  if (!isRecord(entry)) return `buckets.${bucket} is not an object`;
  if (typeof entry['eTag'] !== 'string') return `buckets.${bucket}.eTag is not a string`;
  if (entry['region'] !== undefined && typeof entry['region'] !== 'string') return `buckets.${bucket}.region is not a string`;
  if (!Array.isArray(entry['rules']) || !Array.isArray(entry['canaries'])) return `buckets.${bucket}: rules or canaries missing`;
  const lists =
    arrayProblem(entry, 'rules', ['ruleId', 'policy', 'destinationBucket', 'destinationRegion']) ??
    arrayProblem(entry, 'canaries', ['ruleId', 'writtenAt', 'outcome']);
  return lists === undefined ? undefined : `buckets.${bucket}: ${lists}`;
}

const SCHEMA = 1;

/** A shard document of per-bucket entries: `{ schema: 1, buckets: { <bucket>: entry } }`. */
export function shardCheck<T>(entryProblem: (bucket: string, entry: unknown) => string | undefined): DocumentCheck<Record<string, T>> {
  return (value: unknown): Checked<Record<string, T>> => {
    const problem = schemaProblem(value, SCHEMA);
    if (problem !== undefined) return invalid(problem);
    const buckets = (value as Record<string, unknown>)['buckets'];
    if (!isRecord(buckets)) return invalid('buckets is not an object');
    for (const [bucket, entry] of Object.entries(buckets)) {
      const bad = entryProblem(bucket, entry);
      if (bad !== undefined) return invalid(bad);
    }
    return valid(buckets as Record<string, T>);
  };
}

/** One shard's entries; empty when it does not exist or could not be used (moved aside by the store). */
export async function readShard<T>(store: DocumentStore, key: string, check: DocumentCheck<Record<string, T>>): Promise<Map<string, T>> {
  return (await readShardDocument(store, key, check)).entries;
}

/** A shard's entries with the ETag of the document they were read from (none when there was no usable document). */
export interface ShardDocument<T> {
  readonly eTag?: string;
  readonly entries: Map<string, T>;
}

export async function readShardDocument<T>(
  store: DocumentStore,
  key: string,
  check: DocumentCheck<Record<string, T>>,
): Promise<ShardDocument<T>> {
  const stored = await store.read(key, check);
  return { ...(stored ? { eTag: stored.eTag } : {}), entries: new Map(Object.entries(stored?.value ?? {})) };
}

/** Writes one shard, or deletes it once no bucket is left in it. */
export async function writeShard<T>(store: DocumentStore, key: string, entries: ReadonlyMap<string, T>): Promise<void> {
  if (entries.size === 0) return store.delete(key);
  await store.put(key, { schema: SCHEMA, buckets: Object.fromEntries(entries) });
}

const checkIndexShard = /* @__PURE__ */ shardCheck<BucketDigest>(digestProblem);

/**
 * The bucket index, `index/buckets/<h>.json`: the digests reconcile keeps of every bucket document
 * (its steady-state check asks which owned rules each records; the monitor takes what it has not
 * seen yet from it instead of reading each new document). Anyone may rewrite a shard (a plain PUT, no
 * lease): each entry is a fact about one document version, so a lost update costs a read, never a
 * wrong answer.
 */
export function readBucketIndexShard(store: DocumentStore, shard: string): Promise<Map<string, BucketDigest>> {
  return readShard(store, bucketIndexKey(shard), checkIndexShard);
}

export function writeBucketIndexShard(store: DocumentStore, shard: string, entries: ReadonlyMap<string, BucketDigest>): Promise<void> {
  return writeShard(store, bucketIndexKey(shard), entries);
}
