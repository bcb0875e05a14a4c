import { createHash } from 'node:crypto';
import { InvalidStateKeyError } from './errors';

/**
 * The key layout of the state bucket, in one place:
 *
 *   buckets/<bucket>.json                                  BucketState per managed source bucket
 *   canaries/pending/<dueISO>-<bucket>-<rule>.json         pending canary checks; ISO times sort
 *                                                          chronologically, so a listing is a queue
 *   events/<sha256(eventId)>.json                          processed event ids (dedupe)
 *   leases/<name>/current                                  the lease object (create-only, deleted on release)
 *   leases/<name>/takeover/<hash of token>/<n, 10 digits>  who may remove a dead lease object (create-only)
 *   runs/reconcile/<ISO>.json                              reconcile run summaries
 *   alerts/blocked.json                                    open blocked-bucket incidents (bucket-events
 *                                                          and reconcile, under the lease `alerts-blocked`)
 *   destinations/<bucket>.json                             destination buckets ensure created itself
 *   quarantine/<key>.<modified>-<etag>                     documents a reader could not use, moved aside
 *   alerts/state-bucket.json                               which state-bucket problem was alerted (plain PUT)
 *   alerts/state.json                                      the monitor's incidents, undelivered messages,
 *                                                          rate limits, digests (under the lease `monitor-run`)
 *   canaries/due-index.json                                when verify next reads each bucket (under `verify-run`)
 *   audit/<bucket>/<rule>.json                             parity audit of one rule: cursor, passes, re-checks
 *                                                          (written by the audit job under `audit-run`)
 *   audit/<bucket>/<rule>/found/<passStart>/<seq>.json     the missing and different keys a pass found, a
 *                                                          document per run (what resync works from)
 *   audit/<bucket>/<rule>/resync/<ISO>-<nonce>.json        keys `cli resync` copied (create-only), for the
 *                                                          next audit run to re-check first
 *   cache/replication-location/<region>.json               GetBucketReplicationLocation of a source region (plain PUT)
 *   index/buckets/<0-f>.json                               digests of the bucket documents whose name hashes there,
 *                                                          each with its document's ETag (reconcile, plain PUT)
 *   monitor/<0-f>.json                                     the monitor's view of the buckets whose name hashes
 *                                                          there, and their progress samples (under `monitor-run`)
 *   monitor/parity/<0-f>.json                              the parity status of each owned rule of those buckets,
 *                                                          for the monitor (written by the audit under `audit-run`;
 *                                                          under monitor/ so the monitor's one listing gives its ETag)
 */

export const BUCKETS_PREFIX = 'buckets/';
export const PENDING_CANARIES_PREFIX = 'canaries/pending/';
export const EVENTS_PREFIX = 'events/';
export const LEASES_PREFIX = 'leases/';
export const RECONCILE_RUNS_PREFIX = 'runs/reconcile/';
export const BLOCKED_ALERTS_KEY = 'alerts/blocked.json';
export const CREATED_DESTINATIONS_PREFIX = 'destinations/';
export const QUARANTINE_PREFIX = 'quarantine/';
export const STATE_BUCKET_ALERT_KEY = 'alerts/state-bucket.json';
export const ALERTS_STATE_KEY = 'alerts/state.json';
export const AUDIT_PREFIX = 'audit/';
export const REPLICATION_LOCATION_PREFIX = 'cache/replication-location/';
export const BUCKET_INDEX_PREFIX = 'index/buckets/';
export const MONITOR_SHARDS_PREFIX = 'monitor/';
/**
 * Inside the monitor's prefix, not under `audit/`: there `audit/<name>/` belongs to the bucket of that
 * name (a bucket may be called `parity`), and the monitor's listing of `monitor/` covers these too.
 */
export const PARITY_SHARDS_PREFIX = `${MONITOR_SHARDS_PREFIX}parity/`;
/** Beside `canaries/pending/`, outside it: a listing of pending checks never sees it. */
export const DUE_INDEX_KEY = 'canaries/due-index.json';

const ATTEMPT_DIGITS = 10;
export const MAX_TAKEOVER_ATTEMPT = 10 ** ATTEMPT_DIGITS - 1;

export function bucketStateKey(bucket: string): string {
  return `${BUCKETS_PREFIX}${segment('bucket name', bucket)}.json`;
}

/** The bucket a `buckets/<bucket>.json` key belongs to, or undefined for other keys. */
export function bucketFromStateKey(key: string): string | undefined {
  const match = /^buckets\/([^/]+)\.json$/.exec(key);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

export function pendingCanaryKey(dueAt: Date, bucket: string, ruleId: string): string {
  return `${PENDING_CANARIES_PREFIX}${dueAt.toISOString()}-${segment('bucket name', bucket)}-${segment('rule id', ruleId)}.json`;
}

/**
 * Due time of a pending canary key (the first 24 characters after the prefix are a
 * `toISOString()` value); undefined for keys that do not follow the layout.
 */
export function pendingCanaryDueAt(key: string): Date | undefined {
  if (!key.startsWith(PENDING_CANARIES_PREFIX)) return undefined;
  const iso = key.slice(PENDING_CANARIES_PREFIX.length, PENDING_CANARIES_PREFIX.length + 24);
  const time = Date.parse(iso);
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(iso) && !Number.isNaN(time) ? new Date(time) : undefined;
}

/**
 * Whether a pending canary key may belong to `bucket` (`<dueISO>-<bucket>-<rule>.json`). Bucket names
 * contain hyphens, so bucket `a` also matches the keys of bucket `a-b`: the document's own target
 * decides (see deleteBucketDocuments).
 */
export function mayBePendingCanaryOf(key: string, bucket: string): boolean {
  const rest = key.slice(PENDING_CANARIES_PREFIX.length + 24);
  return pendingCanaryDueAt(key) !== undefined && rest.startsWith(`-${encodeURIComponent(bucket)}-`);
}

/** What follows a pending key's due time: `-<bucket>-<rule>.json`. */
function pendingTail(bucket: string, ruleId: string): string {
  return `-${encodeURIComponent(bucket)}-${encodeURIComponent(ruleId)}.json`;
}

/** The tail of a key that follows the pending layout, undefined for any other key. */
function tailOfPendingKey(key: string): string | undefined {
  return pendingCanaryDueAt(key) === undefined ? undefined : key.slice(PENDING_CANARIES_PREFIX.length + 24);
}

/**
 * Whether a pending canary key names `bucket`'s rule `ruleId`: its whole tail is `-<bucket>-<rule>.json`,
 * so the keys of bucket `x-a` are not taken for those of `a`. Both names may hold hyphens, so bucket `a`
 * with rule `b-r` and bucket `a-b` with rule `r` share a key: the document's own target decides
 * (see checkPendingDocument).
 */
export function isPendingCanaryKeyOf(key: string, bucket: string, ruleId: string): boolean {
  return tailOfPendingKey(key) === pendingTail(bucket, ruleId);
}

/** True when some pending document (schedule, written canary or unrecorded outcome) of the rule is among `pendingKeys`. */
export function hasPendingCanary(pendingKeys: readonly string[], bucket: string, ruleId: string): boolean {
  return pendingKeys.some((k) => isPendingCanaryKeyOf(k, bucket, ruleId));
}

/**
 * The pending keys of a listing, looked up by rule. A run that asks about every rule of the account
 * (verify, per bucket it reads) would otherwise scan every key for every rule: rules x keys parses of a
 * due time, seconds of CPU at 10,000 buckets. Answers as hasPendingCanary does over the same keys.
 */
export class PendingCanaryKeys {
  private readonly byTail = new Map<string, string>();

  private constructor(
    keys: readonly string[],
    private readonly before?: PendingCanaryKeys,
  ) {
    for (const key of keys) {
      const tail = tailOfPendingKey(key);
      if (tail !== undefined && !this.byTail.has(tail)) this.byTail.set(tail, key);
    }
  }

  static of(keys: readonly string[]): PendingCanaryKeys {
    return new PendingCanaryKeys(keys);
  }

  /** These keys and `more` (a bucket's own new keys, say), without copying these. */
  with(more: readonly string[]): PendingCanaryKeys {
    return new PendingCanaryKeys(more, this);
  }

  /** The first key, in listing order, of the rule's pending document; undefined when it has none. */
  keyOf(bucket: string, ruleId: string): string | undefined {
    return this.before?.keyOf(bucket, ruleId) ?? this.byTail.get(pendingTail(bucket, ruleId));
  }

  has(bucket: string, ruleId: string): boolean {
    return this.keyOf(bucket, ruleId) !== undefined;
  }
}

/** Event ids are attacker-influenced text of any length; hashing gives a fixed, safe key. */
export function processedEventKey(eventId: string): string {
  return `${EVENTS_PREFIX}${createHash('sha256').update(eventId, 'utf8').digest('hex')}.json`;
}

/**
 * Lease names (each lease lives under `leases/<name>/`): one per source bucket, serialising ensure,
 * monitor, verify and retirement writes to its document; one per timer job's run; one for the
 * blocked-incident memory.
 */
export const bucketLeaseName = (bucket: string): string => `bucket:${bucket}`;
/** Serialises monitor runs: `alerts/state.json` has one writer at a time. */
export const MONITOR_LEASE = 'monitor-run';
/** Serialises verify runs: two runs must not check (and re-key) the same pending document. */
export const VERIFY_LEASE = 'verify-run';
/** Serialises audit runs (function and CLI): one writer per audit document and cursor. */
export const AUDIT_LEASE = 'audit-run';
/** Serialises the read-modify-write of `alerts/blocked.json` between bucket-events and reconcile. */
export const BLOCKED_ALERTS_LEASE = 'alerts-blocked';

export function leasePrefix(name: string): string {
  return `${LEASES_PREFIX}${segment('lease name', name)}/`;
}

/** The lease object: present while someone holds the lease (or left behind by a holder that died). */
export function leaseKey(name: string): string {
  return `${leasePrefix(name)}current`;
}

/**
 * Where the takeovers of one dead lease object are numbered. The token names that object's
 * acquisition; it is hashed because it may come from a broken or foreign object.
 */
export function takeoverPrefix(name: string, deadToken: string): string {
  return `${leasePrefix(name)}takeover/${createHash('sha256').update(deadToken, 'utf8').digest('hex').slice(0, 16)}/`;
}

export function takeoverKey(name: string, deadToken: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_TAKEOVER_ATTEMPT) {
    throw new InvalidStateKeyError('takeover attempt', String(attempt));
  }
  return `${takeoverPrefix(name, deadToken)}${String(attempt).padStart(ATTEMPT_DIGITS, '0')}`;
}

/** Attempt number of a takeover key under `prefix`, or undefined for anything else. */
export function takeoverAttempt(prefix: string, key: string): number | undefined {
  const rest = key.slice(prefix.length);
  return key.startsWith(prefix) && /^\d{10}$/.test(rest) ? Number(rest) : undefined;
}

/** Written before ensure creates a destination: proof that its versioning is ours to align. */
export function createdDestinationKey(bucket: string): string {
  return `${CREATED_DESTINATIONS_PREFIX}${segment('bucket name', bucket)}.json`;
}

/**
 * Where a bad document goes: its key, then the version's modification time and ETag, so that two
 * readers of one version pick the same key (the create-only write decides who reports it) and a later
 * bad version gets its own.
 */
export function quarantineKey(key: string, modified: Date, eTag: string | undefined): string {
  const stamp = modified
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const tag = (eTag ?? '').replace(/[^0-9A-Za-z]/g, '').slice(0, 8);
  return `${QUARANTINE_PREFIX}${key}.${stamp}${tag ? `-${tag}` : ''}`;
}

/** Everything the audit keeps for one source bucket (retired with the bucket). */
export function auditBucketPrefix(bucket: string): string {
  return `${AUDIT_PREFIX}${segment('bucket name', bucket)}/`;
}

export function auditDocumentKey(bucket: string, ruleId: string): string {
  return `${auditBucketPrefix(bucket)}${segment('rule id', ruleId)}.json`;
}

/** The rule an `audit/<bucket>/...` key belongs to, or undefined for keys that do not follow the layout. */
export function auditRuleOfKey(bucket: string, key: string): string | undefined {
  const prefix = auditBucketPrefix(bucket);
  if (!key.startsWith(prefix)) return undefined;
  const match = /^([^/]+?)(?:\.json$|\/)/.exec(key.slice(prefix.length));
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** The found-key documents of one pass, named by the pass's start (an ISO time). */
export function auditFoundPrefix(bucket: string, ruleId: string, passStartedAt: string): string {
  return `${auditBucketPrefix(bucket)}${segment('rule id', ruleId)}/found/${segment('pass start', passStartedAt)}/`;
}

export function auditFoundKey(bucket: string, ruleId: string, passStartedAt: string, sequence: number): string {
  return `${auditFoundPrefix(bucket, ruleId, passStartedAt)}${String(sequence).padStart(6, '0')}.json`;
}

export function auditResyncPrefix(bucket: string, ruleId: string): string {
  return `${auditBucketPrefix(bucket)}${segment('rule id', ruleId)}/resync/`;
}

export function auditResyncKey(bucket: string, ruleId: string, at: Date, nonce: string): string {
  return `${auditResyncPrefix(bucket, ruleId)}${at.toISOString()}-${segment('nonce', nonce)}.json`;
}

/**
 * The shard of `bucket` among documents that hold something of every managed bucket (the bucket
 * index, the monitor's): the first hex digit of the SHA-256 of its name, so 16 evenly filled shards.
 */
export function bucketShardOf(bucket: string): string {
  return createHash('sha256').update(bucket, 'utf8').digest('hex').slice(0, 1);
}

function shard(what: string, value: string): string {
  if (!/^[0-9a-f]$/.test(value)) throw new InvalidStateKeyError(what, value);
  return value;
}

export function bucketIndexKey(shardOf: string): string {
  return `${BUCKET_INDEX_PREFIX}${shard('bucket index shard', shardOf)}.json`;
}

export function monitorShardKey(shardOf: string): string {
  return `${MONITOR_SHARDS_PREFIX}${shard('monitor shard', shardOf)}.json`;
}

/** The shard a `monitor/<h>.json` key names, or undefined for other keys. */
export function monitorShardFromKey(key: string): string | undefined {
  return /^monitor\/([0-9a-f])\.json$/.exec(key)?.[1];
}

export function parityShardKey(shardOf: string): string {
  return `${PARITY_SHARDS_PREFIX}${shard('parity shard', shardOf)}.json`;
}

/** The shard a `monitor/parity/<h>.json` key names, or undefined for other keys. */
export function parityShardFromKey(key: string): string | undefined {
  return /^monitor\/parity\/([0-9a-f])\.json$/.exec(key)?.[1];
}

/** The cached replication location table of a source region (see replication/locationCache.ts). */
export function replicationLocationKey(region: string): string {
  return `${REPLICATION_LOCATION_PREFIX}${segment('region', region)}.json`;
}

export function reconcileRunKey(time: Date): string {
  return `${RECONCILE_RUNS_PREFIX}${time.toISOString()}.json`;
}

/** Start time of a `runs/reconcile/<ISO>.json` key; undefined for keys that do not follow the layout. */
export function reconcileRunTime(key: string): Date | undefined {
  const match = /^runs\/reconcile\/(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\.json$/.exec(key);
  const time = match?.[1] === undefined ? NaN : Date.parse(match[1]);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/**
 * One path segment. Percent-encoding keeps `/` in names from creating a nested prefix that a
 * listing of another name would pick up (lease `a` must not see lease `a/b`).
 */
function segment(what: string, value: string): string {
  if (value === '' || value.length > 255) throw new InvalidStateKeyError(what, value);
  return encodeURIComponent(value);
}
