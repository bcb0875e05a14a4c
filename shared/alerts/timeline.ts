/**
 * What happened to incidents (opened, reminded, resolved, retired), newest last and bounded: kept
 * beside the open incidents in the document that keeps them (the monitor's `alerts/state.json`, the
 * blocked-bucket memory's `alerts/blocked.json`), so an operator can see an incident that already
 * resolved. It only informs: an entry this code cannot read is dropped, never a reason to set the
 * whole document aside (which would lose the open incidents with it).
 */
import { isRecord } from '../state';
import type { Notification, NotificationType } from './types';

/** Entries kept per document: days of a normal deployment's transitions, a few tens of KB. */
export const MAX_TIMELINE_ENTRIES = 100;

export interface TimelineEntry {
  readonly at: string;
  readonly type: NotificationType;
  /** The incident's key (`<bucket>/<ruleId>/<kind>`): entries of one incident share it. */
  readonly key: string;
  readonly kind: string;
  readonly severity: string;
  readonly bucket: string;
  readonly ruleId: string;
  readonly summary: string;
}

const TYPES: ReadonlySet<string> = new Set<NotificationType>(['opened', 'reminder', 'resolved', 'retired']);
const TEXT_FIELDS = ['at', 'key', 'kind', 'severity', 'bucket', 'ruleId', 'summary'] as const;

export function timelineEntry(n: Notification): TimelineEntry {
  const { key, kind, severity, rule, summary } = n.incident;
  return { at: n.at, type: n.type, key, kind, severity, bucket: rule.bucket, ruleId: rule.ruleId, summary };
}

/** The entries of a stored timeline that have every field; anything else (an old document has none) reads as empty. */
export function readTimeline(value: unknown): TimelineEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is TimelineEntry => isRecord(e) && TYPES.has(e['type'] as string) && TEXT_FIELDS.every((f) => typeof e[f] === 'string'),
  );
}

/** The timeline after `notifications`, oldest first, at most `max` entries (the oldest go first). */
export function appendTimeline(
  timeline: readonly TimelineEntry[],
  notifications: readonly Notification[],
  max: number = MAX_TIMELINE_ENTRIES,
): TimelineEntry[] {
  const next = [...timeline, ...notifications.map(timelineEntry)].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return next.slice(-Math.max(0, max));
}
