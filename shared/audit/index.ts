/**
 * The parity audit of source against destination (issue 13): a budgeted, resumable merge-walk of both
 * listings per owned rule, its verdicts and state, the parity status the monitor turns into incidents,
 * and resync. The audit function, the monitor, the CLI and the local stack import it from here.
 */
export * from './types';
export { MAX_SAMPLES, LIST_PAGE_SIZE, MAX_RECORDED_PER_PASS, MAX_RECHECK, UNREPLICABLE_REASONS } from './constants';
export { auditBucket, forgetUnownedAudits, type AuditBucketInput } from './auditBucket';
export { auditRule, describeError, errorCodeOf, type AuditRunDeps, type AuditRuleTarget, type AuditRuleOutcome } from './auditRule';
export { auditScope, isNotAuditable, sourceVerdict, prefixIndexOf, type NotAuditable } from './scope';
export { judgePair, listingVerdict, headsNeeded, type HeadOf } from './judge';
export { mergeWalk, type KeyPair, type VisitResult, type WalkResult } from './mergeWalk';
export { KeyStream, ListingOrderError, listingPages, OUT_OF_PAGES, type Page, type PageReader } from './keyStream';
export { RunBudget } from './budget';
export { PassTally, newPass, emptyCounts } from './tally';
export { checkAuditDocument, readAuditDocument, saveAuditDocument, emptyAuditDocument, passDecision, type PassDecision } from './document';
export { readFound, writeFound, deleteFound } from './found';
export { writeResyncRequest, readResyncRequests, deleteResyncRequests, type PendingResync } from './resyncRequests';
export { mergeRecheck, recheckKeys } from './recheck';
export { headReader, type RuleSides } from './heads';
export { ruleContext, readRuleProgress, type RuleContext } from './ruleContext';
export { ParityLedger } from './parityLedger';
export {
  parityStatus,
  judgedPass,
  ruleParity,
  readRuleParity,
  readBucketParity,
  auditView,
  coverageOf,
  type AuditView,
  type PassView,
} from './view';
export { resyncRule, MAX_COPY_BYTES, type ResyncInput, type ResyncItem, type ResyncResult, type ResyncAction } from './resync';
