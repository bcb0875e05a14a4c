export * from './types';
export { ensure, type EnsureDeps, type EnsureOptions } from './ensure';
export { planBucket } from './plan';
// Types only: apply.ts is loaded lazily by ensure (a sidecar in the function bundles), never imported.
export type { ApplyDeps, ApplyReport } from './apply';
export { observeSource, observeDestination, observeDestinations, type DestinationRef, type SourceFacts } from './observe';
export { desiredRule, desiredRuleBody, rulesEquivalent, normaliseActions, type RuleTarget } from './desired';
export { ownedRuleId, isOwned, policyOfRuleId, ruleFingerprint, ruleOwnership, slugify, type RuleOwnership } from './ruleIds';
export { LocationCache } from './locationCache';
export { ChangeBudget } from './budget';
export { recordBucketState, scheduleCanary, planRecord, type ScheduledCanary, type EnsureRecord } from './record';
export { requestCanary, type CanaryRequest } from './record';
export { DEFAULT_OWNER_PREFIX, MAX_RULES_PER_BUCKET } from './constants';
export { ensureResult, failureReason, isChange } from './outcome';
export { steadyLook, type SteadyInput, type SteadyVerdict } from './steady';
