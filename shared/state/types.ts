/**
 * Durable state in an OSS bucket (env STATE_BUCKET): small JSON documents and create-only leases.
 * Nothing is kept only in memory between invocations.
 */
import type { RuleProgressSample } from '../progress';
import type { DocumentCheck } from './documentChecks';

export interface StoredDocument<T> {
  readonly value: T;
  /** ETag of the stored object, for logging and change detection. */
  readonly eTag: string;
}

export interface DocumentStore {
  /** The parsed document as stored, unchecked. CorruptDocumentError when it is not JSON. */
  get<T>(key: string): Promise<StoredDocument<T> | undefined>;
  /**
   * The document, checked. One that is not JSON, fails `check` or is too large to read is moved aside
   * to `quarantine/<key>.<stamp>` (create-only: one reader wins and reports it), removed, and read as
   * absent, so the caller continues from a fresh document instead of failing on every run.
   */
  read<T>(key: string, check: DocumentCheck<T>): Promise<StoredDocument<T> | undefined>;
  /** @returns the ETag of the stored document (without quotes), as `get` and `entries` report it. */
  put<T>(key: string, value: T): Promise<string>;
  /** Create-only write (`x-oss-forbid-overwrite`). False when the key already exists. */
  create<T>(key: string, value: T): Promise<boolean>;
  /** `put` or `create` that answers with the stored document's ETag (undefined: a create found the key taken). */
  write<T>(key: string, value: T, options: { readonly createOnly: boolean }): Promise<string | undefined>;
  /** Deleting a missing key is not an error. */
  delete(key: string, options?: DeleteOptions): Promise<void>;
  /** Keys under a prefix, in lexicographic order (all pages). */
  list(prefix: string): Promise<string[]>;
  /** Keys under a prefix with the ETag of each (the same listing, the same cost as `list`). */
  entries(prefix: string): Promise<StoredEntry[]>;
}

/** One key of a listing and the ETag of what it holds (without quotes: the form StoredDocument.eTag compares to). */
export interface StoredEntry {
  readonly key: string;
  readonly eTag: string;
}

export interface DeleteOptions {
  /**
   * One attempt, abandoned after this many ms, never retried: for a delete that must land before a
   * known time or not at all (a lease object; see leases.ts). A backend without network ignores it.
   */
  readonly singleAttemptMs?: number;
}

/** A document moved aside by `DocumentStore.read`. */
export interface QuarantineReport {
  /** The key it had, relative to the store's prefix. */
  readonly key: string;
  /** Where its bytes (or, when too large to read, a note about it) now are. */
  readonly movedTo: string;
  /** Why it could not be used, e.g. `not valid JSON`, `schema 7 is not 1, ...`. */
  readonly reason: string;
  readonly at: string;
}

/** Told once per quarantined document version; must not throw (errors are ignored). */
export type QuarantineListener = (report: QuarantineReport) => void | Promise<void>;

export interface Lease {
  readonly name: string;
  readonly owner: string;
  readonly expiresAt: string;
  release(): Promise<void>;
}

export interface LeaseManager {
  /** Undefined when someone else holds a live lease on `name`. */
  acquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
  /** Removes a lease unused for `idleMs` (a name that will not be used again); true when none is left. */
  forget?(name: string, idleMs: number): Promise<boolean>;
}

/* ---- Per-bucket state document (`buckets/<bucket>.json`), added by shared/state ---- */

export const BUCKET_STATE_SCHEMA = 1;

/** A replication rule this system created (its id carries the owner prefix). */
export interface OwnedRule {
  readonly ruleId: string;
  /** Policy name that produced the rule. */
  readonly policy: string;
  readonly destinationBucket: string;
  readonly destinationRegion: string;
  readonly createdAt: string;
}

/** The last plan computed for the bucket: what would change and why. */
export interface PlanRecord {
  readonly at: string;
  readonly dryRun: boolean;
  /** Free-form plan entries as produced by shared/replication (kept small). */
  readonly changes: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

export type CanaryOutcome = 'pending' | 'arrived' | 'mismatch' | 'missing' | 'error';

export interface CanaryRecord {
  readonly ruleId: string;
  readonly key: string;
  readonly writtenAt: string;
  readonly checkedAt?: string;
  readonly outcome: CanaryOutcome;
  readonly latencyMs?: number;
  readonly detail?: string;
}

export interface BucketState {
  readonly schema: typeof BUCKET_STATE_SCHEMA;
  readonly bucket: string;
  readonly region?: string;
  readonly updatedAt: string;
  readonly rules: readonly OwnedRule[];
  readonly lastPlan?: PlanRecord;
  /** Newest last, bounded (see MAX_CANARY_HISTORY). */
  readonly canaries: readonly CanaryRecord[];
  /** Newest last, bounded (see MAX_PROGRESS_SAMPLES). */
  readonly progress: readonly RuleProgressSample[];
  // No incidents here: they live in alerts/state.json (monitor) and alerts/blocked.json (blocked
  // buckets). Documents written before may carry an `incidents` list nothing wrote; it is dropped on read.
}
