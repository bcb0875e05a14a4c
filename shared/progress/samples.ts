import type { ReplicationProgressRule } from '../xml';
import type { ProgressSample, RuleProgressSample } from './types';

/** This run's reading of one rule as a sample. */
export function toSample(progress: Pick<ReplicationProgressRule, 'status' | 'progress'>, at: Date): ProgressSample {
  return {
    at: at.toISOString(),
    status: progress.status,
    ...(progress.progress?.historicalObject !== undefined ? { historical: progress.progress.historicalObject } : {}),
    ...(progress.progress?.newObject !== undefined ? { newObjectWatermark: progress.progress.newObject } : {}),
  };
}

/**
 * One rule's stored history, oldest first as stored, without the rule id. A sample without a status
 * (no code writes one, a hand-edited document may hold one) says nothing and is left out.
 */
export function historyOf(stored: readonly RuleProgressSample[], ruleId: string): ProgressSample[] {
  return stored.filter((s) => s.ruleId === ruleId && s.status !== undefined).map(sampleOnly);
}

export function toStored(ruleId: string, sample: ProgressSample): RuleProgressSample {
  return { ruleId, ...sampleOnly(sample) };
}

/** The sample's own fields: whatever else a stored entry carries is not written back. */
function sampleOnly(s: ProgressSample): ProgressSample {
  return {
    at: s.at,
    status: s.status,
    ...(s.historical !== undefined ? { historical: s.historical } : {}),
    ...(s.newObjectWatermark !== undefined ? { newObjectWatermark: s.newObjectWatermark } : {}),
  };
}
