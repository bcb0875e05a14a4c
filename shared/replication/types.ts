import type { BucketDigest } from '../state';
import type { ReplicationLocation, ReplicationRule, Tag } from '../xml';
import type { RuleOwnership } from './ruleIds';

/**
 * The plan is data: what would change on one bucket and why, computed before anything is applied.
 * The CLI prints it, logs carry it, alerts quote its reason.
 */

/** Stable reason codes. Callers branch on these, never on messages. */
export type ReasonCode =
  // skip
  | 'NoPolicyTag'
  | 'StateBucket'
  | 'SourceMissing'
  | 'ChangeBudgetExhausted'
  // busy
  | 'LeaseHeld'
  // block: policy and guardrails
  | 'UnknownPolicy'
  | 'RegionNotAllowed'
  | 'BucketNotAllowed'
  | 'SameBucket'
  | 'ModeMismatch'
  | 'KmsIncomplete'
  | 'InvalidDestinationBucket'
  | 'DestinationIsStateBucket'
  // block: versioning OSS cannot replicate
  | 'SourceVersioningSuspended'
  | 'DestinationVersioningSuspended'
  // block: what OSS allows for this source region
  | 'ReplicationLocationNotAllowed'
  | 'TransferTypeNotSupported'
  | 'RtcNotSupported'
  // block: destination
  | 'DestinationMissing'
  | 'DestinationWrongRegion'
  | 'DestinationNotAccessible'
  | 'DestinationNotOwned'
  | 'VersioningMismatch'
  | 'TooManyRules'
  // block or note: OSS reported a value this version does not know
  | 'UnrecognisedRule'
  // notes and pending work
  | 'ForeignRuleToDestination'
  | 'ClosingInProgress'
  | 'OwnedRulesKept'
  // failures while applying
  | 'ApplyFailed';

export interface Reason {
  readonly code: ReasonCode;
  /** In words an operator acts on. Never contains secrets. */
  readonly message: string;
  /** The policy the reason is about, when there is one. */
  readonly policy?: string;
}

/** Versioning as OSS compares it for replication: never versioned, enabled, or suspended. */
export type VersioningState = 'unversioned' | 'Enabled' | 'Suspended';

/** What ensure read about one destination bucket. */
export type DestinationFacts =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly region: string;
      readonly versioning: VersioningState;
      /** GetBucketInfo CreationDate: tells the bucket this deployment created from a later one of the same name. */
      readonly creationDate?: string;
      /**
       * This deployment created this very bucket (`destinations/<bucket>.json` matches its creation
       * date): it may replicate into it and align its versioning. Anything else is someone's existing bucket.
       */
      readonly createdHere?: boolean;
    }
  /** The bucket answered AccessDenied or similar: another owner, or an endpoint for another region. */
  | { readonly exists: 'unknown'; readonly errorCode: string };

/** Everything the planner needs, read from OSS. Built by observe.ts, or by hand in tests. */
export interface Observation {
  readonly bucket: string;
  /** Without `oss-`. */
  readonly region: string;
  readonly tags: readonly Tag[];
  readonly versioning: VersioningState;
  /** Every rule on the bucket, closing ones included (they still count against the limit). */
  readonly rules: readonly ReplicationRule[];
  /** Keyed by destination bucket name. */
  readonly destinations: Readonly<Record<string, DestinationFacts>>;
}

export interface PlanContext {
  /** Which rules on the bucket are this deployment's to change (see ruleIds.ts). */
  readonly ownership: RuleOwnership;
  readonly account: string;
  /** The state bucket is never a source nor a destination, and ensure never changes its versioning. */
  readonly stateBucket?: string;
  /** GetBucketReplicationLocation answer for the source region. */
  readonly replicationLocation: ReplicationLocation;
  /** OSS default: 100 rules per bucket. */
  readonly maxRules?: number;
}

export type Step =
  /** Never `Suspended`: a suspended source is blocked, so ensure never creates a bucket only to suspend it. */
  | { readonly kind: 'createDestination'; readonly bucket: string; readonly region: string; readonly versioning: 'unversioned' | 'Enabled' }
  | { readonly kind: 'enableDestinationVersioning'; readonly bucket: string; readonly region: string }
  /** `rule`: the rule as OSS reported it, so a plan can show what a replacement changes. */
  | { readonly kind: 'deleteRule'; readonly ruleId: string; readonly rule?: ReplicationRule }
  | { readonly kind: 'waitClosing'; readonly ruleId: string }
  | { readonly kind: 'addRule'; readonly policy: string; readonly rule: ReplicationRule }
  | { readonly kind: 'scheduleCanary'; readonly policy: string; readonly ruleId: string };

export type StepKind = Step['kind'];

export type PlanOutcome = 'unchanged' | 'create' | 'replace' | 'remove' | 'skip' | 'block';

/** Per selected policy: the rule it wants and what happens to it. */
export interface PolicyPlan {
  readonly policy: string;
  /** Absent only when the destination name cannot be rendered. */
  readonly ruleId?: string;
  readonly rule?: ReplicationRule;
  readonly outcome: PlanOutcome;
  readonly reason?: Reason;
}

export interface Plan {
  readonly bucket: string;
  readonly region: string;
  readonly outcome: PlanOutcome;
  /** Why a plan skips, blocks or waits. */
  readonly reason?: Reason;
  /** Informational findings that do not change the outcome (a foreign rule already replicates, ...). */
  readonly notes: readonly Reason[];
  readonly policies: readonly PolicyPlan[];
  /** In order. Each step is idempotent, so a crash between two steps is finished by the next run. */
  readonly steps: readonly Step[];
}

export type EnsureOutcome = 'unchanged' | 'created' | 'replaced' | 'removed' | 'skipped' | 'blocked' | 'busy' | 'failed';

export interface EnsureResult {
  readonly bucket: string;
  readonly outcome: EnsureOutcome;
  readonly reason?: Reason;
  /** The first owned rule added (or kept) for the bucket. */
  readonly ruleId?: string;
  /** Every owned rule on the bucket after this run. */
  readonly ruleIds: readonly string[];
  readonly plan?: Plan;
  readonly dryRun: boolean;
  /** Steps actually executed (empty in dry-run). */
  readonly applied: readonly StepKind[];
  /** `busy` and transient failures: running ensure again later may succeed. */
  readonly retryable: boolean;
  /**
   * Whether the bucket's record said `blocked` before this run (false when it had no record). Absent
   * when ensure did not learn it (dry run, busy, a failure before recording): then assume it may have.
   */
  readonly wasBlocked?: boolean;
  /** The digest of the state document this run wrote, with the ETag its PUT answered (absent when it wrote none). */
  readonly recorded?: BucketDigest;
}
