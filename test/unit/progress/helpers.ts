import type { EvaluateProgressInput, ProgressSample, RuleIdentity } from '../../../shared/progress';

export const T0 = Date.parse('2024-05-20T00:00:00.000Z');

export const rule: RuleIdentity = {
  bucket: 'src-bucket',
  region: 'cn-hangzhou',
  ruleId: 'autopilot-dr-1',
  destinationBucket: 'src-bucket-dr',
  destinationRegion: 'cn-beijing',
};

export function at(minutes: number): string {
  return new Date(T0 + minutes * 60000).toISOString();
}

export function doing(minutes: number, historical?: number, watermarkMinutes?: number): ProgressSample {
  return {
    at: at(minutes),
    status: 'doing',
    ...(historical !== undefined ? { historical } : {}),
    ...(watermarkMinutes !== undefined ? { newObjectWatermark: at(watermarkMinutes) } : {}),
  };
}

export function input(overrides: Partial<EvaluateProgressInput> = {}): EvaluateProgressInput {
  return {
    rule,
    history: [],
    now: new Date(at(60)),
    thresholds: { maxLagSeconds: 900, stalledAfterMinutes: 30, startingTooLongMinutes: 20 },
    canaryWindowHours: 0,
    ...overrides,
  };
}
