import { CorruptDocumentError, DocumentTooLargeError } from './errors';
import { EVENTS_PREFIX, processedEventKey } from './keys';
import type { DocumentStore } from './types';

/** Body of `events/<sha256>.json`. */
export interface ProcessedEvent {
  readonly eventId: string;
  readonly processedAt: string;
  /**
   * The time by which the claiming invocation is certainly over (its FC timeout). Records without it
   * (written by earlier versions on completion, or without a claim time) never expire.
   */
  readonly claimedUntil?: string;
}

/**
 * What a delivery found when it claimed its event: `claimed` (this delivery does the work),
 * `duplicate` (another delivery's claim is still within its time, or the record never expires), or
 * `expired` (a claim whose time has passed).
 */
export type EventClaim = 'claimed' | 'duplicate' | 'expired';

/**
 * Claims an event id create-only: the one write per event (EventBridge delivers at least once).
 * Nothing completes a claim, because a completion would be a second write per event; so an expired
 * claim may belong to an invocation that finished or to one that died mid-work (timeout, OOM, crash),
 * and the delivery that finds it does the work again: ensure is idempotent, so it finds everything in
 * place when the first one finished (the caller reports a duplicate) and does the work when it died.
 * If the work after `claimed` ends retryable, call `forgetEvent`, or FC's retry (within the claim's
 * time) would be dropped as a duplicate.
 * @example if ((await claimEvent(store, trigger.eventId, now, deadlineAt)) === 'duplicate') return 'duplicate';
 */
export async function claimEvent(store: DocumentStore, eventId: string, now: Date, claimUntil?: Date): Promise<EventClaim> {
  const record: ProcessedEvent = {
    eventId,
    processedAt: now.toISOString(),
    ...(claimUntil ? { claimedUntil: claimUntil.toISOString() } : {}),
  };
  if (await store.create(processedEventKey(eventId), record)) return 'claimed';
  return expired(await readRecord(store, eventId), now) ? 'expired' : 'duplicate';
}

function expired(record: ProcessedEvent | undefined, now: Date): boolean {
  if (record?.claimedUntil === undefined) return false;
  const until = Date.parse(record.claimedUntil);
  return Number.isNaN(until) || until <= now.getTime();
}

async function readRecord(store: DocumentStore, eventId: string): Promise<ProcessedEvent | undefined> {
  try {
    return (await store.get<ProcessedEvent>(processedEventKey(eventId)))?.value;
  } catch (error) {
    // Not ours to judge: stays a duplicate.
    if (error instanceof CorruptDocumentError || error instanceof DocumentTooLargeError) return undefined;
    throw error;
  }
}

/** Undoes `claimEvent` so that a retried delivery is processed again. */
export function forgetEvent(store: DocumentStore, eventId: string): Promise<void> {
  return store.delete(processedEventKey(eventId));
}

export interface CleanupResult {
  readonly examined: number;
  readonly deleted: number;
}

/**
 * Deletes processed-event records older than `maxAgeMs`, examining at most `limit` records per call
 * (each needs a GET to learn its age). Keys are hashes, so age says nothing about position: `start`
 * (a fraction 0..1 of the listing, wrapping round) lets successive calls with different starts reach
 * every record instead of re-reading the same young ones at the front. An OSS lifecycle rule on
 * `events/` does the same job for free; reconcile calls this so that buckets without the rule stay
 * bounded too.
 */
export async function cleanupProcessedEvents(
  store: DocumentStore,
  options: { readonly now: Date; readonly maxAgeMs: number; readonly limit?: number; readonly start?: number },
): Promise<CleanupResult> {
  const cutoff = options.now.getTime() - options.maxAgeMs;
  const keys = rotate(await store.list(EVENTS_PREFIX), options.start ?? 0).slice(0, options.limit ?? 500);
  let deleted = 0;
  for (const key of keys) {
    const at = await processedAt(store, key);
    if (at !== undefined && (Number.isNaN(at) || at < cutoff)) {
      await store.delete(key);
      deleted += 1;
    }
  }
  return { examined: keys.length, deleted };
}

/** Epoch ms; NaN for a record that is corrupt (deletable); undefined when it is already gone. */
async function processedAt(store: DocumentStore, key: string): Promise<number | undefined> {
  try {
    const record = await store.get<ProcessedEvent>(key);
    return record === undefined ? undefined : Date.parse(String(record.value?.processedAt));
  } catch (error) {
    if (error instanceof CorruptDocumentError || error instanceof DocumentTooLargeError) return Number.NaN;
    throw error;
  }
}

/** The listing starting at fraction `start` of its length, wrapping round. */
function rotate(keys: readonly string[], start: number): string[] {
  const fraction = Number.isFinite(start) ? start - Math.floor(start) : 0;
  const at = Math.floor(fraction * keys.length);
  return [...keys.slice(at), ...keys.slice(0, at)];
}
