import type { Finding, RuleIdentity } from '../../../shared/progress';
import type { Incident, Notification } from '../../../shared/alerts/types';

export const T0 = Date.parse('2024-05-20T00:00:00.000Z');
export const minute = (m: number): Date => new Date(T0 + m * 60000);

export const rule: RuleIdentity = {
  bucket: 'src-bucket',
  region: 'cn-hangzhou',
  ruleId: 'autopilot-dr-1',
  destinationBucket: 'src-bucket-dr',
  destinationRegion: 'cn-beijing',
};

export function stalled(r: RuleIdentity = rule): Finding {
  return {
    kind: 'backfill-stalled',
    key: `${r.bucket}/${r.ruleId}/backfill-stalled`,
    severity: 'warning',
    rule: r,
    summary: `Backfill of existing objects for ${r.bucket} (${r.region}) → ${r.destinationBucket} (${r.destinationRegion}), rule ${r.ruleId} is stuck at 42.0% for 35 min.`,
    hint: 'Check the replication role permissions.',
    facts: { backfill: 0.42, unchangedMinutes: 35 },
  };
}

export function incident(overrides: Partial<Incident> = {}): Incident {
  const f = stalled();
  return {
    key: f.key,
    kind: f.kind,
    severity: f.severity,
    rule: f.rule,
    summary: f.summary,
    hint: f.hint,
    facts: f.facts,
    state: 'open',
    openedAt: minute(0).toISOString(),
    lastSeenAt: minute(0).toISOString(),
    lastNotifiedAt: minute(0).toISOString(),
    reminders: 0,
    flaps: 0,
    ...overrides,
  };
}

export function notification(type: Notification['type'] = 'opened', r: RuleIdentity = rule): Notification {
  const f = stalled(r);
  return { type, at: minute(0).toISOString(), incident: incident({ key: f.key, rule: r, summary: f.summary }) };
}
