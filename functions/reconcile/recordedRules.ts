import type { Logger } from '../../shared/log';
import type { EnsureResult } from '../../shared/replication';
import { forEachLimit } from '../../shared/runtime';
import {
  type Checked,
  type DocumentStore,
  invalid,
  isRecord,
  listBucketStateETags,
  readBucketStateEntry,
  RECORDED_RULES_INDEX_KEY,
  schemaProblem,
  staleDigests,
  valid,
} from '../../shared/state';

const SCHEMA = 1;

interface Digest {
  readonly eTag: string;
  readonly rules: readonly string[];
}

/** `index/recorded-rules.json`: per managed bucket, the owned rule ids its document records and the ETag they were read from. */
interface RecordedRulesDocument {
  readonly schema: typeof SCHEMA;
  readonly buckets: Readonly<Record<string, Digest>>;
}

export interface RecordedRules {
  /** The owned rule ids the bucket's document records ([] without a document); undefined when unknown (read it). */
  of(bucket: string): readonly string[] | undefined;
  /** Bucket documents read this run: new or changed since the index was written. */
  readonly read: number;
  /**
   * Writes the index once, at the end of the run, when it changed: with the documents this run's
   * ensures wrote, each known by the ETag its PUT answered, so the next run need not read them.
   */
  save(results: readonly EnsureResult[]): Promise<void>;
}

export interface RecordedRulesDeps {
  readonly state: DocumentStore;
  readonly concurrency: number;
  readonly now: Date;
  readonly log: Logger;
}

function checkIndex(value: unknown): Checked<RecordedRulesDocument> {
  const problem = schemaProblem(value, SCHEMA);
  if (problem !== undefined) return invalid(problem);
  const buckets = (value as Record<string, unknown>)['buckets'];
  if (!isRecord(buckets)) return invalid('buckets is not an object');
  for (const [bucket, entry] of Object.entries(buckets)) {
    if (
      !isRecord(entry) ||
      typeof entry['eTag'] !== 'string' ||
      !Array.isArray(entry['rules']) ||
      !entry['rules'].every((r) => typeof r === 'string')
    )
      return invalid(`buckets.${bucket} is not an ETag with a list of rule ids`);
  }
  return valid(value as RecordedRulesDocument);
}

const unknown: RecordedRules = { of: () => undefined, read: 0, save: async () => undefined };

/**
 * The owned rule ids every managed bucket's document records, for the sweep's "is every rule
 * recorded" check: one index document and one listing of `buckets/` per run instead of one read
 * per bucket. Only documents whose ETag changed since the index was written are read (see
 * listBucketStateETags), and the index is written back once, when it changed. Anyone may rewrite it (a
 * plain PUT, no lease): each entry is a fact about one document version, so a lost update costs
 * one read next run, never a wrong answer. When the state cannot be listed, every bucket is unknown
 * and the sweep reads its document as before.
 */
export async function loadRecordedRules(deps: RecordedRulesDeps): Promise<RecordedRules> {
  try {
    const [stored, listed] = await Promise.all([deps.state.read(RECORDED_RULES_INDEX_KEY, checkIndex), listBucketStateETags(deps.state)]);
    const old = new Map(Object.entries(stored?.value.buckets ?? {}));
    const fresh = new Map<string, Digest>();
    const stale = new Set(staleDigests(old, listed));
    await forEachLimit([...stale], deps.concurrency, async (bucket) => {
      const entry = await readBucketStateEntry(deps.state, bucket, deps.now);
      if (entry) fresh.set(bucket, { eTag: entry.eTag, rules: entry.state.rules.map((r) => r.ruleId) });
    });
    const next = new Map<string, Digest>();
    for (const bucket of listed.keys()) {
      // A stale entry never answers: its bucket's document changed, and was read again or is gone.
      const digest = stale.has(bucket) ? fresh.get(bucket) : old.get(bucket);
      if (digest) next.set(bucket, digest);
    }
    const refreshed = stale.size > 0 || next.size !== old.size;
    const save = async (results: readonly EnsureResult[]): Promise<void> => {
      const written = results.flatMap((r) =>
        r.recordedETag !== undefined ? [[r.bucket, { eTag: r.recordedETag, rules: r.ruleIds }] as const] : [],
      );
      if (!refreshed && written.length === 0) return;
      const doc: RecordedRulesDocument = { schema: SCHEMA, buckets: Object.fromEntries([...next, ...written]) };
      await deps.state
        .put(RECORDED_RULES_INDEX_KEY, doc)
        .catch((error: unknown) => deps.log.warn('could not write the recorded-rules index', { error }));
    };
    return { of: (bucket) => next.get(bucket)?.rules ?? (listed.has(bucket) ? undefined : []), read: stale.size, save };
  } catch (error) {
    deps.log.warn('recorded rules unknown this run: every bucket reads its own document', { error });
    return unknown;
  }
}
