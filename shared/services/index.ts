/**
 * The assembly of one invocation's services (OSS client, state store, leases, alerter, the state-bucket
 * guard) from the FC glue of shared/runtime. Kept apart from shared/runtime so that the glue depends on
 * nothing above it: runtime <- alerts <- services, never back.
 */
export {
  buildServices,
  openServices,
  invocationAlerter,
  invocationAlerterOptions,
  type Services,
  type ServicesOptions,
  type JobHandlerOptions,
} from './services';
export { ensureJobContext, ensureDepsOf, blockedMemoryOf, type EnsureHandlerOptions, type EnsureJobContext } from './ensureJob';
export { guardStateBucket, resetStateGuard, type StateGuardDeps } from './stateGuard';
export { reportQuarantine, type QuarantineReportDeps } from './reportQuarantine';
