import { StateError } from '../../shared/state/errors';
import type { DocumentStore } from '../../shared/state/types';
import { ALERTS_STATE_KEY, ALERTS_STATE_SCHEMA, type AlertsState } from './types';

export function emptyAlertsState(now: Date): AlertsState {
  return { schema: ALERTS_STATE_SCHEMA, updatedAt: now.toISOString(), incidents: [], rateLimit: { sent: {} }, undelivered: [], lastDigestAt: {}, retired: {} };
}

/** Reads `alerts/state.json`; refuses a document of another schema rather than overwrite it. */
export async function loadAlertsState(store: DocumentStore, now: Date): Promise<AlertsState> {
  const stored = await store.get<Partial<AlertsState>>(ALERTS_STATE_KEY);
  if (!stored) return emptyAlertsState(now);
  if (stored.value.schema !== ALERTS_STATE_SCHEMA) throw new StateError('UnsupportedSchema', `schema ${String(stored.value.schema)} is not ${ALERTS_STATE_SCHEMA}`, ALERTS_STATE_KEY);
  return { ...emptyAlertsState(now), ...stored.value };
}

export async function saveAlertsState(store: DocumentStore, state: AlertsState, now: Date): Promise<void> {
  await store.put(ALERTS_STATE_KEY, { ...state, updatedAt: now.toISOString() });
}
