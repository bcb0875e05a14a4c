import { incidentsProblem } from '../../shared/alerts/incidents';
import { arrayProblem, invalid, isRecord, schemaProblem, stringMapProblem, valid, type Checked } from '../../shared/state/check';
import type { DocumentStore } from '../../shared/state/types';
import { ALERTS_STATE_KEY } from '../../shared/state/keys';
import { ALERTS_STATE_SCHEMA, type AlertsState } from './types';

export function emptyAlertsState(now: Date): AlertsState {
  return { schema: ALERTS_STATE_SCHEMA, updatedAt: now.toISOString(), incidents: [], rateLimit: { sent: {} }, undelivered: [], lastDigestAt: {}, retired: {} };
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
  return stored ? { ...emptyAlertsState(now), ...stored.value } : emptyAlertsState(now);
}

export async function saveAlertsState(store: DocumentStore, state: AlertsState, now: Date): Promise<void> {
  await store.put(ALERTS_STATE_KEY, { ...state, updatedAt: now.toISOString() });
}
