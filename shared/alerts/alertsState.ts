import {
  ALERTS_STATE_KEY,
  arrayProblem,
  type Checked,
  type DocumentStore,
  invalid,
  isRecord,
  schemaProblem,
  stringMapProblem,
  valid,
} from '../state';
import { incidentsProblem } from './incidents';
import type { RateLimitState } from './rateLimit';
import { readTimeline, type TimelineEntry } from './timeline';
import type { AlertMessage, Incident } from './types';

/** The monitor's own document (`alerts/state.json`): written only by the monitor, under its run lease `monitor-run`. */
export const ALERTS_STATE_SCHEMA = 1;

/** A message a channel did not take; resent on the next runs until it goes out or grows too old. */
export interface StoredMessage {
  readonly message: AlertMessage;
  /** When it was first made. */
  readonly since: string;
}

export interface AlertsState {
  readonly schema: typeof ALERTS_STATE_SCHEMA;
  readonly updatedAt: string;
  /** Open and clearing incidents, passed back to reconcileIncidents on the next run. */
  readonly incidents: readonly Incident[];
  /** Per-minute request budgets of rate-limited channels (DingTalk, WeCom), shared across runs. */
  readonly rateLimit: RateLimitState;
  readonly undelivered: readonly StoredMessage[];
  /** Channel name -> time of its last progress digest. */
  readonly lastDigestAt: Readonly<Record<string, string>>;
  /**
   * Source buckets found deleted and retired -> when. An entry means the "no longer managed" message
   * went out: a run that stopped before deleting the bucket's documents finishes without a second one.
   * Dropped once the bucket's lease is forgotten, or when the bucket is managed again.
   */
  readonly retired: Readonly<Record<string, string>>;
  /** What happened to incidents, newest last and bounded (see timeline.ts). */
  readonly timeline: readonly TimelineEntry[];
}

export function emptyAlertsState(now: Date): AlertsState {
  const empty = { incidents: [], rateLimit: { sent: {} }, undelivered: [], lastDigestAt: {}, retired: {}, timeline: [] };
  return { schema: ALERTS_STATE_SCHEMA, updatedAt: now.toISOString(), ...empty };
}

function rateLimitProblem(doc: Record<string, unknown>): string | undefined {
  if (doc['rateLimit'] === undefined) return undefined;
  const sent = isRecord(doc['rateLimit']) ? doc['rateLimit']['sent'] : undefined;
  const ok = isRecord(sent) && Object.values(sent).every((times) => Array.isArray(times) && times.every((t) => typeof t === 'number'));
  return ok ? undefined : 'rateLimit.sent is not lists of times';
}

function undeliveredProblem(doc: Record<string, unknown>): string | undefined {
  const shape = arrayProblem(doc, 'undelivered', ['since']);
  if (shape !== undefined) return shape;
  const i = ((doc['undelivered'] ?? []) as Array<Record<string, unknown>>).findIndex((m) => !isRecord(m['message']));
  return i < 0 ? undefined : `undelivered[${i}].message is not an object`;
}

/** Schema 1 and every part the monitor reads in the shape it reads it. */
export function checkAlertsState(value: unknown): Checked<Partial<AlertsState>> {
  const doc = value as Record<string, unknown>;
  const problem =
    schemaProblem(value, ALERTS_STATE_SCHEMA) ??
    incidentsProblem(doc, 'incidents') ??
    rateLimitProblem(doc) ??
    undeliveredProblem(doc) ??
    stringMapProblem(doc, 'lastDigestAt') ??
    stringMapProblem(doc, 'retired');
  return problem === undefined ? valid(doc as Partial<AlertsState>) : invalid(problem);
}

/**
 * Reads `alerts/state.json`. One this code cannot use is moved aside to `quarantine/` by the store
 * (logged and alerted once) and the monitor continues from a fresh one: open incidents may alert
 * again, which beats a monitor that fails on every run.
 */
export async function loadAlertsState(store: DocumentStore, now: Date): Promise<AlertsState> {
  const stored = await store.read(ALERTS_STATE_KEY, checkAlertsState);
  return stored ? { ...emptyAlertsState(now), ...stored.value, timeline: readTimeline(stored.value.timeline) } : emptyAlertsState(now);
}

export async function saveAlertsState(store: DocumentStore, state: AlertsState, now: Date): Promise<void> {
  await store.put(ALERTS_STATE_KEY, { ...state, updatedAt: now.toISOString() });
}
