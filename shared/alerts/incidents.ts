import type { Finding } from '../progress';
import type { Incident, Notification } from './types';

export interface IncidentOptions {
  /** No second alert for an incident inside this period; also how long a finding must stay clear to resolve. */
  readonly quietMinutes: number;
  /** A still-open incident is reminded once, this long after the last alert (never inside the quiet period). */
  readonly reminderMinutes: number;
  /** Consecutive clear evaluations needed before resolving, on top of the quiet hold time. Default 1. */
  readonly resolveAfterClearSamples?: number;
  /** Reminders per incident. Default 1. */
  readonly maxReminders?: number;
}

export interface ReconcileResult {
  /** Incidents still open or clearing: store these and pass them back next time. */
  readonly incidents: Incident[];
  readonly notifications: Notification[];
}

/**
 * The first problem with a stored list of incidents (alerts/state.json, alerts/blocked.json), or
 * undefined: what reconcileIncidents and the renderers read without checking must be there.
 */
export function incidentsProblem(doc: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const list = doc[field];
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return `${field} is not a list`;
  for (const [i, entry] of list.entries()) {
    const e = entry as Record<string, unknown> | null;
    const rule = e?.['rule'] as Record<string, unknown> | null | undefined;
    if (typeof e !== 'object' || e === null) return `${field}[${i}] is not an object`;
    const text = ['key', 'kind', 'state', 'openedAt', 'lastSeenAt', 'lastNotifiedAt', 'summary'].find((f) => typeof e[f] !== 'string');
    if (text !== undefined) return `${field}[${i}].${text} is not a string`;
    if (typeof rule !== 'object' || rule === null || typeof rule['bucket'] !== 'string' || typeof rule['ruleId'] !== 'string')
      return `${field}[${i}].rule is incomplete`;
    if (typeof e['facts'] !== 'object' || e['facts'] === null) return `${field}[${i}].facts is not an object`;
  }
  return undefined;
}

const minutesSince = (iso: string, now: Date): number => (now.getTime() - Date.parse(iso)) / 60000;

/** A new incident for a finding first seen at `now` (ISO): open, notified now, no reminder or flap yet. */
export function openIncident(f: Finding, now: string): Incident {
  return {
    key: f.key,
    kind: f.kind,
    severity: f.severity,
    rule: f.rule,
    summary: f.summary,
    hint: f.hint,
    facts: f.facts,
    state: 'open',
    openedAt: now,
    lastSeenAt: now,
    lastNotifiedAt: now,
    reminders: 0,
    flaps: 0,
  };
}

/** The finding is (again) present: refresh the words, reopen a clearing incident, remind when due. */
function stillPresent(inc: Incident, f: Finding, now: Date, o: IncidentOptions): { incident: Incident; notify: boolean } {
  const nowIso = now.toISOString();
  const { clearedAt: _c, clearSamples: _s, ...rest } = inc;
  const refreshed: Incident = {
    ...rest,
    severity: f.severity,
    summary: f.summary,
    hint: f.hint,
    facts: f.facts,
    state: 'open',
    lastSeenAt: nowIso,
    flaps: inc.state === 'clearing' ? inc.flaps + 1 : inc.flaps,
  };
  const wait = Math.max(o.reminderMinutes, o.quietMinutes);
  const due = refreshed.reminders < (o.maxReminders ?? 1) && minutesSince(inc.lastNotifiedAt, now) >= wait;
  if (!due) return { incident: refreshed, notify: false };
  return { incident: { ...refreshed, reminders: refreshed.reminders + 1, lastNotifiedAt: nowIso }, notify: true };
}

/** The finding is absent: start or continue the hold; resolved once it stayed clear long enough. */
function absent(inc: Incident, now: Date, o: IncidentOptions): { incident: Incident; resolved: boolean } {
  const clearing: Incident =
    inc.state === 'open'
      ? { ...inc, state: 'clearing', clearedAt: now.toISOString(), clearSamples: 1 }
      : { ...inc, clearSamples: (inc.clearSamples ?? 0) + 1 };
  const held = minutesSince(clearing.clearedAt ?? now.toISOString(), now) >= o.quietMinutes;
  const enough = (clearing.clearSamples ?? 0) >= (o.resolveAfterClearSamples ?? 1);
  return { incident: clearing, resolved: held && enough };
}

/**
 * Moves incidents forward given the complete set of current findings for the rules they cover.
 * A new finding opens an incident and alerts; a persisting one stays quiet until one reminder is due;
 * a finding that clears and returns within the hold time keeps its incident open (counted as a flap)
 * instead of alerting again; an incident resolves, with one recovery message, only after its finding
 * stayed clear for `quietMinutes` (and `resolveAfterClearSamples` evaluations).
 * Pass only incidents whose rules were evaluated: an incident without a finding counts as clear.
 */
export function reconcileIncidents(
  open: readonly Incident[],
  findings: readonly Finding[],
  now: Date,
  options: IncidentOptions,
): ReconcileResult {
  const at = now.toISOString();
  const byKey = new Map(findings.map((f) => [f.key, f]));
  const incidents: Incident[] = [];
  const notifications: Notification[] = [];
  for (const inc of open) {
    const f = byKey.get(inc.key);
    byKey.delete(inc.key);
    if (f) {
      const { incident, notify } = stillPresent(inc, f, now, options);
      incidents.push(incident);
      if (notify) notifications.push({ type: 'reminder', at, incident });
    } else {
      const { incident, resolved } = absent(inc, now, options);
      if (resolved) notifications.push({ type: 'resolved', at, incident });
      else incidents.push(incident);
    }
  }
  for (const f of byKey.values()) {
    const incident = openIncident(f, at);
    incidents.push(incident);
    notifications.push({ type: 'opened', at, incident });
  }
  return { incidents, notifications };
}
