import type { CanaryStatus } from '../progress';
import type { CanaryOutcome, CanaryRecord } from '../state';
import type { CanaryCheck, CanaryDiagnosis, CanaryDiagnosisCode, PendingCanary } from './types';

/**
 * How a finished canary is kept in BucketState.canaries, and how the monitor reads that history back.
 * BucketState's record has no diagnosis-code field, so `detail` is `<Code>: <message>` and
 * `diagnosisOf` splits it again; both sides live here so they cannot drift apart.
 */

type Finished = Exclude<CanaryCheck, { kind: 'waiting' }>;

const OUTCOME_OF: Partial<Record<CanaryDiagnosisCode, CanaryOutcome>> = {
  ContentMismatch: 'mismatch',
  DeleteNotReplicated: 'mismatch',
  AccessDenied: 'error',
};

/** The record of a canary check that finished (verified or failed). */
export function canaryRecord(pending: Pick<PendingCanary, 'target' | 'key' | 'writtenAt'>, check: Finished): CanaryRecord {
  const base = { ruleId: pending.target.ruleId, key: pending.key, writtenAt: pending.writtenAt, checkedAt: check.checkedAt };
  if (check.kind === 'verified') return { ...base, outcome: 'arrived', latencyMs: Math.max(0, Math.round(check.latencyMs)) };
  return { ...base, outcome: OUTCOME_OF[check.diagnosis.code] ?? 'missing', detail: `${check.diagnosis.code}: ${check.diagnosis.message}` };
}

/** The diagnosis stored in a failed record's `detail`, if it has one. */
export function diagnosisOf(record: CanaryRecord): CanaryDiagnosis | undefined {
  const match = /^([A-Za-z]+): ([\s\S]*)$/.exec(record.detail ?? '');
  if (!match) return record.detail ? { code: 'NeverArrived', message: record.detail } : undefined;
  return { code: match[1] as CanaryDiagnosisCode, message: match[2]! };
}

/**
 * What the progress checks need to know about one rule's canaries: the last success (with its latency)
 * and the last failure. `trackedSince` (e.g. when the rule was created) starts the overdue clock.
 */
export function canaryStatus(records: readonly CanaryRecord[], ruleId: string, trackedSince?: string): CanaryStatus {
  const { success, failure } = newestChecks(records, ruleId);
  const diagnosis = failure ? diagnosisOf(failure) : undefined;
  return {
    ...(trackedSince ? { trackedSince } : {}),
    ...(success ? { lastSuccessAt: success.checkedAt! } : {}),
    ...(success?.latencyMs !== undefined ? { lastLatencySeconds: success.latencyMs / 1000 } : {}),
    ...(failure
      ? {
          lastFailure: {
            at: failure.checkedAt!,
            diagnosis: diagnosis?.message ?? failure.outcome,
            ...(diagnosis ? { code: diagnosis.code } : {}),
          },
        }
      : {}),
  };
}

/** The rule's checked canary records canaryStatus judges from: the newest success and the newest failure. */
function newestChecks(records: readonly CanaryRecord[], ruleId: string): { success?: CanaryRecord; failure?: CanaryRecord } {
  let success: CanaryRecord | undefined;
  let failure: CanaryRecord | undefined;
  for (const r of records) {
    if (r.ruleId !== ruleId || r.outcome === 'pending' || !r.checkedAt) continue;
    if (r.outcome === 'arrived') {
      if (!success || Date.parse(r.checkedAt) >= Date.parse(success.checkedAt!)) success = r;
    } else if (!failure || Date.parse(r.checkedAt) >= Date.parse(failure.checkedAt!)) {
      failure = r;
    }
  }
  return { ...(success ? { success } : {}), ...(failure ? { failure } : {}) };
}

/**
 * The records canaryStatus judges from, and no others: per rule, the newest success and the newest
 * failure, in their order. canaryStatus gives the same answer from these as from the whole history,
 * so the monitor keeps these few instead of the bounded history (MAX_CANARY_HISTORY per bucket).
 */
export function canaryDigest(records: readonly CanaryRecord[]): CanaryRecord[] {
  const chosen = new Set<CanaryRecord>();
  for (const ruleId of new Set(records.map((r) => r.ruleId))) {
    const { success, failure } = newestChecks(records, ruleId);
    if (success) chosen.add(success);
    if (failure) chosen.add(failure);
  }
  return records.filter((r) => chosen.has(r));
}

/** When the rule's newest canary (any outcome) was written; undefined when it never had one. */
export function lastCanaryWrittenAt(records: readonly CanaryRecord[], ruleId: string): string | undefined {
  let last: string | undefined;
  for (const r of records) {
    if (r.ruleId === ruleId && (!last || Date.parse(r.writtenAt) > Date.parse(last))) last = r.writtenAt;
  }
  return last;
}
