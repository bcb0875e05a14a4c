import type { PolicyDocument } from '../policy/runtime';
import type { DigestRow } from '../progress';
import type { AlertMessage } from './types';

/** What a digest needs of one managed rule: the policy that made it and its row. */
export interface DigestSource {
  readonly policyName: string;
  readonly row: DigestRow;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Start of the newest slot of a digest schedule (`hourly` or `daily@HH:MM`, UTC) at or before `now`. */
export function digestSlot(schedule: string, now: Date): Date | undefined {
  if (schedule === 'hourly') return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const match = /^daily@(\d\d):(\d\d)$/.exec(schedule);
  if (!match) return undefined;
  const day = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const slot = day + Number(match[1]) * HOUR_MS + Number(match[2]) * 60_000;
  return new Date(slot > now.getTime() ? slot - DAY_MS : slot);
}

/** Due when no digest went out since the schedule's newest slot began (or none ever did). */
export function digestDue(schedule: string, last: string | undefined, now: Date): boolean {
  const slot = digestSlot(schedule, now);
  return slot !== undefined && (last === undefined || Date.parse(last) < slot.getTime());
}

/**
 * One digest per channel, summarising every managed rule whose policy sends digests there. A channel
 * is due when any of those policies' schedules is. CloudMonitor channels get one on every run: they
 * turn digests into custom metrics (lag, backfill, canary latency), which want regular data points.
 */
export function dueDigests(
  policy: PolicyDocument,
  views: readonly DigestSource[],
  lastDigestAt: Readonly<Record<string, string>>,
  now: Date,
): AlertMessage[] {
  const out: AlertMessage[] = [];
  for (const [channel, config] of Object.entries(policy.channels)) {
    const policies = Object.values(policy.policies).filter((p) => p.alerts.channels.includes(channel));
    const metrics = config.type === 'cloudmonitor';
    const schedules = policies.map((p) => p.alerts.digest).filter((d): d is string => d !== null);
    const due = metrics ? policies.length > 0 : schedules.some((d) => digestDue(d, lastDigestAt[channel], now));
    if (!due) continue;
    const names = new Set(policies.filter((p) => metrics || p.alerts.digest !== null).map((p) => p.name));
    const rows = views.filter((v) => names.has(v.policyName)).map((v) => v.row);
    if (rows.length === 0) continue;
    out.push({ kind: 'digest', digest: { at: now.toISOString(), title: 'Replication progress', rows }, to: [channel] });
  }
  return out;
}
