import { randomUUID } from 'node:crypto';
import type { DocumentStore, Lease, LeaseManager } from './types';
import { CorruptDocumentError, DocumentTooLargeError, StateError } from './errors';
import { bucketLeaseName, leaseKey, leasePrefix, takeoverAttempt, takeoverKey, takeoverPrefix } from './keys';
import { BRIEF_LEASE_WAIT, BUCKET_WRITE_LEASE_TTL_MS, leaseDeleteMarginMs, TAKEOVER_TTL_MS } from './leaseTimings';

/** Body of a lease object (`leases/<name>/current`) and of a takeover marker. */
export interface LeaseDocument {
  readonly name: string;
  readonly owner: string;
  /** Random per acquisition: names this acquisition (takeover markers, our own create after a lost answer). */
  readonly token: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

/** A held lease; `token` extends the `Lease` contract. */
export interface HeldLease extends Lease {
  readonly token: string;
}

export interface LeaseManagerOptions {
  readonly now?: () => Date;
  readonly newToken?: () => string;
}

/** The lease object as found: its token (a stand-in for a broken one) and whether it still holds. */
interface Found {
  readonly token: string;
  readonly document?: LeaseDocument;
  readonly alive: boolean;
}

/**
 * Leases over any DocumentStore with the one conditional write OSS has, the create-only PUT
 * (`x-oss-forbid-overwrite`), and plain DELETEs. A free lease costs one create-only PUT of
 * `leases/<name>/current` and one DELETE to release it; a busy one, the refused PUT and one GET.
 *
 * Why it is safe:
 * 1. Of racing creates of the lease object exactly one succeeds: that caller holds the lease.
 * 2. The object leaves only by a DELETE, and every DELETE of it is sent by someone with the right to
 *    it (the holder, or the one winner of a takeover, 3.), only while that right has at least the
 *    delete margin left (leaseDeleteMarginMs), in one attempt abandoned within half the margin. The
 *    other half covers clock skew, so the DELETE lands before any rival can see the right expire,
 *    or not at all. A DELETE can therefore never remove a later acquisition's object: a holder that
 *    overran its lease does not release it (it expires on its own), and no retried DELETE lands late.
 * 3. An expired (or unreadable) object is removed by a takeover: callers race to create the marker
 *    `takeover/<token>/<n>` for that object's token, n = 1 first; the one winner re-reads the object
 *    and deletes it only if it is still that acquisition. Markers of a token are never deleted while
 *    the object carries that token (tokens are unique, so once it is gone it never returns), hence
 *    each marker number is won once. A winner that died leaves a marker that expires
 *    (TAKEOVER_TTL_MS); the next caller creates n+1, and by 2. the dead winner's DELETE can no
 *    longer land. After the takeover every caller races on the lease object again (1.).
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

  async acquire(name: string, owner: string, ttlMs: number): Promise<HeldLease | undefined> {
    if (!Number.isInteger(ttlMs) || ttlMs <= 0)
      throw new StateError('InvalidLeaseTtl', `lease ttl must be a positive integer of ms, got ${ttlMs}`);
    const mine = this.document(name, owner, ttlMs);
    if (await this.store.create(leaseKey(name), mine)) return this.held(mine);
    const found = await this.find(name);
    // A create answered "exists" for our own object after a lost answer: the token tells.
    if (found?.token === mine.token) return this.held(mine);
    if (found?.alive === true) return undefined;
    if (found !== undefined && !(await this.remove(name, found, owner))) return undefined;
    return (await this.store.create(leaseKey(name), mine)) ? this.held(mine) : undefined;
  }

  /** The current holder, if any (for status displays; never use it to decide ownership). */
  async holder(name: string): Promise<LeaseDocument | undefined> {
    const found = await this.find(name);
    return found?.alive === true ? found.document : undefined;
  }

  /**
   * Deletes everything of a lease nobody has used for `idleMs` (its object expired at least that long
   * ago, or there is none), for a name that is done with: a deleted bucket's lease would otherwise
   * leave its takeover markers (and, from earlier versions, its generation objects) forever. The
   * object itself goes through a takeover (rule 3), so it is never removed under a new holder.
   * @returns true when nothing of the lease is left; false while it is live, recent, unreadable or taken again.
   */
  async forget(name: string, idleMs: number): Promise<boolean> {
    const found = await this.find(name);
    if (found !== undefined) {
      const deadSince = Date.parse(found.document?.expiresAt ?? '');
      if (found.alive || Number.isNaN(deadSince) || this.now().getTime() - deadSince < idleMs) return false;
      if (!(await this.remove(name, found, 'forget'))) return false;
    }
    const keys = await this.store.list(leasePrefix(name));
    // Someone acquired the name meanwhile: it is in use again, and its object stays.
    for (const key of keys.filter((k) => k !== leaseKey(name))) await this.store.delete(key);
    return !keys.includes(leaseKey(name));
  }

  /** The lease object, or undefined when there is none. Garbage in it (not JSON, no expiry) cannot hold a lease. */
  private async find(name: string): Promise<Found | undefined> {
    try {
      const stored = await this.store.get<unknown>(leaseKey(name));
      if (stored === undefined) return undefined;
      if (!isLeaseDocument(stored.value)) return { token: `invalid:${stored.eTag}`, alive: false };
      return { token: stored.value.token, document: stored.value, alive: this.alive(stored.value) };
    } catch (error) {
      if (error instanceof CorruptDocumentError || error instanceof DocumentTooLargeError) return { token: 'unreadable', alive: false };
      throw error;
    }
  }

  private alive(document: LeaseDocument): boolean {
    const expiresAt = Date.parse(document.expiresAt);
    return !Number.isNaN(expiresAt) && expiresAt > this.now().getTime();
  }

  /** Rule 3: removes the dead object `dead`, as the one winner of its takeover. True when the object is gone. */
  private async remove(name: string, dead: Found, owner: string): Promise<boolean> {
    const right = await this.winTakeover(name, dead.token, owner);
    if (!right) return false;
    // An earlier winner whose marker expired may have removed it, and someone may hold it again.
    const now = await this.find(name);
    if (now === undefined) return true;
    if (now.token !== dead.token || !(await this.deleteWhileHeld(right))) return false;
    // Markers of this token are garbage now: the object never carries that token again.
    const prefix = takeoverPrefix(name, dead.token);
    for (const key of await this.store.list(prefix)) await this.store.delete(key).catch(() => undefined);
    return true;
  }

  /** Creates the next takeover marker of `deadToken` when no live one exists; the marker is the right to delete. */
  private async winTakeover(name: string, deadToken: string, owner: string): Promise<LeaseDocument | undefined> {
    const first = this.document(name, owner, TAKEOVER_TTL_MS);
    if (await this.store.create(takeoverKey(name, deadToken, 1), first)) return first;
    const prefix = takeoverPrefix(name, deadToken);
    const attempts = (await this.store.list(prefix)).map((k) => takeoverAttempt(prefix, k)).filter((n): n is number => n !== undefined);
    const last = Math.max(1, ...attempts);
    const marker = await this.readDocument(takeoverKey(name, deadToken, last));
    if (marker?.token === first.token) return first;
    if (marker !== undefined && this.alive(marker)) return undefined;
    const next = this.document(name, owner, TAKEOVER_TTL_MS);
    return (await this.store.create(takeoverKey(name, deadToken, last + 1), next)) ? next : undefined;
  }

  private async readDocument(key: string): Promise<LeaseDocument | undefined> {
    try {
      const value = (await this.store.get<unknown>(key))?.value;
      return isLeaseDocument(value) ? value : undefined;
    } catch (error) {
      if (error instanceof CorruptDocumentError || error instanceof DocumentTooLargeError) return undefined;
      throw error;
    }
  }

  /**
   * Rule 2: deletes the lease object while `right` (our lease, or our takeover marker) has the delete
   * margin left, in one attempt abandoned within half of it. False when too late or when the attempt
   * failed: then the object stays until it expires and is taken over.
   */
  private async deleteWhileHeld(right: LeaseDocument): Promise<boolean> {
    const ttl = Date.parse(right.expiresAt) - Date.parse(right.acquiredAt);
    const margin = leaseDeleteMarginMs(ttl);
    if (Date.parse(right.expiresAt) - this.now().getTime() < margin) return false;
    try {
      await this.store.delete(leaseKey(right.name), { singleAttemptMs: Math.max(1, Math.floor(margin / 2)) });
      return true;
    } catch {
      return false;
    }
  }

  private document(name: string, owner: string, ttlMs: number): LeaseDocument {
    const acquiredAt = this.now();
    const expiresAt = new Date(acquiredAt.getTime() + ttlMs);
    return { name, owner, token: this.newToken(), acquiredAt: acquiredAt.toISOString(), expiresAt: expiresAt.toISOString() };
  }

  /** Release never throws: a lease it could not (or, past its margin, must not) delete expires on its own. */
  private held(document: LeaseDocument): HeldLease {
    let released: Promise<void> | undefined;
    return {
      name: document.name,
      owner: document.owner,
      expiresAt: document.expiresAt,
      token: document.token,
      release: () => (released ??= this.deleteWhileHeld(document).then(() => undefined)),
    };
  }
}

function isLeaseDocument(value: unknown): value is LeaseDocument {
  const doc = value as Partial<LeaseDocument> | null;
  return (
    typeof doc === 'object' &&
    doc !== null &&
    typeof doc.expiresAt === 'string' &&
    typeof doc.token === 'string' &&
    typeof doc.acquiredAt === 'string' &&
    typeof doc.name === 'string'
  );
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
