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

/** The pass the gaps shown are judged on (the one the parity incident is judged on), and which it is. */
function judged(view: AuditView): { readonly pass: PassView; readonly which: 'current' | 'last' } | undefined {
  const which = view.judged ?? (view.current ? 'current' : view.lastFullPass ? 'last' : undefined);
  const pass = which === 'current' ? view.current : which === 'last' ? view.lastFullPass : undefined;
  return pass && which ? { pass, which } : undefined;
}

const progressOf = (pass: PassView): string => (pass.coverage === undefined ? 'under way' : formatPercent(pass.coverage));
const gapsOf = (pass: PassView): number => (pass.counts['missing'] ?? 0) + (pass.counts['different'] ?? 0);
const countsOf = (pass: PassView): string => `${pass.counts['missing'] ?? 0} missing, ${pass.counts['different'] ?? 0} different`;

/** `last run failed` (or `N runs failed`, in a row) when the last run failed; undefined otherwise. */
function failedRuns(view: AuditView): string | undefined {
  if (view.lastRun?.outcome !== 'failed') return undefined;
  const runs = view.failing?.runs ?? 1;
  return runs > 1 ? `${runs} runs failed` : 'last run failed';
}

/** The short why of a failed run: its operation and error code (older reports: the start of the error). */
function failedWhy(view: AuditView): string {
  const run = view.lastRun;
  const why = run?.errorCode ?? run?.error ?? 'no error recorded';
  return why.length > 60 ? `${why.slice(0, 59)}…` : why;
}

/**
 * The status table's cell: the gaps of the pass the parity incident is judged on (with the progress of
 * a newer pass under way when the judgement is still the last full pass's), after the failure when the
 * last run failed.
 */
export function auditCell(view: AuditView): string {
  const failed = failedRuns(view);
  const failure = failed ? `${failed} (${failedWhy(view)})` : undefined;
  const j = judged(view);
  if (!j) return failure ?? view.lastRun?.outcome ?? 'not run';
  const gaps = gapsOf(j.pass);
  const where =
    j.which === 'current'
      ? ` (${j.pass.coverage === undefined ? 'pass under way' : formatPercent(j.pass.coverage)})`
      : view.current
        ? ` (last full pass; new pass ${progressOf(view.current)})`
        : '';
  return `${failure ? `${failure}; ` : ''}${gaps === 0 ? 'no gap' : `${gaps} gap(s)`}${where}`;
}

/** One line for `status`: the judged gaps, where the audit stands, and the failure when the last run failed. */
export function auditSummary(view: AuditView): string {
  const run = view.lastRun;
  const failed = failedRuns(view);
  const since = view.failing && view.failing.runs > 1 ? `, ${view.failing.runs} in a row since ${view.failing.since}` : '';
  const failure = failed && run ? `; last run FAILED at ${run.at}${since}: ${run.error ?? failedWhy(view)}` : '';
  const j = judged(view);
  if (!j) return `audit ${run?.outcome ?? 'not run'}${run?.note ? ` (${run.note})` : ''}${failure}`;
  const where = j.which === 'current' ? `pass ${progressOf(j.pass)}` : 'last full pass';
  const last = view.lastFullPass?.endedAt ? `, last full pass ended ${view.lastFullPass.endedAt}` : ', no full pass yet';
  const newer = j.which === 'last' && view.current ? `; pass under way ${progressOf(view.current)}: ${countsOf(view.current)} so far` : '';
  return `audit: ${countsOf(j.pass)} (${where})${last}${newer}${failure}`;
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
