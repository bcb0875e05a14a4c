export * from './types';
export { CANARY_FOLDER, CANARY_META, canaryKey, isCanaryKey, isCanaryKeyFor, canaryBody } from './key';
export { writeCanary, replicatesDeletes } from './write';
export type { WriteCanaryOptions } from './write';
export { checkCanary } from './check';
export { diagnoseMissingCanary } from './diagnose';
export { canaryRecord, canaryStatus, diagnosisOf, lastCanaryWrittenAt } from './history';
