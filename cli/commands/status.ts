/** `status [--bucket B]`: owned rules, progress, last canary and open incidents from the state bucket. */
import { formatDuration, formatPercent } from '../../shared/progress';
import type { ParsedCommand } from '../args';
import { EXIT_FAILURE, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { requireState, type CliServices } from '../services';
import { readStatus, type BucketStatusView, type IncidentView, type RuleStatusView } from '../statusView';

function ruleLine(r: RuleStatusView): string {
  const parts = [`  rule ${r.ruleId} [${r.policy}] -> ${r.destination} (${r.destinationRegion})`];
  parts.push(r.status ? `status ${r.status}` : 'no progress sample yet');
  if (r.backfill !== undefined) parts.push(`backfill ${formatPercent(r.backfill)}`);
  if (r.lagSeconds !== undefined) parts.push(`lag ${formatDuration(r.lagSeconds)}`);
  const c = r.lastCanary;
  if (c) parts.push(`last canary ${c.outcome}${c.latencyMs !== undefined ? ` in ${c.latencyMs} ms` : ''} at ${c.checkedAt ?? c.writtenAt}`);
  else parts.push(r.canaryDueAt ? `canary pending, next verify step at ${r.canaryDueAt}` : 'no canary yet');
  return parts.join(', ');
}

function incidentLine(i: IncidentView): string {
  return `  incident ${i.kind} (${i.severity}) on ${i.ruleId}, ${i.state === 'clearing' ? 'clearing' : 'open'} since ${i.openedAt}: ${i.summary}`;
}

function bucketLines(b: BucketStatusView): string[] {
  const head = `${b.bucket}${b.region ? ` (${b.region})` : ''}: ${b.rules.length} owned rule(s), last ensure ${b.lastOutcome ?? 'unknown'}${b.lastReason ? ` (${b.lastReason})` : ''}`;
  const incidents = b.incidents.map(incidentLine);
  return [head, ...b.rules.map(ruleLine), ...(incidents.length > 0 ? incidents : ['  no open incidents'])];
}

/** Incidents of buckets that have no state document (a blocked bucket ensure did not record), under their bucket. */
function strayLines(view: { buckets: readonly BucketStatusView[]; incidents: readonly IncidentView[] }): string[] {
  const known = new Set(view.buckets.map((b) => b.bucket));
  const stray = view.incidents.filter((i) => !known.has(i.bucket));
  return [...new Set(stray.map((i) => i.bucket))].flatMap((bucket) => [
    `${bucket}: no state document`,
    ...stray.filter((i) => i.bucket === bucket).map(incidentLine),
  ]);
}

export async function statusCommand(cmd: ParsedCommand, services: CliServices, io: CliIo): Promise<number> {
  const { state } = requireState(services);
  const view = await readStatus(state, cmd.bucket);
  const unknown = cmd.bucket !== undefined && view.buckets.every((b) => b.rules.length === 0 && b.lastOutcome === undefined);
  if (cmd.options.json) io.out(JSON.stringify({ command: 'status', ...view }, null, 2));
  else if (!unknown) {
    for (const b of view.buckets) io.out(bucketLines(b).join('\n'));
    const stray = strayLines(view);
    if (stray.length > 0) io.out(stray.join('\n'));
    if (view.buckets.length === 0) io.out('No managed buckets in the state bucket yet.');
    io.out(`${view.buckets.length} bucket(s), ${view.pendingCanaries} pending canary check(s).`);
  }
  if (unknown) io.err(`${cmd.bucket} has no state: it was never managed (run plan/apply)`);
  return unknown ? EXIT_FAILURE : EXIT_OK;
}
