import type { Finding, FindingKind, RuleIdentity } from '../progress';
import type { Incident } from './types';

/** Progress findings that say the rule is not moving data. */
const STUCK: ReadonlySet<FindingKind> = new Set(['lag-high', 'backfill-stalled']);
/** Canary diagnoses that only say "it did not get there in time": what a stuck rule does to a canary. */
const STUCK_CANARY_CODES: ReadonlySet<string> = new Set(['NeverArrived', 'DeleteNotReplicated']);

const ruleKey = (r: RuleIdentity): string => `${r.bucket}/${r.ruleId}`;
const isStuckCanary = (f: Finding): boolean => f.kind === 'canary-failing' && STUCK_CANARY_CODES.has(String(f.facts['diagnosisCode']));

/**
 * One cause, one incident. When replication of a rule stops, the monitor sees lag or a stalled backfill
 * and verify's canary fails with "never arrived": two findings, one problem, and without this two
 * alerts per channel (and two recoveries). For each rule, the one of the two that already has an
 * incident keeps it and the other is left out while the first is open; when neither has one, the
 * progress finding (lag, stall) stands and the canary failure is left out. The canary failure is also
 * left out while a lag/stall incident of the rule is still open or clearing, so that it does not open
 * a fresh incident right after the lag cleared. Other canary diagnoses (rule gone, versioning, access
 * denied, content mismatch) name their own cause and always stand. Pure.
 */
export function correlateFindings(findings: readonly Finding[], incidents: readonly Incident[]): Finding[] {
  const drop = new Set<Finding>();
  for (const canary of findings.filter(isStuckCanary)) {
    const rule = ruleKey(canary.rule);
    const stuck = findings.filter((f) => STUCK.has(f.kind) && ruleKey(f.rule) === rule);
    const stuckOpen = incidents.some((i) => STUCK.has(i.kind) && ruleKey(i.rule) === rule);
    const canaryOpen = incidents.some((i) => i.key === canary.key);
    if (stuck.length === 0 && !stuckOpen) continue;
    if (canaryOpen && stuckOpen) continue; // both alerted already: each runs its own course
    if (canaryOpen) stuck.forEach((f) => drop.add(f));
    else drop.add(canary);
  }
  return findings.filter((f) => !drop.has(f));
}
