import type { DigestRow } from '../../progress/types';
import type { AlertMessage, Digest, Notification } from '../types';
import { KIND_TITLES } from './model';

/** One `EventInfo.N` entry of PutCustomEvent, in API casing (pop-core flattens nested keys as-is). */
export interface CustomEventInfo {
  readonly EventName: string;
  /** JSON in a string. */
  readonly Content: string;
  /** Unix milliseconds. */
  readonly Time: string;
  readonly GroupId: string;
}

/** One `MetricList.N` entry of PutCustomMetric. */
export interface CustomMetricItem {
  readonly MetricName: string;
  /** `0`: raw value. */
  readonly Type: '0';
  readonly GroupId: string;
  readonly Values: string;
  readonly Dimensions: string;
  readonly Time: string;
}

export const METRIC_NAMES = {
  lag: 'replication_lag_seconds',
  backfill: 'historical_progress',
  canaryLatency: 'canary_latency_seconds',
  canarySuccess: 'canary_success',
} as const;

/** `backfill-stalled` -> `ReplicationBackfillStalled`: one event name per kind so alarm rules can match it. */
export function eventName(n: Notification): string {
  const camel = n.incident.kind.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `Replication${camel}${n.type === 'resolved' ? 'Resolved' : n.type === 'retired' ? 'Retired' : ''}`;
}

function notificationEvent(n: Notification, groupId: string): CustomEventInfo {
  const i = n.incident;
  const content = {
    type: n.type, title: KIND_TITLES[i.kind], key: i.key, severity: i.severity,
    bucket: i.rule.bucket, region: i.rule.region, ruleId: i.rule.ruleId,
    destinationBucket: i.rule.destinationBucket, destinationRegion: i.rule.destinationRegion,
    summary: i.summary, hint: i.hint, openedAt: i.openedAt, flaps: i.flaps, facts: i.facts,
  };
  return { EventName: eventName(n), Content: JSON.stringify(content), Time: String(Date.parse(n.at)), GroupId: groupId };
}

function digestEvent(d: Digest, groupId: string): CustomEventInfo {
  return { EventName: 'ReplicationProgressDigest', Content: JSON.stringify({ title: d.title, rows: d.rows }), Time: String(Date.parse(d.at)), GroupId: groupId };
}

/** PutCustomEvent entries for a message: one per notification. */
export function renderCloudMonitorEvents(message: AlertMessage, groupId = '0'): CustomEventInfo[] {
  switch (message.kind) {
    case 'notification':
      return [notificationEvent(message.notification, groupId)];
    case 'batch':
      return message.notifications.map((n) => notificationEvent(n, groupId));
    case 'digest':
      return [digestEvent(message.digest, groupId)];
  }
}

function rowMetrics(row: DigestRow, time: string, groupId: string): CustomMetricItem[] {
  // `<`, `>` and `:` are outside CloudMonitor's dimension alphabet; bucket names and rule ids are inside it.
  const Dimensions = JSON.stringify({ src: row.rule.bucket, dst: row.rule.destinationBucket, rule: row.rule.ruleId });
  const item = (MetricName: string, value: number): CustomMetricItem => ({ MetricName, Type: '0', GroupId: groupId, Values: JSON.stringify({ value }), Dimensions, Time: time });
  const out: CustomMetricItem[] = [];
  if (row.lagSeconds !== undefined) out.push(item(METRIC_NAMES.lag, Math.round(row.lagSeconds)));
  if (row.backfill !== undefined) out.push(item(METRIC_NAMES.backfill, row.backfill));
  if (row.lastCanary) out.push(item(METRIC_NAMES.canarySuccess, row.lastCanary.ok ? 1 : 0));
  if (row.lastCanary?.latencySeconds !== undefined) out.push(item(METRIC_NAMES.canaryLatency, row.lastCanary.latencySeconds));
  return out;
}

/** PutCustomMetric entries for a digest: lag, backfill fraction and canary result/latency per rule. */
export function renderCloudMonitorMetrics(digest: Digest, groupId = '0'): CustomMetricItem[] {
  const time = String(Date.parse(digest.at));
  return digest.rows.flatMap((r) => rowMetrics(r, time, groupId));
}
