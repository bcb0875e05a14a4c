export * from './types';
export { appendSample, latestSample } from './history';
export { lagSeconds } from './lag';
export { backfillRate, backfillEta, DEFAULT_RATE_WINDOW_SECONDS } from './rate';
export { evaluateProgress } from './evaluateProgress';
export { findingKey } from './checks';
export { digestRow } from './digestRow';
export type { DigestRowInput } from './digestRow';
export { formatDuration, formatPercent, describeRoute, describeRule } from './format';
