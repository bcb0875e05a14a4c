export * from './types';
export { CANARY_FOLDER, CANARY_META, canaryKey, isCanaryKey, isCanaryKeyFor, canaryBody } from './key';
export { writeCanary, replicatesDeletes } from './write';
export type { WriteCanaryOptions } from './write';
export { startCanary, writeFailure, type Started } from './start';
export { checkCanary } from './checkCanary';
export { diagnoseMissingCanary } from './diagnose';
export { canaryDigest, canaryRecord, canaryStatus, diagnosisOf, lastCanaryWrittenAt } from './canaryRecords';
export { canaryTargetOf } from './target';
