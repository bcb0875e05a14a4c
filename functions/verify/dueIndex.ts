import { createHash } from 'node:crypto';
import type { PolicyDocument } from '../../shared/policy/runtime';
import {
  type BucketState,
  type Checked,
  type DocumentStore,
  DUE_INDEX_KEY,
  invalid,
  type PendingCanaryKeys,
  isRecord,
  schemaProblem,
  stringMapProblem,
  valid,
} from '../../shared/state';
import { nextCanaryAt } from './periodic';

/**
 * `canaries/due-index.json` (DUE_INDEX_KEY): when each managed bucket next needs its state read to find
 * rules due a periodic canary, so that a verify run (every minute) reads only the buckets that may be
 * due instead of all of them. Only verify reads and writes it, under its run lease.
 */
const SCHEMA = 1;
/**
 * Every bucket is read at least this often whatever the index says: a safety net for changes the
 * index cannot see (a rule added without a first-canary schedule, a crash before the index was saved).
 * At most this late on a window of hours.
 */
export const DUE_INDEX_MAX_MS = 3_600_000;

interface DueIndexDocument {
  readonly schema: typeof SCHEMA;
  /** The policies' names and `verify.everyHours`: another value means every entry may be wrong. */
  readonly policyHash: string;
  /** Bucket -> ISO time its state must be read again. */
  readonly next: Readonly<Record<string, string>>;
}

export type DueIndex = Readonly<Record<string, string>>;

export function policyHash(policy: PolicyDocument): string {
  const relevant = Object.entries(policy.policies)
    .map(([name, p]) => [name, p.verify.everyHours])
    .sort();
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

export function checkDueIndex(value: unknown): Checked<DueIndexDocument> {
  const doc = value as Record<string, unknown>;
  const problem =
    schemaProblem(value, SCHEMA) ??
    (typeof doc['policyHash'] !== 'string' ? 'policyHash is not a string' : undefined) ??
    (isRecord(doc['next']) ? stringMapProblem(doc, 'next') : 'next is not an object');
  return problem === undefined ? valid(doc as unknown as DueIndexDocument) : invalid(problem);
}

/**
 * The stored index, or an empty one when there is none or it was made for other policies (a stale
 * index, not a bad one). A document this code cannot use is moved aside by the store.
 */
export async function loadDueIndex(store: DocumentStore, policy: PolicyDocument): Promise<DueIndex> {
  const doc = (await store.read(DUE_INDEX_KEY, checkDueIndex))?.value;
  return doc && doc.policyHash === policyHash(policy) ? doc.next : {};
}

export async function saveDueIndex(store: DocumentStore, policy: PolicyDocument, next: DueIndex): Promise<void> {
  const doc: DueIndexDocument = { schema: SCHEMA, policyHash: policyHash(policy), next };
  await store.put(DUE_INDEX_KEY, doc);
}

/** A bucket's state must be read when the index has no time for it, or that time has come. */
export function mustRead(index: DueIndex, bucket: string, now: Date): boolean {
  const at = index[bucket] === undefined ? NaN : Date.parse(index[bucket]!);
  return !Number.isFinite(at) || at <= now.getTime();
}

/**
 * When the bucket's state must be read again, after this run scheduled what was due: the earliest
 * next canary time of its rules (`nextCanaryAt`), capped at DUE_INDEX_MAX_MS. A rule with a pending check
 * adds nothing: its outcome is recorded by a verify run, which drops the bucket's entry (see
 * `dropRecorded`), so the bucket is read again right after.
 */
export function nextReadAt(policy: PolicyDocument, state: BucketState, pending: PendingCanaryKeys, now: Date): string {
  let next = now.getTime() + DUE_INDEX_MAX_MS;
  for (const rule of state.rules) {
    if (!policy.policies[rule.policy] || !state.region || pending.has(state.bucket, rule.ruleId)) continue;
    next = Math.min(next, nextCanaryAt(policy, state, rule) ?? now.getTime());
  }
  return new Date(next).toISOString();
}

/** The index to store: entries of buckets no longer managed go; buckets whose canaries were just recorded are read next run. */
export function nextIndex(old: DueIndex, updates: DueIndex, managed: readonly string[], recorded: ReadonlySet<string>): DueIndex {
  const out: Record<string, string> = {};
  for (const bucket of managed) {
    const at = updates[bucket] ?? old[bucket];
    if (at !== undefined && !recorded.has(bucket)) out[bucket] = at;
  }
  return out;
}

/** Same entries: nothing to write (an unchanged index costs no PUT). */
export function sameIndex(a: DueIndex, b: DueIndex): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
