export * from './types';
export { appendSample, latestSample, lagSeconds, backfillRate, backfillEta, DEFAULT_RATE_WINDOW_SECONDS } from './history';
export { evaluateProgress } from './evaluateProgress';
export { finding, findingKey } from './finding';
export { parityGap, auditFailing, AUDIT_FAILING_AFTER_RUNS, PARITY_SAMPLE_KEYS } from './parityCheck';
export { digestRow } from './digestRow';
export type { DigestRowInput } from './digestRow';
export { formatDuration, formatPercent, describeRoute, describeRule } from './format';
export { historyOf, toSample, toStored } from './samples';
