import type { AlertMessage, Notification } from '../../../shared/alerts';
import type { RuleIdentity } from '../../../shared/progress';

export const rule: RuleIdentity = {
  bucket: 'src-bucket',
  region: 'cn-hangzhou',
  ruleId: 'autopilot-dr-1',
  destinationBucket: 'src-bucket-dr',
  destinationRegion: 'cn-beijing',
};

export function notification(i = 0, type: Notification['type'] = 'opened'): Notification {
  const r = { ...rule, bucket: `src-bucket-${i}` };
  const at = new Date().toISOString();
  return {
    type,
    at,
    incident: {
      key: `${r.bucket}/${r.ruleId}/lag-high`,
      kind: 'lag-high',
      severity: 'warning',
      rule: r,
      summary: `New objects written to ${r.bucket} in the last 16 min may not be in ${r.destinationBucket} yet.`,
      hint: 'Check the destination.',
      facts: { lagSeconds: 960 },
      state: 'open',
      openedAt: at,
      lastSeenAt: at,
      lastNotifiedAt: at,
      reminders: 0,
      flaps: 0,
    },
  };
}

export const message = (i = 0): AlertMessage => ({ kind: 'notification', notification: notification(i) });

export const noSleep = async (): Promise<void> => undefined;
