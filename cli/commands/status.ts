/**
 * `status [--bucket B] [--watch [--interval MS]] [--json]`: one table row per owned rule (like
 * `mc replicate status`): bucket, rule, destination, status, backfill and ETA, lag, last canary and
 * open incidents, read from the state bucket (and each source's size from GetBucketStat); then the
 * open incidents in words. `--watch` redraws it until interrupted.
 */
import { printable } from '../../shared/log';
import { formatDuration, formatPercent } from '../../shared/progress';
import { sleep as realSleep } from '../../shared/retry';
import type { ParsedCommand } from '../args';
import { auditCell, auditSummary } from '../auditText';
import { CliFailure, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { requireState, type CliServices } from '../services';
import { readStatus, type BucketStatusView, type IncidentView, type RuleStatusView, type StatusView } from '../statusView';
import { renderTable, type Column } from '../table';

export const DEFAULT_WATCH_INTERVAL_MS = 2000;

/** One table row: a rule, or a bucket without an owned rule (blocked, or only incidents). */
export interface StatusRow {
  readonly bucket: string;
  readonly view?: BucketStatusView;
  readonly rule?: RuleStatusView;
  readonly incidents: readonly IncidentView[];
}

const ago = (iso: string, now: Date): string => `${formatDuration((now.getTime() - Date.parse(iso)) / 1000)} ago`;

function backfillCell(rule: RuleStatusView): string {
  if (rule.backfill === undefined) return '-';
  const eta = rule.backfillEta;
  if (!eta || eta.kind === 'complete') return formatPercent(rule.backfill);
  if (eta.kind === 'estimated') return `${formatPercent(rule.backfill)} ETA ${formatDuration(eta.seconds)}`;
  return `${formatPercent(rule.backfill)}${eta.reason === 'not-moving' ? ' not moving' : ''}`;
}

/** A canary verify has yet to write or check: when its next step is due. */
function pendingCell(dueAt: string, now: Date): string {
  const seconds = (Date.parse(dueAt) - now.getTime()) / 1000;
  return seconds > 0 ? `pending, next step in ${formatDuration(seconds)}` : 'pending, next step due now';
}

function canaryCell(rule: RuleStatusView, now: Date): string {
  const c = rule.lastCanary;
  if (!c) return rule.canaryDueAt ? pendingCell(rule.canaryDueAt, now) : 'none yet';
  const when = ago(c.checkedAt ?? c.writtenAt, now);
  if (c.outcome === 'arrived') return `arrived${c.latencyMs !== undefined ? ` in ${c.latencyMs} ms` : ''}, ${when}`;
  return `${c.outcome}${rule.canaries.at(-1)?.diagnosis ? ` (${rule.canaries.at(-1)?.diagnosis?.code})` : ''}, ${when}`;
}

function incidentsCell(incidents: readonly IncidentView[]): string {
  if (incidents.length === 0) return '-';
  return `${incidents.length} (${[...new Set(incidents.map((i) => i.kind))].join(', ')})`;
}

/** The columns, in order; a new one (an audit result, say) is one more entry. */
export function statusColumns(now: Date): Column<StatusRow>[] {
  return [
    { header: 'BUCKET', cell: (r) => r.bucket },
    { header: 'RULE', cell: (r) => r.rule?.ruleId ?? '-' },
    { header: 'DESTINATION', cell: (r) => (r.rule ? `${r.rule.destination} (${r.rule.destinationRegion})` : '-') },
    { header: 'STATUS', cell: (r) => r.rule?.status ?? (r.rule ? 'not sampled yet' : (r.view?.lastOutcome ?? 'no state')) },
    { header: 'BACKFILL', cell: (r) => (r.rule ? backfillCell(r.rule) : '-') },
    { header: 'LAG', cell: (r) => (r.rule?.lagSeconds !== undefined ? formatDuration(r.rule.lagSeconds) : '-'), align: 'right' },
    { header: 'LAST CANARY', cell: (r) => (r.rule ? canaryCell(r.rule, now) : '-') },
    { header: 'AUDIT', cell: (r) => (r.rule?.audit ? auditCell(r.rule.audit) : '-') },
    { header: 'INCIDENTS', cell: (r) => incidentsCell(r.incidents) },
  ];
}

/** An incident names a rule, or (a blocked bucket) a rule not created yet: those go on the bucket's first row. */
export function statusRows(view: Pick<StatusView, 'buckets' | 'incidents'>): StatusRow[] {
  const rows: StatusRow[] = [];
  for (const b of view.buckets) {
    const ruleIds = new Set(b.rules.map((r) => r.ruleId));
    const loose = b.incidents.filter((i) => !ruleIds.has(i.ruleId));
    if (b.rules.length === 0) rows.push({ bucket: b.bucket, view: b, incidents: loose });
    b.rules.forEach((rule, n) => {
      const own = b.incidents.filter((i) => i.ruleId === rule.ruleId);
      rows.push({ bucket: b.bucket, view: b, rule, incidents: n === 0 ? [...own, ...loose] : own });
    });
  }
  const known = new Set(view.buckets.map((b) => b.bucket));
  for (const bucket of new Set(view.incidents.filter((i) => !known.has(i.bucket)).map((i) => i.bucket))) {
    rows.push({ bucket, incidents: view.incidents.filter((i) => i.bucket === bucket) });
  }
  return rows;
}

/** The summary may name object keys (a parity finding): the line is made printable whole. */
function incidentLine(i: IncidentView): string {
  const state = i.state === 'clearing' ? 'clearing' : 'open';
  return printable(`  ${i.bucket}: ${i.kind} (${i.severity}) on ${i.ruleId}, ${state} since ${i.openedAt}: ${i.summary}`);
}

/** The whole text of one status screen. */
export function renderStatus(view: StatusView): string[] {
  const now = new Date(view.readAt);
  const rows = statusRows(view);
  const lines = rows.length > 0 ? renderTable(statusColumns(now), rows) : ['No managed buckets in the state bucket yet.'];
  if (view.incidents.length > 0) lines.push('', `Open incidents (${view.incidents.length}):`, ...view.incidents.map(incidentLine));
  const audited = view.buckets.flatMap((b) =>
    b.rules.flatMap((r) => (r.audit ? [printable(`  ${b.bucket} ${r.ruleId}: ${auditSummary(r.audit)}`)] : [])),
  );
  if (audited.length > 0) lines.push('', 'Parity audits:', ...audited);
  lines.push(
    '',
    `${view.buckets.length} bucket(s), ${view.incidents.length} open incident(s), ${view.pendingCanaries} pending canary check(s).`,
  );
  return lines;
}

async function watch(cmd: ParsedCommand, read: () => Promise<StatusView>, io: CliIo): Promise<number> {
  const sleep = io.sleep ?? realSleep;
  const every = cmd.intervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  while (!io.stop?.aborted) {
    const view = await read();
    if (cmd.options.json) io.out(JSON.stringify({ command: 'status', ...view }));
    else {
      const screen = [
        `Every ${every < 1000 ? `${every} ms` : formatDuration(every / 1000)}: status at ${view.readAt} (Ctrl-C stops)`,
        '',
        ...renderStatus(view),
      ].join('\n');
      if (io.outIsTerminal) io.clearScreen?.();
      io.out(io.outIsTerminal ? screen : `${screen}\n`);
    }
    await sleep(every);
  }
  return EXIT_OK;
}

export async function statusCommand(cmd: ParsedCommand, services: CliServices, io: CliIo): Promise<number> {
  const { state } = requireState(services);
  const now = io.now ?? (() => new Date());
  const bucketSize = async (bucket: string, region: string | undefined) => {
    const stat = await services.oss.getBucketStat({ bucket, ...(region ? { region } : {}) });
    return { storageBytes: stat.storage, objectCount: stat.objectCount };
  };
  const read = () => readStatus(state, cmd.bucket, { now: now(), bucketSize });
  if (cmd.watch) return watch(cmd, read, io);
  const view = await read();
  const unknown =
    cmd.bucket !== undefined &&
    view.buckets.every((b) => b.rules.length === 0 && b.lastOutcome === undefined) &&
    view.incidents.length === 0;
  if (unknown) {
    const what = `See what ensure would do with: oss-replication plan --bucket ${cmd.bucket}`;
    throw new CliFailure(`${cmd.bucket} has no state: it was never managed. ${what}`, 'CLI_NOT_MANAGED');
  }
  if (cmd.options.json) io.out(JSON.stringify({ command: 'status', ...view }, null, 2));
  else io.out(renderStatus(view).join('\n'));
  return EXIT_OK;
}
