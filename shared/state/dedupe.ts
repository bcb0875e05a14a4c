import { CorruptDocumentError, DocumentTooLargeError } from './errors';
import { EVENTS_PREFIX, processedEventKey } from './keys';
import type { DocumentStore } from './types';

/** Body of `events/<sha256>.json`. */
export interface ProcessedEvent {
  readonly eventId: string;
  readonly processedAt: string;
  /**
   * Set while the delivery that claimed the event is still working on it: the time by which that
   * invocation is certainly over (its FC timeout). A record still carrying it after that time was
   * left by an invocation that died (timeout, OOM, crash) before `completeEvent`.
   */
  readonly claimedUntil?: string;
}

/**
 * Claims an event id create-only. False means another delivery of the same event got there first
 * (EventBridge delivers at least once) and either finished it or is still within its claim.
 * With `claimUntil`, the record stays a claim until `completeEvent`: a claim whose time has passed
 * belongs to an invocation that died mid-work, and the next delivery (FC's retry of that very
 * invocation) takes it over instead of being dropped as a duplicate. If the work that follows fails
 * with a retryable error, call `forgetEvent` before rethrowing, or FC's retry would be dropped.
 * @example if (!(await markEventProcessed(store, trigger.eventId, now, deadlineAt))) return { duplicate: true };
 */
export async function markEventProcessed(store: DocumentStore, eventId: string, now: Date, claimUntil?: Date): Promise<boolean> {
  const record: ProcessedEvent = {
    eventId,
    processedAt: now.toISOString(),
    ...(claimUntil ? { claimedUntil: claimUntil.toISOString() } : {}),
  };
  if (await store.create(processedEventKey(eventId), record)) return true;
  if (!abandoned(await readRecord(store, eventId), now)) return false;
  // Two late deliveries may both take over; the work behind a claim (ensure) is idempotent.
  await store.put(processedEventKey(eventId), record);
  return true;
}

/** Turns a claim into a finished record: later deliveries of the event are duplicates. */
export function completeEvent(store: DocumentStore, eventId: string, now: Date): Promise<void> {
  const record: ProcessedEvent = { eventId, processedAt: now.toISOString() };
  return store.put(processedEventKey(eventId), record);
}

function abandoned(record: ProcessedEvent | undefined, now: Date): boolean {
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

/** Undoes `markEventProcessed` so that a retried delivery is processed again. */
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
