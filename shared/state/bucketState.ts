import { arrayProblem, invalid, isRecord, schemaProblem, valid, type Checked } from './documentChecks';
import { bucketFromStateKey, bucketStateKey, BUCKETS_PREFIX } from './keys';
import { BUCKET_STATE_SCHEMA, type BucketState, type DocumentStore } from './types';

/** History bounds keep the document small (it is read on every invocation for the bucket). */
export const MAX_CANARY_HISTORY = 50;
export const MAX_PROGRESS_SAMPLES = 200;

/** The state of a bucket nothing has been recorded for yet. */
export function emptyBucketState(bucket: string, now: Date, region?: string): BucketState {
  return {
    schema: BUCKET_STATE_SCHEMA,
    bucket,
    ...(region !== undefined ? { region } : {}),
    updatedAt: now.toISOString(),
    rules: [],
    canaries: [],
    progress: [],
  };
}

/**
 * What every job relies on in `buckets/<bucket>.json`: schema 1 and, for each history present, entries
 * with the string fields code reads without checking. Anything else is quarantined by the reader.
 */
export function checkBucketState(value: unknown): Checked<Partial<BucketState>> {
  const problem =
    schemaProblem(value, BUCKET_STATE_SCHEMA) ??
    arrayProblem(value as Record<string, unknown>, 'rules', ['ruleId', 'policy', 'destinationBucket', 'destinationRegion']) ??
    arrayProblem(value as Record<string, unknown>, 'canaries', ['ruleId', 'writtenAt', 'outcome']) ??
    arrayProblem(value as Record<string, unknown>, 'progress', ['ruleId', 'at']);
  if (problem !== undefined) return invalid(problem);
  const doc = value as Record<string, unknown>;
  if (doc['region'] !== undefined && typeof doc['region'] !== 'string') return invalid('region is not a string');
  if (doc['lastPlan'] !== undefined && !(isRecord(doc['lastPlan']) && Array.isArray(doc['lastPlan']['changes'])))
    return invalid('lastPlan has no list of changes');
  return valid(doc as Partial<BucketState>);
}

/**
 * Reads `buckets/<bucket>.json`, or a fresh state when there is none. Fields missing from an older
 * document of the same schema get their defaults. A document this code cannot use (not JSON, another
 * schema, a broken history) is moved aside to `quarantine/` by the store and the bucket starts fresh:
 * it is never overwritten unseen, and it never stops the jobs for good.
 */
export async function getBucketState(store: DocumentStore, bucket: string, now: Date = new Date()): Promise<BucketState> {
  return (await readBucketStateEntry(store, bucket, now))?.state ?? emptyBucketState(bucket, now);
}

/**
 * `buckets/<bucket>.json` as getBucketState reads it, with the ETag of what was read; undefined when
 * there is none (or it was moved aside as unusable).
 */
export async function readBucketStateEntry(
  store: DocumentStore,
  bucket: string,
  now: Date = new Date(),
): Promise<{ readonly eTag: string; readonly state: BucketState } | undefined> {
  const stored = await store.read(bucketStateKey(bucket), checkBucketState);
  if (stored === undefined) return undefined;
  // `incidents` of earlier versions (always empty: nothing wrote it) is read and not written back.
  const { incidents: _earlier, ...value } = stored.value as Partial<BucketState> & { incidents?: unknown };
  return { eTag: stored.eTag, state: { ...emptyBucketState(bucket, now), ...value, bucket } };
}

/** The managed source buckets: every `buckets/<bucket>.json` document, in key order. */
export async function listManagedBuckets(store: DocumentStore): Promise<string[]> {
  return (await store.list(BUCKETS_PREFIX)).map(bucketFromStateKey).filter((b): b is string => b !== undefined);
}

/**
 * Writes the state with bounded histories. A plain overwrite: callers hold the bucket's lease,
 * which is what serialises writers of one bucket document.
 */
export async function putBucketState(store: DocumentStore, state: BucketState, now: Date = new Date()): Promise<string> {
  return store.put(bucketStateKey(state.bucket), trimBucketState({ ...state, updatedAt: now.toISOString() }));
}

/** Writes the state only when the bucket has no document yet (create-only). @returns its ETag; undefined when it had one. */
export async function createBucketState(store: DocumentStore, state: BucketState, now: Date = new Date()): Promise<string | undefined> {
  return store.write(bucketStateKey(state.bucket), trimBucketState({ ...state, updatedAt: now.toISOString() }), { createOnly: true });
}

/** Read, change, write: `change` must be pure. Same lease rule as putBucketState. */
export async function updateBucketState(
  store: DocumentStore,
  bucket: string,
  change: (state: BucketState) => BucketState,
  now: Date = new Date(),
): Promise<BucketState> {
  const next = trimBucketState(change(await getBucketState(store, bucket, now)));
  await putBucketState(store, next, now);
  return { ...next, updatedAt: now.toISOString() };
}

/**
 * Like updateBucketState, but only when the document exists: a job that records into a bucket's state
 * (verify's canary outcomes) must not bring back the state of a bucket that was retired meanwhile.
 * @returns the written state, or undefined when there was no document (nothing written).
 */
export async function updateExistingBucketState(
  store: DocumentStore,
  bucket: string,
  change: (state: BucketState) => BucketState,
  now: Date = new Date(),
): Promise<BucketState | undefined> {
  if ((await store.read(bucketStateKey(bucket), checkBucketState)) === undefined) return undefined;
  return updateBucketState(store, bucket, change, now);
}

/** Keeps only the newest entries of the bounded histories. */
export function trimBucketState(state: BucketState): BucketState {
  return {
    ...state,
    canaries: state.canaries.slice(-MAX_CANARY_HISTORY),
    progress: state.progress.slice(-MAX_PROGRESS_SAMPLES),
  };
}
