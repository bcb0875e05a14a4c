import { UnsupportedSchemaError, StateError } from './errors';
import { bucketStateKey } from './keys';
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
    incidents: [],
  };
}

/**
 * Reads `buckets/<bucket>.json`, or a fresh state when there is none. Fields missing from an older
 * document of the same schema get their defaults; another schema is refused so that this code never
 * overwrites a document it does not understand.
 */
export async function getBucketState(store: DocumentStore, bucket: string, now: Date = new Date()): Promise<BucketState> {
  const key = bucketStateKey(bucket);
  const stored = await store.get<Partial<BucketState>>(key);
  if (stored === undefined) return emptyBucketState(bucket, now);
  const value = stored.value;
  if (typeof value !== 'object' || value === null) throw new StateError('CorruptDocument', 'not a JSON object', key);
  if (value.schema !== BUCKET_STATE_SCHEMA) throw new UnsupportedSchemaError(key, value.schema, BUCKET_STATE_SCHEMA);
  return { ...emptyBucketState(bucket, now), ...value, bucket };
}

/**
 * Writes the state with bounded histories. A plain overwrite: callers hold the bucket's lease,
 * which is what serialises writers of one bucket document.
 */
export async function putBucketState(store: DocumentStore, state: BucketState, now: Date = new Date()): Promise<void> {
  await store.put(bucketStateKey(state.bucket), trimBucketState({ ...state, updatedAt: now.toISOString() }));
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
  if ((await store.get(bucketStateKey(bucket))) === undefined) return undefined;
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
