/**
 * Durable state in an OSS bucket (env STATE_BUCKET): small JSON documents and create-only leases.
 * Nothing is kept only in memory between invocations.
 */

export interface StoredDocument<T> {
  readonly value: T;
  /** ETag of the stored object, for logging and change detection. */
  readonly eTag: string;
}

export interface DocumentStore {
  get<T>(key: string): Promise<StoredDocument<T> | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  /** Create-only write (`x-oss-forbid-overwrite`). False when the key already exists. */
  create<T>(key: string, value: T): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix, in lexicographic order (all pages). */
  list(prefix: string): Promise<string[]>;
}

export interface Lease {
  readonly name: string;
  readonly owner: string;
  readonly expiresAt: string;
  release(): Promise<void>;
}

export interface LeaseManager {
  /** Undefined when someone else holds a live lease on `name`. */
  acquire(name: string, owner: string, ttlMs: number): Promise<Lease | undefined>;
}
