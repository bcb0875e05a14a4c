/** How `audit` and `status` put a rule's parity audit into words. */
import type { AuditView, PassView } from '../shared/audit';
import { formatPercent } from '../shared/progress';

const CLASS_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['matched', 'matched'],
  ['missing', 'missing'],
  ['different', 'different'],
  ['extra', 'extra at the destination'],
  ['extraKept', 'extra (kept: the rule does not replicate deletes)'],
  ['inFlight', 'in flight'],
  ['outOfScope', 'older than the rule'],
  ['unreplicable', 'not replicable by the rule'],
  ['ignored', 'canaries ignored'],
];

function counts(pass: PassView): string {
  return CLASS_WORDS.filter(([c]) => (pass.counts[c] ?? 0) > 0 || c === 'missing' || c === 'different')
    .map(([c, words]) => `${(pass.counts[c] ?? 0).toLocaleString('en-US')} ${words}`)
    .join(', ');
}

function coverage(pass: PassView): string {
  const share = pass.coverage === undefined ? 'coverage unknown' : `${formatPercent(pass.coverage)} covered`;
  const at = pass.position !== undefined ? `, at ${JSON.stringify(pass.position)}` : '';
  return `${share}, ${pass.sourceKeys.toLocaleString('en-US')} source keys${at}`;
}

/** The status table's cell: the gaps the current (else the last full) pass found, or how the last run ended. */
export function auditCell(view: AuditView): string {
  const pass = view.current ?? view.lastFullPass;
  if (!pass) return view.lastRun?.outcome ?? 'not run';
  const gaps = (pass.counts['missing'] ?? 0) + (pass.counts['different'] ?? 0);
  const where = view.current
    ? view.current.coverage === undefined
      ? ' (pass under way)'
      : ` (${formatPercent(view.current.coverage)})`
    : '';
  return `${gaps === 0 ? 'no gap' : `${gaps} gap(s)`}${where}`;
}

/** One line for `status`: the gaps and where the audit stands. */
export function auditSummary(view: AuditView): string {
  const pass = view.current ?? view.lastFullPass;
  if (!pass) return `audit ${view.lastRun?.outcome ?? 'not run'}${view.lastRun?.note ? ` (${view.lastRun.note})` : ''}`;
  const gaps = `${pass.counts['missing'] ?? 0} missing, ${pass.counts['different'] ?? 0} different`;
  const where = view.current
    ? `pass ${view.current.coverage === undefined ? 'under way' : formatPercent(view.current.coverage)}`
    : 'last full pass';
  const last = view.lastFullPass?.endedAt ? `, last full pass ended ${view.lastFullPass.endedAt}` : ', no full pass yet';
  return `audit: ${gaps} (${where})${last}`;
}

function passLines(label: string, pass: PassView): string[] {
  const head = pass.endedAt
    ? `${label} ${pass.startedAt} - ${pass.endedAt} (${pass.runs} run(s))`
    : `${label} since ${pass.startedAt} (${pass.runs} run(s)): ${coverage(pass)}`;
  const lines = [`    ${head}`, `      ${counts(pass)}`];
  for (const [c, samples] of Object.entries(pass.samples)) {
    if (c === 'matched' || c === 'ignored' || samples.length === 0) continue;
    lines.push(`      ${c}: ${samples.map((s) => (s.detail ? `${s.key} (${s.detail})` : s.key)).join(', ')}`);
  }
  for (const [reason, n] of Object.entries(pass.unreplicable)) lines.push(`      ${n} not replicable: ${reason}`);
  if (pass.unrecorded > 0) {
    lines.push(`      ${pass.unrecorded} more missing or different keys were counted but not recorded for resync (the pass's cap)`);
  }
  return lines;
}

/** The whole audit of a rule, for `audit`. */
export function auditLines(view: AuditView): string[] {
  const run = view.lastRun;
  const lines: string[] = [];
  if (run) {
    const stop = run.stoppedBy ? `, stopped by ${run.stoppedBy}` : '';
    const why = `${stop}${run.note ? `: ${run.note}` : ''}${run.error ? `: ${run.error}` : ''}`;
    lines.push(`    last run ${run.at}: ${run.outcome}, ${run.pages} page(s), ${run.heads} HEAD(s)${why}`);
  }
  const r = view.lastRecheck;
  if (r) lines.push(`    re-checked after resync: ${r.matched} now match, ${r.stillWrong} still wrong, ${r.waiting} waiting`);
  if (view.current) lines.push(...passLines('pass under way', view.current));
  if (view.lastFullPass) lines.push(...passLines('last full pass', view.lastFullPass));
  return lines;
}
