import { type ProgressSample, type RuleProgressSample, toStored } from '../progress';
import { arrayProblem, type Checked, invalid, isRecord, schemaProblem, valid } from './documentChecks';
import { MONITOR_SHARDS_PREFIX, monitorShardFromKey, monitorShardKey, monitorShardOf } from './keys';
import type { CanaryRecord, DocumentStore, OwnedRule } from './types';

/**
 * The monitor's own documents, `monitor/<h>.json` (h: the first hex digit of the SHA-256 of the
 * bucket name, so at most 16): per managed bucket, what the monitor judges from its
 * `buckets/<bucket>.json` (region, owned rules, the canary records its verdicts come from), kept
 * with that document's ETag, and the progress samples of its rules. Only the monitor writes them,
 * under its run lease: the samples no longer go into the bucket documents, so a run needs no bucket
 * lease, no second read and no per-bucket write, and a bucket document is read again only when its
 * ETag changed (ensure or verify wrote it; see listBucketStateETags). Per shard, not one document, so
 * a run holds one shard in memory at a time and none grows past the read cap (10,000 rules with 48
 * samples each: about 3 MB per shard).
 */
export interface MonitoredBucket {
  /** ETag of the `buckets/<bucket>.json` the region, rules and canaries were taken from. */
  readonly eTag: string;
  readonly region?: string;
  readonly rules: readonly OwnedRule[];
  /** The records the canary verdicts are judged from (canaryDigest). */
  readonly canaries: readonly CanaryRecord[];
  /** Per owned rule id, oldest first. */
  readonly samples: Readonly<Record<string, readonly ProgressSample[]>>;
}

const SCHEMA = 1;

interface MonitorShard {
  readonly schema: typeof SCHEMA;
  readonly buckets: Readonly<Record<string, MonitoredBucket>>;
}

function entryProblem(bucket: string, entry: unknown): string | undefined {
  if (!isRecord(entry)) return `buckets.${bucket} is not an object`;
  if (typeof entry['eTag'] !== 'string') return `buckets.${bucket}.eTag is not a string`;
  if (entry['region'] !== undefined && typeof entry['region'] !== 'string') return `buckets.${bucket}.region is not a string`;
  const lists =
    arrayProblem(entry, 'rules', ['ruleId', 'policy', 'destinationBucket', 'destinationRegion']) ??
    arrayProblem(entry, 'canaries', ['ruleId', 'writtenAt', 'outcome']);
  if (lists !== undefined || !Array.isArray(entry['rules']) || !Array.isArray(entry['canaries']))
    return `buckets.${bucket}: ${lists ?? 'rules or canaries missing'}`;
  const samples = entry['samples'];
  if (!isRecord(samples)) return `buckets.${bucket}.samples is not an object`;
  for (const [ruleId, list] of Object.entries(samples)) {
    const problem = arrayProblem({ list }, 'list', ['at']);
    if (problem !== undefined || !Array.isArray(list)) return `buckets.${bucket}.samples.${ruleId}: ${problem ?? 'not a list'}`;
  }
  return undefined;
}

function checkShard(value: unknown): Checked<MonitorShard> {
  const problem = schemaProblem(value, SCHEMA);
  if (problem !== undefined) return invalid(problem);
  const buckets = (value as Record<string, unknown>)['buckets'];
  if (!isRecord(buckets)) return invalid('buckets is not an object');
  for (const [bucket, entry] of Object.entries(buckets)) {
    const bad = entryProblem(bucket, entry);
    if (bad !== undefined) return invalid(bad);
  }
  return valid(value as MonitorShard);
}

/** The shards that exist (one listing). */
export async function listMonitorShards(store: DocumentStore): Promise<string[]> {
  return (await store.list(MONITOR_SHARDS_PREFIX)).map(monitorShardFromKey).filter((s): s is string => s !== undefined);
}

/** Buckets grouped by their shard. */
export function byMonitorShard(buckets: Iterable<string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const bucket of buckets) {
    const shard = monitorShardOf(bucket);
    groups.set(shard, [...(groups.get(shard) ?? []), bucket]);
  }
  return groups;
}

/** One shard's buckets; empty when it does not exist or could not be used (moved aside by the store). */
export async function readMonitorShard(store: DocumentStore, shard: string): Promise<Map<string, MonitoredBucket>> {
  const stored = await store.read(monitorShardKey(shard), checkShard);
  return new Map(Object.entries(stored?.value.buckets ?? {}));
}

/** Writes one shard (the monitor's run lease is held), or deletes it once no bucket is left in it. */
export async function writeMonitorShard(store: DocumentStore, shard: string, buckets: ReadonlyMap<string, MonitoredBucket>): Promise<void> {
  if (buckets.size === 0) return store.delete(monitorShardKey(shard));
  const doc: MonitorShard = { schema: SCHEMA, buckets: Object.fromEntries(buckets) };
  await store.put(monitorShardKey(shard), doc);
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
    [...byMonitorShard(buckets)].map(async ([shard, names]) => {
      const entries = await readMonitorShard(store, shard);
      for (const name of names) {
        const entry = entries.get(name);
        if (entry) out.set(name, storedSamples(entry));
      }
    }),
  );
  return out;
}
