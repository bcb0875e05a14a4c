import type { ParityStatus } from '../progress';
import { readShardDocument, shardCheck, writeShard, type ShardDocument } from './bucketIndex';
import { isRecord } from './documentChecks';
import { parityShardKey } from './keys';
import type { DocumentStore, OwnedRule } from './types';

/**
 * `monitor/parity/<h>.json` (h: bucketShardOf, so at most 16): what the parity audit says of each owned
 * rule of the managed buckets whose name hashes there, for the monitor, which turns it into `parity`
 * and `audit-failing` incidents. Only audit runs write them (the audit function and `cli audit`, under
 * the `audit-run` lease that also serialises every write of an audit document), each at the end of a
 * run with the status of every document that run left behind, so the monitor learns a rule's parity
 * from one shard that changes only when an audit ran instead of reading `audit/<bucket>/<rule>.json`
 * per rule per run (see functions/monitor/parity.ts for why that is safe).
 */

/** The audit's word on one owned rule. */
export interface RuleParity {
  /**
   * The `createdAt` of the rule record the audit judged. A rule recorded again under the same id (its
   * source deleted and re-created, a policy changed and changed back) has another one, so an entry
   * about the rule's earlier life is never taken for the new one.
   */
  readonly ruleCreatedAt: string;
  /** Absent while the rule has no audit document, or one without a pass yet (parityStatus). */
  readonly status?: ParityStatus;
}

/** Per owned rule id. */
export type BucketParity = Readonly<Record<string, RuleParity>>;

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isText = (v: unknown): boolean => typeof v === 'string';

/** The first problem with a stored ParityStatus, or undefined: what evaluateProgress and the digest read. */
function statusProblem(status: unknown): string | undefined {
  if (!isRecord(status)) return 'is not an object';
  if (status['pass'] !== 'current' && status['pass'] !== 'last') return 'pass is neither current nor last';
  const counts = ['matched', 'missing', 'different', 'unreplicable'].find((name) => !isCount(status[name]));
  if (counts !== undefined) return `${counts} is not a count`;
  if (!isText(status['passStartedAt'])) return 'passStartedAt is not a string';
  const keys = status['sampleKeys'];
  if (!Array.isArray(keys) || !keys.every(isText)) return 'sampleKeys is not a list of keys';
  if (status['coverage'] !== undefined && typeof status['coverage'] !== 'number') return 'coverage is not a number';
  if (status['lastFullPassEndedAt'] !== undefined && !isText(status['lastFullPassEndedAt'])) return 'lastFullPassEndedAt is not a string';
  const failing = status['failing'];
  if (failing === undefined) return undefined;
  const ok =
    isRecord(failing) && isText(failing['since']) && isCount(failing['runs']) && isText(failing['error']) && isText(failing['errorCode']);
  return ok ? undefined : 'failing is not a count of failed runs with their error';
}

/** The first problem with the parity entries of one bucket, or undefined. */
export function bucketParityProblem(bucket: string, entry: unknown): string | undefined {
  if (!isRecord(entry)) return `${bucket} is not an object`;
  for (const [ruleId, rule] of Object.entries(entry)) {
    if (!isRecord(rule) || !isText(rule['ruleCreatedAt'])) return `${bucket}.${ruleId}.ruleCreatedAt is not a string`;
    const problem = rule['status'] === undefined ? undefined : statusProblem(rule['status']);
    if (problem !== undefined) return `${bucket}.${ruleId}.status ${problem}`;
  }
  return undefined;
}

// Marked pure so that a bundle which never reads the shard (bucket-events, reconcile, verify) leaves its checks out.
const checkParityShard = /* @__PURE__ */ shardCheck<BucketParity>(bucketParityProblem);

/** One shard with its ETag; empty and without one when it does not exist or could not be used (moved aside by the store). */
export function readParityShard(store: DocumentStore, shard: string): Promise<ShardDocument<BucketParity>> {
  return readShardDocument(store, parityShardKey(shard), checkParityShard);
}

/** The entries in name order, so that the same parity is the same bytes and keeps its ETag. */
function sorted(buckets: ReadonlyMap<string, BucketParity>): Map<string, BucketParity> {
  const byName = <T>(entries: Iterable<[string, T]>): [string, T][] => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(byName(buckets).map(([bucket, rules]) => [bucket, Object.fromEntries(byName(Object.entries(rules)))]));
}

/**
 * Writes one shard when its entries differ from `before` (the audit's run lease is held), or deletes
 * it once no bucket is left in it. A run that changed nothing writes nothing, so the ETag the monitor
 * compares stays the same.
 * @returns whether it wrote
 */
export async function writeParityShard(
  store: DocumentStore,
  shard: string,
  buckets: ReadonlyMap<string, BucketParity>,
  before: ShardDocument<BucketParity>,
): Promise<boolean> {
  const next = sorted(buckets);
  const same = (m: ReadonlyMap<string, BucketParity>): string => JSON.stringify([...m]);
  if (before.eTag !== undefined && same(next) === same(sorted(before.entries))) return false;
  if (before.eTag === undefined && next.size === 0) return false;
  await writeShard(store, parityShardKey(shard), next);
  return true;
}

/**
 * The parity status of each of `rules` that the entries describe: an entry counts only for the rule
 * record it was made for (same id, same createdAt).
 */
export function parityOfRules(rules: readonly OwnedRule[], parity: BucketParity | undefined): Map<string, ParityStatus> {
  const out = new Map<string, ParityStatus>();
  for (const rule of rules) {
    const entry = parity?.[rule.ruleId];
    if (entry?.status && entry.ruleCreatedAt === rule.createdAt) out.set(rule.ruleId, entry.status);
  }
  return out;
}
