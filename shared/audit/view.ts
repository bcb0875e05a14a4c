/**
 * What the audit document says to the rest of the system: the parity status the monitor turns into a
 * finding (and the digest shows), and the view `cli status` and the dashboard print.
 */
import { PARITY_SAMPLE_KEYS, type ParityStatus } from '../progress';
import type { BucketParity, DocumentStore, OwnedRule, RuleParity } from '../state';
import { readAuditDocument } from './document';
import {
  AUDIT_CLASSES,
  PROBLEM_CLASSES,
  type AuditDocument,
  type AuditFailing,
  type AuditPass,
  type AuditRunReport,
  type AuditSample,
  type RecheckReport,
} from './types';

const problems = (p: AuditPass | undefined): number => (p ? p.counts.missing + p.counts.different : 0);

/** 0..1 of the keys a pass is expected to walk (just under 1 until it ends); undefined when unknown. */
export function coverageOf(pass: AuditPass): number | undefined {
  if (pass.endedAt) return 1;
  if (!pass.expectedSourceKeys) return undefined;
  return Math.min(0.99, pass.sourceKeys / pass.expectedSourceKeys);
}

function sampleKeys(pass: AuditPass): string[] {
  return PROBLEM_CLASSES.flatMap((c) => (pass.samples[c] ?? []).map((s) => s.key));
}

/**
 * The pass a rule's parity is judged on, by the monitor's incident and by everything that shows it: the
 * pass under way once it found problems, else the last full pass when it found any (a gap stays until a
 * later pass ends without one), else whichever pass exists.
 */
export function judgedPass(doc: AuditDocument | undefined): 'current' | 'last' | undefined {
  const { current, lastFullPass } = doc ?? {};
  return problems(current) > 0 ? 'current' : problems(lastFullPass) > 0 ? 'last' : current ? 'current' : lastFullPass ? 'last' : undefined;
}

/** The parity status of a rule, from its judged pass, with the failed runs in a row when the last ones failed. */
export function parityStatus(doc: AuditDocument | undefined): ParityStatus | undefined {
  const pass = judgedPass(doc);
  const chosen = pass === 'current' ? doc?.current : doc?.lastFullPass;
  if (!doc || !pass || !chosen) return undefined;
  const { lastFullPass, failing, lastRun } = doc;
  const coverage = coverageOf(chosen);
  return {
    pass,
    passStartedAt: chosen.startedAt,
    matched: chosen.counts.matched,
    missing: chosen.counts.missing,
    different: chosen.counts.different,
    unreplicable: chosen.counts.unreplicable,
    sampleKeys: sampleKeys(chosen),
    ...(coverage !== undefined ? { coverage } : {}),
    ...(lastFullPass?.endedAt ? { lastFullPassEndedAt: lastFullPass.endedAt } : {}),
    ...(failing
      ? {
          failing: {
            ...failing,
            error: lastRun?.error ?? 'no error recorded',
            errorCode: lastRun?.errorCode ?? lastRun?.error ?? 'unknown',
          },
        }
      : {}),
  };
}

/**
 * What the monitor is handed of a rule's audit (monitor/parity/<h>.json): the status of its document
 * for the rule record the audit judged, with only the sample keys a finding names, so the shards the
 * status is kept in stay small (a key may be 1,023 bytes).
 */
export function ruleParity(rule: Pick<OwnedRule, 'createdAt'>, status: ParityStatus | undefined): RuleParity {
  const compact = status && { ...status, sampleKeys: status.sampleKeys.slice(0, PARITY_SAMPLE_KEYS) };
  return { ruleCreatedAt: rule.createdAt, ...(compact ? { status: compact } : {}) };
}

/** A rule's parity read from its audit document (one GET). */
export async function readRuleParity(store: DocumentStore, bucket: string, rule: OwnedRule): Promise<RuleParity> {
  return ruleParity(rule, parityStatus(await readAuditDocument(store, bucket, rule.ruleId)));
}

/**
 * The parity of a bucket's rules read from their audit documents, one GET per rule: only for a bucket
 * no audit run has described in its shard yet (the first runs after an upgrade, a new bucket).
 */
export async function readBucketParity(store: DocumentStore, bucket: string, rules: readonly OwnedRule[]): Promise<BucketParity> {
  return Object.fromEntries(
    await Promise.all(rules.map(async (rule) => [rule.ruleId, await readRuleParity(store, bucket, rule)] as const)),
  );
}

export interface PassView {
  readonly startedAt: string;
  readonly endedAt?: string;
  /** Every class, zeros included. */
  readonly counts: Readonly<Record<string, number>>;
  readonly coverage?: number;
  readonly sourceKeys: number;
  /** The last key judged (a pass under way). */
  readonly position?: string;
  readonly samples: Readonly<Record<string, readonly AuditSample[]>>;
  /** Unreplicable keys per reason. */
  readonly unreplicable: Readonly<Record<string, number>>;
  /** Missing or different keys beyond what the pass records for resync. */
  readonly unrecorded: number;
  readonly runs: number;
}

/** The audit of one rule as `cli status` and the dashboard show it. */
export interface AuditView {
  readonly current?: PassView;
  readonly lastFullPass?: PassView;
  /** Which of the two the parity incident is judged on (judgedPass): what the gaps shown are. */
  readonly judged?: 'current' | 'last';
  readonly lastRun?: AuditRunReport;
  /** Runs have failed one after the other since then (the monitor alerts after AUDIT_FAILING_AFTER_RUNS). */
  readonly failing?: AuditFailing;
  /** Keys a resync copied that wait for a re-check, and how the last re-check went. */
  readonly recheckPending: number;
  readonly lastRecheck?: RecheckReport;
}

function passView(pass: AuditPass): PassView {
  const coverage = coverageOf(pass);
  const counts = Object.fromEntries(AUDIT_CLASSES.map((c) => [c, pass.counts[c] ?? 0]));
  const samples = Object.fromEntries(Object.entries(pass.samples).filter(([, list]) => (list?.length ?? 0) > 0)) as Record<
    string,
    readonly AuditSample[]
  >;
  return {
    startedAt: pass.startedAt,
    ...(pass.endedAt ? { endedAt: pass.endedAt } : {}),
    counts,
    ...(coverage !== undefined ? { coverage } : {}),
    sourceKeys: pass.sourceKeys,
    ...(pass.cursor?.after !== undefined ? { position: pass.cursor.after } : {}),
    samples,
    unreplicable: pass.unreplicable,
    unrecorded: pass.unrecorded,
    runs: pass.runs,
  };
}

export function auditView(doc: AuditDocument): AuditView {
  const judged = judgedPass(doc);
  return {
    ...(doc.current ? { current: passView(doc.current) } : {}),
    ...(doc.lastFullPass ? { lastFullPass: passView(doc.lastFullPass) } : {}),
    ...(judged ? { judged } : {}),
    ...(doc.lastRun ? { lastRun: doc.lastRun } : {}),
    ...(doc.failing ? { failing: doc.failing } : {}),
    recheckPending: doc.recheck.length,
    ...(doc.lastRecheck ? { lastRecheck: doc.lastRecheck } : {}),
  };
}
