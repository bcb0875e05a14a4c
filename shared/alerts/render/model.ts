import { describeRoute, type DigestRow, type FindingKind, formatDuration, formatPercent } from '../../progress';
import type { AlertMessage, Digest, Notification, NotificationType } from '../types';

/**
 * A channel-neutral message: every renderer maps this one shape to its own markup, so all channels say
 * the same things in the same order.
 */
export interface Doc {
  /** Plain text, one line. */
  readonly title: string;
  readonly sections: readonly DocSection[];
}

export interface DocSection {
  readonly heading: string;
  /** The first line is the headline sentence; labelled lines follow. */
  readonly lines: readonly DocLine[];
}

export interface DocLine {
  readonly label?: string;
  readonly text: string;
}

export const KIND_TITLES: Readonly<Record<FindingKind, string>> = {
  'backfill-stalled': 'Backfill stalled',
  'lag-high': 'Replication lag too high',
  'rule-starting-too-long': 'Rule stuck in starting',
  'rule-gone': 'Replication rule gone',
  'destination-gone': 'Destination bucket gone',
  'canary-failing': 'Canary failing',
  'canary-overdue': 'Canary overdue',
  'replication-blocked': 'Replication blocked',
  'state-bucket-unusable': 'State bucket unusable',
  'state-document-quarantined': 'State document quarantined',
  parity: 'Objects missing at the destination',
  'audit-failing': 'Parity audit failing',
};

/** Kinds about the system's own state bucket rather than a replication route. */
const STATE_KINDS: ReadonlySet<FindingKind> = new Set(['state-bucket-unusable', 'state-document-quarantined']);

const TYPE_TAGS: Readonly<Record<NotificationType, string>> = {
  opened: 'ALERT',
  reminder: 'STILL OPEN',
  resolved: 'RESOLVED',
  retired: 'NO LONGER MANAGED',
};

export function notificationTitle(n: Notification): string {
  const i = n.incident;
  const title = n.type === 'retired' ? 'Source bucket deleted' : KIND_TITLES[i.kind];
  if (STATE_KINDS.has(i.kind)) return `[${TYPE_TAGS[n.type]}] ${title}: ${i.rule.bucket}`;
  return `[${TYPE_TAGS[n.type]}] ${title}: ${i.rule.bucket} → ${i.rule.destinationBucket}`;
}

function notificationSection(n: Notification): DocSection {
  const i = n.incident;
  const openFor = formatDuration((Date.parse(n.at) - Date.parse(i.openedAt)) / 1000);
  const closed = n.type === 'resolved' || n.type === 'retired';
  const where: DocLine[] = STATE_KINDS.has(i.kind)
    ? [{ label: 'State bucket', text: i.rule.region ? `${i.rule.bucket} (${i.rule.region})` : i.rule.bucket }]
    : [
        { label: 'Route', text: describeRoute(i.rule) },
        { label: 'Rule', text: i.rule.ruleId },
      ];
  const lines: DocLine[] = [
    { text: n.type === 'resolved' ? `Recovered: ${i.summary}` : i.summary },
    ...where,
    { label: 'Severity', text: i.severity },
    { label: closed ? 'Was open for' : 'Open since', text: closed ? openFor : `${i.openedAt} (${openFor})` },
  ];
  if (n.type !== 'resolved') lines.push({ label: 'What to do', text: i.hint });
  if (i.flaps > 0) lines.push({ label: 'Flapped', text: `${i.flaps} time(s) while open` });
  return { heading: notificationTitle(n), lines };
}

function etaText(row: DigestRow): string {
  if (row.backfill === undefined) return 'n/a';
  const pct = formatPercent(row.backfill);
  const eta = row.eta;
  if (!eta || eta.kind === 'complete') return pct;
  if (eta.kind === 'unknown') return `${pct} (ETA unknown: ${eta.reason === 'not-moving' ? 'not moving' : 'not enough samples'})`;
  return `${pct} (ETA ${formatDuration(eta.seconds)})`;
}

function canaryText(row: DigestRow, at: string): string {
  const c = row.lastCanary;
  if (!c) return 'none yet';
  const ago = formatDuration((Date.parse(at) - Date.parse(c.at)) / 1000);
  if (!c.ok) return `FAILED ${ago} ago: ${c.diagnosis ?? 'no diagnosis'}`;
  return c.latencySeconds === undefined ? `ok ${ago} ago` : `ok ${ago} ago (latency ${formatDuration(c.latencySeconds)})`;
}

function parityText(p: NonNullable<DigestRow['parity']>): string {
  const cannot = p.unreplicable > 0 ? `, ${p.unreplicable} the rule cannot replicate` : '';
  const found = `${p.matched} matched, ${p.missing} missing, ${p.different} different${cannot}`;
  const covered = p.coverage === undefined ? '' : `, ${formatPercent(p.coverage)} covered`;
  const pass = p.pass === 'current' ? `pass under way${covered}` : 'last full pass';
  return `${found} (${pass}${p.lastFullPassEndedAt ? `; last full pass ended ${p.lastFullPassEndedAt}` : ''})`;
}

function digestSection(row: DigestRow, at: string): DocSection {
  const lines: DocLine[] = [
    { label: 'Rule', text: row.rule.ruleId },
    { label: 'Status', text: row.status },
    { label: 'Backfill', text: etaText(row) },
    { label: 'Lag', text: row.lagSeconds === undefined ? 'n/a' : formatDuration(row.lagSeconds) },
    { label: 'Last canary', text: canaryText(row, at) },
  ];
  if (row.parity) lines.push({ label: 'Parity', text: parityText(row.parity) });
  if (row.findings.length > 0) lines.push({ label: 'Open problems', text: row.findings.map((k) => KIND_TITLES[k]).join(', ') });
  return { heading: describeRoute(row.rule), lines };
}

export function digestDoc(d: Digest): Doc {
  const problems = d.rows.filter((r) => r.findings.length > 0).length;
  const title = `${d.title ?? 'Replication progress'}: ${d.rows.length} rule(s), ${problems} with problems`;
  return { title, sections: d.rows.map((r) => digestSection(r, d.at)) };
}

export function notificationsDoc(ns: readonly Notification[]): Doc {
  const title = ns.length === 1 ? notificationTitle(ns[0]!) : `${ns.length} replication alerts`;
  return { title, sections: ns.map(notificationSection) };
}

/** The neutral document for any message. */
export function toDoc(m: AlertMessage): Doc {
  switch (m.kind) {
    case 'notification':
      return notificationsDoc([m.notification]);
    case 'batch':
      return notificationsDoc(m.notifications);
    case 'digest':
      return digestDoc(m.digest);
  }
}
