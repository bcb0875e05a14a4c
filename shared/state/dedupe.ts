import { CorruptDocumentError } from './errors';
import { EVENTS_PREFIX, processedEventKey } from './keys';
import type { DocumentStore } from './types';

/** Body of `events/<sha256>.json`. */
export interface ProcessedEvent {
  readonly eventId: string;
  readonly processedAt: string;
}

/**
 * Records an event id create-only. False means another delivery of the same event got there first
 * (EventBridge delivers at least once). If the work that follows fails with a retryable error,
 * call `forgetEvent` before rethrowing, or FC's retry would be dropped as a duplicate.
 * @example if (!(await markEventProcessed(store, trigger.eventId, now))) return { duplicate: true };
 */
export function markEventProcessed(store: DocumentStore, eventId: string, now: Date): Promise<boolean> {
  const record: ProcessedEvent = { eventId, processedAt: now.toISOString() };
  return store.create(processedEventKey(eventId), record);
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
    if (error instanceof CorruptDocumentError) return Number.NaN;
    throw error;
  }
}

/** The listing starting at fraction `start` of its length, wrapping round. */
function rotate(keys: readonly string[], start: number): string[] {
  const fraction = Number.isFinite(start) ? start - Math.floor(start) : 0;
  const at = Math.floor(fraction * keys.length);
  return [...keys.slice(at), ...keys.slice(0, at)];
}
