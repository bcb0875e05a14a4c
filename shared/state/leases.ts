import { randomUUID } from 'node:crypto';
import type { DocumentStore, Lease, LeaseManager } from './types';
import { CorruptDocumentError, DocumentTooLargeError, StateError } from './errors';
import { bucketLeaseName, leaseGeneration, leaseKey, leasePrefix } from './keys';
import { BRIEF_LEASE_WAIT, BUCKET_WRITE_LEASE_TTL_MS } from './leaseTimings';

/** Body of one lease generation object. */
export interface LeaseDocument {
  readonly name: string;
  readonly owner: string;
  readonly generation: number;
  /** Random per acquisition: tells our own create apart from a rival's after an ambiguous write. */
  readonly token: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
  /** A tombstone written by release: the lease is free. */
  readonly released?: boolean;
}

/** A held lease; `generation` and `token` are extensions of the `Lease` contract. */
export interface GenerationLease extends Lease {
  readonly generation: number;
  readonly token: string;
}

export interface LeaseManagerOptions {
  readonly now?: () => Date;
  readonly newToken?: () => string;
}

/**
 * Leases over any DocumentStore using only create-only writes, because OSS has no conditional
 * overwrite. Every acquisition and every release creates a new generation object
 * `leases/<name>/<generation>`; the highest existing generation is the lease's state.
 *
 * Invariant: every generation below the highest existing one is dead (released, expired, or a
 * loser's leftover that its creator disowned). Three rules keep it:
 * 1. The highest generation object is never deleted, so the highest number only grows. That is
 *    why release writes a tombstone generation instead of deleting its own object: deleting the
 *    top would let numbers be reused, and an acquirer holding a stale listing could then create a
 *    "free" number while a newer lease is live.
 * 2. Generation g+1 is created create-only and only after g was seen dead, so of racing
 *    acquirers exactly one creates it.
 * 3. After creating, the acquirer lists again and wins only if its generation is still the
 *    highest. A stale acquirer can re-create a number that garbage collection removed, but a
 *    higher one then exists (rule 1), so it backs off.
 * Everything below the winner's generation is garbage and is deleted opportunistically.
 * Expiry compares `expiresAt` with the injected clock, so holders and rivals need roughly
 * synchronised clocks (FC instances are NTP-synced); keep TTLs far above any skew.
 * @example const lease = await leases.acquire(`bucket-${bucket}`, requestId, 60_000); if (!lease) return 'busy';
 */
export class DocumentLeaseManager implements LeaseManager {
  private readonly now: () => Date;
  private readonly newToken: () => string;

  constructor(
    private readonly store: DocumentStore,
    options: LeaseManagerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newToken = options.newToken ?? randomUUID;
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<GenerationLease | undefined> {
    if (!Number.isInteger(ttlMs) || ttlMs <= 0)
      throw new StateError('InvalidLeaseTtl', `lease ttl must be a positive integer of ms, got ${ttlMs}`);
    const highest = last(await this.generations(name)) ?? 0;
    if (highest > 0 && (await this.isLive(name, highest))) return undefined;
    const document = this.document(name, owner, highest + 1, ttlMs);
    if (!(await this.createGeneration(document))) return undefined;
    const after = await this.generations(name);
    if ((last(after) ?? 0) > document.generation) {
      await this.deleteQuietly(name, document.generation);
      return undefined;
    }
    await Promise.all(after.filter((g) => g < document.generation).map((g) => this.deleteQuietly(name, g)));
    return this.lease(document);
  }

  /** The current holder, if any (for status displays; never use it to decide ownership). */
  async holder(name: string): Promise<LeaseDocument | undefined> {
    const highest = last(await this.generations(name));
    if (highest === undefined) return undefined;
    const document = await this.read(name, highest);
    return document !== undefined && this.alive(document) ? document : undefined;
  }

  /**
   * Deletes every generation of a lease nobody has used for `idleMs` (its newest generation is dead,
   * released or expired, since at least that long), for a name that is done with: the lease of a
   * deleted bucket would otherwise keep its last tombstone forever. This is the one place rule 1 is
   * set aside, and it is safe because of the wait: an acquirer that listed the dead top generation
   * creates the next one within seconds (one GET and one PUT later), so once the top has been dead far
   * longer than that nobody still acts on such a listing, and a later acquirer starting from nothing
   * at generation 1 is alone. Keep `idleMs` at minutes or more.
   * @returns true when nothing of the lease is left; false while it is live, recent or unreadable.
   */
  async forget(name: string, idleMs: number): Promise<boolean> {
    const generations = await this.generations(name);
    const highest = last(generations);
    if (highest === undefined) return true;
    const top = await this.read(name, highest);
    if (top === undefined || this.alive(top)) return false;
    const deadSince = Date.parse(top.expiresAt);
    if (Number.isNaN(deadSince) || this.now().getTime() - deadSince < idleMs) return false;
    // Lower generations first: a crash half-way leaves the top, so the lease stays consistent.
    for (const g of generations) await this.store.delete(leaseKey(name, g));
    return true;
  }

  private async generations(name: string): Promise<number[]> {
    const prefix = leasePrefix(name);
    const keys = await this.store.list(prefix);
    return keys
      .map((key) => leaseGeneration(prefix, key))
      .filter((g): g is number => g !== undefined)
      .sort((a, b) => a - b);
  }

  private async isLive(name: string, generation: number): Promise<boolean> {
    const document = await this.read(name, generation);
    return document !== undefined && this.alive(document);
  }

  private alive(document: LeaseDocument): boolean {
    const expiresAt = Date.parse(document.expiresAt);
    return document.released !== true && !Number.isNaN(expiresAt) && expiresAt > this.now().getTime();
  }

  /** Undefined when the generation vanished (collected between list and get) or cannot be a lease. */
  private async read(name: string, generation: number): Promise<LeaseDocument | undefined> {
    try {
      const value: unknown = (await this.store.get<unknown>(leaseKey(name, generation)))?.value;
      // Garbage in a lease object (not JSON, `null`, no expiry, too large) cannot hold a lease;
      // treating it as dead keeps the lock usable instead of failing every later run.
      return isLeaseDocument(value) ? value : undefined;
    } catch (error) {
      if (error instanceof CorruptDocumentError || error instanceof DocumentTooLargeError) return undefined;
      throw error;
    }
  }

  /**
   * A create can report "exists" for our own write when a retried PUT follows a lost response;
   * the token tells the two cases apart.
   */
  private async createGeneration(document: LeaseDocument): Promise<boolean> {
    if (await this.store.create(leaseKey(document.name, document.generation), document)) return true;
    const existing = await this.read(document.name, document.generation);
    return existing?.token === document.token;
  }

  /** Best effort: a generation left behind is below the highest, hence dead, and collected later. */
  private async deleteQuietly(name: string, generation: number): Promise<void> {
    await this.store.delete(leaseKey(name, generation)).catch(() => undefined);
  }

  private document(name: string, owner: string, generation: number, ttlMs: number): LeaseDocument {
    const acquiredAt = this.now();
    const expiresAt = new Date(acquiredAt.getTime() + ttlMs);
    return { name, owner, generation, token: this.newToken(), acquiredAt: acquiredAt.toISOString(), expiresAt: expiresAt.toISOString() };
  }

  /**
   * Release writes tombstone g+1 (create-only: if g+1 exists, someone already took over after our
   * expiry and there is nothing to release), then deletes our own generation, now dead.
   */
  private async release(document: LeaseDocument): Promise<void> {
    const releasedAt = this.now().toISOString();
    const tombstone: LeaseDocument = {
      ...document,
      generation: document.generation + 1,
      token: this.newToken(),
      acquiredAt: releasedAt,
      expiresAt: releasedAt,
      released: true,
    };
    await this.store.create(leaseKey(document.name, tombstone.generation), tombstone);
    await this.deleteQuietly(document.name, document.generation);
  }

  private lease(document: LeaseDocument): GenerationLease {
    let released: Promise<void> | undefined;
    return {
      name: document.name,
      owner: document.owner,
      expiresAt: document.expiresAt,
      generation: document.generation,
      token: document.token,
      release: () => (released ??= this.release(document)),
    };
  }
}

function isLeaseDocument(value: unknown): value is LeaseDocument {
  const doc = value as Partial<LeaseDocument> | null;
  return typeof doc === 'object' && doc !== null && typeof doc.expiresAt === 'string' && typeof doc.token === 'string';
}

function last(values: readonly number[]): number | undefined {
  return values[values.length - 1];
}

/**
 * How long to keep trying for a lease someone else holds. At least one bound applies: `tries` counts
 * acquire calls (the first included), `forMs` caps the time spent waiting (no pause goes past it).
 * With neither, one try.
 */
export interface LeaseWait {
  readonly tries?: number;
  readonly forMs?: number;
  /** The pause after failed try `attempt` (1-based). */
  readonly delayMs: (attempt: number) => number;
}

export interface LeaseWaitDeps {
  readonly sleep: (ms: number) => Promise<void>;
  /** Measures `forMs`; the wall clock by default. */
  readonly now?: () => Date;
}

/**
 * The one way to take a lease that may be busy: try, pause, try again, within `wait`'s bounds. A holder
 * is usually about to finish (ensure holds a bucket for seconds), so a short wait saves a deferred
 * write or a retried invocation. Timings live in leaseTimings.ts.
 * @returns undefined when the lease stayed busy for the whole wait.
 * @example const lease = await acquireLease(leases, { name: bucketLeaseName(bucket), owner: invocationId, ttlMs: BUCKET_WRITE_LEASE_TTL_MS }, BRIEF_LEASE_WAIT, { sleep });
 */
export async function acquireLease(
  leases: LeaseManager,
  request: { readonly name: string; readonly owner: string; readonly ttlMs: number },
  wait: LeaseWait,
  deps: LeaseWaitDeps,
): Promise<Lease | undefined> {
  const now = deps.now ?? (() => new Date());
  const tries = wait.tries ?? (wait.forMs === undefined ? 1 : Infinity);
  const until = wait.forMs === undefined ? Infinity : now().getTime() + Math.max(0, wait.forMs);
  for (let attempt = 1; ; attempt += 1) {
    const lease = await leases.acquire(request.name, request.owner, request.ttlMs);
    if (lease) return lease;
    const left = until - now().getTime();
    if (attempt >= tries || left <= 0) return undefined;
    await deps.sleep(Math.min(wait.delayMs(attempt), left));
  }
}

/** What withBucketWriteLease did: ran the write (`value` is what it returned), or found the lease busy and wrote nothing. */
export type LeasedWrite<T> = { readonly held: true; readonly value: T } | { readonly held: false };

/**
 * Runs `write` holding the bucket's lease (the one ensure holds while it rewrites buckets/<bucket>.json),
 * taken for a short document write: BUCKET_WRITE_LEASE_TTL_MS, waiting BRIEF_LEASE_WAIT for a holder to
 * finish. The lease is released after the write, whether it returned or threw.
 */
export async function withBucketWriteLease<T>(
  leases: LeaseManager,
  bucket: string,
  owner: string,
  deps: LeaseWaitDeps,
  write: () => Promise<T>,
): Promise<LeasedWrite<T>> {
  const lease = await acquireLease(
    leases,
    { name: bucketLeaseName(bucket), owner, ttlMs: BUCKET_WRITE_LEASE_TTL_MS },
    BRIEF_LEASE_WAIT,
    deps,
  );
  if (!lease) return { held: false };
  try {
    return { held: true, value: await write() };
  } finally {
    await lease.release();
  }
}
