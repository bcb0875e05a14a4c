import type { RuleStatus, Unrecognised } from '../xml';

/**
 * One reading of GetBucketReplicationProgress for one rule: the one sample type of the system. The
 * monitor keeps a short history of these per rule in the bucket's state document (RuleProgressSample);
 * field names are those of that document.
 */
export interface ProgressSample {
  /** ISO-8601 time the sample was taken. */
  readonly at: string;
  /** As OSS reported it; a status this code does not know is kept as sent (no check fires on it). */
  readonly status: RuleStatus | Unrecognised;
  /** `HistoricalObject` fraction 0..1; absent when historical replication is off or the rule is not `doing`. */
  readonly historical?: number;
  /** `NewObject` ISO-8601 watermark: every object written before it has been replicated. */
  readonly newObjectWatermark?: string;
}

/** A sample as `buckets/<bucket>.json` keeps it, among the samples of the bucket's other rules. */
export interface RuleProgressSample extends ProgressSample {
  readonly ruleId: string;
}

/** Names a managed rule in findings and messages. Regions without the `oss-` prefix. */
export interface RuleIdentity {
  readonly bucket: string;
  /** Source region, when known. */
  readonly region?: string;
  readonly ruleId: string;
  readonly destinationBucket: string;
  readonly destinationRegion: string;
}

export interface ProgressThresholds {
  readonly maxLagSeconds: number;
  readonly stalledAfterMinutes: number;
  readonly startingTooLongMinutes: number;
}

export interface CanaryFailure {
  readonly at: string;
  /** In words a person acts on (e.g. the canary diagnosis message). */
  readonly diagnosis: string;
  /** Stable diagnosis code, e.g. `NeverArrived`. */
  readonly code?: string;
}

export interface CanaryStatus {
  readonly lastSuccessAt?: string;
  readonly lastFailure?: CanaryFailure;
  /** Latency of the last successful canary, for digests. */
  readonly lastLatencySeconds?: number;
  /**
   * Since when a canary is expected (e.g. when the rule was created). Without a success, the overdue
   * clock starts here; without either, at the oldest progress sample.
   */
  readonly trackedSince?: string;
}

export interface EvaluateProgressInput {
  readonly rule: RuleIdentity;
  /** Oldest first. */
  readonly history: readonly ProgressSample[];
  readonly now: Date;
  readonly thresholds: ProgressThresholds;
  /** The rule is no longer in GetBucketReplication. */
  readonly ruleMissing?: boolean;
  /** The destination bucket answered NoSuchBucket. */
  readonly destinationMissing?: boolean;
  readonly canary?: CanaryStatus;
  /** No successful canary within this many hours is a finding. */
  readonly canaryWindowHours: number;
  /** What the parity audit last said about the rule (shared/audit); absent when it never ran. */
  readonly parity?: ParityStatus;
}

/**
 * The parity audit's word on a rule, from the pass that reports problems: the pass in progress when it
 * found any, else the last full pass. Missing and different keys count only when older than the
 * rule's watermark, so any of them is a real gap.
 */
export interface ParityStatus {
  readonly pass: 'current' | 'last';
  readonly passStartedAt: string;
  readonly matched: number;
  readonly missing: number;
  readonly different: number;
  readonly unreplicable: number;
  /** A few of the missing and different keys, to name in a message. */
  readonly sampleKeys: readonly string[];
  /** 0..1 of the current pass; 1 for a full pass; absent when unknown. */
  readonly coverage?: number;
  readonly lastFullPassEndedAt?: string;
  /** The audit's last runs failed, one after the other. */
  readonly failing?: AuditFailingStatus;
}

/** Failed audit runs in a row: since the first, how many, and why the last one failed. */
export interface AuditFailingStatus {
  readonly since: string;
  readonly runs: number;
  /** The error in full (an OSS code and message). */
  readonly error: string;
  /** Its operation and code (`ListObjectsV2: NoSuchBucket`). */
  readonly errorCode: string;
}

export type FindingKind =
  | 'backfill-stalled'
  | 'lag-high'
  | 'rule-starting-too-long'
  | 'rule-gone'
  | 'destination-gone'
  | 'canary-failing'
  | 'canary-overdue'
  /** ensure cannot configure a bucket (guardrails, versioning, rule limit...): raised by bucket-events and reconcile. */
  | 'replication-blocked'
  /** The state bucket cannot be used (versioned, missing, unreadable): every function refuses to work. */
  | 'state-bucket-unusable'
  /** A state document could not be used and was moved aside to `quarantine/`; the job went on from a fresh one. */
  | 'state-document-quarantined'
  /** The parity audit found objects older than the watermark missing or different at the destination. */
  | 'parity'
  /** The parity audit's runs keep failing, so gaps would go unseen (AUDIT_FAILING_AFTER_RUNS in a row). */
  | 'audit-failing';

export type Severity = 'critical' | 'warning';

export type FactValue = string | number | boolean;

/** Something wrong with one rule, as evaluated at one moment. JSON-serialisable. */
export interface Finding {
  readonly kind: FindingKind;
  /** Stable across evaluations: `<bucket>/<ruleId>/<kind>`. Incidents are keyed by it. */
  readonly key: string;
  readonly severity: Severity;
  readonly rule: RuleIdentity;
  /** What is wrong, in words. */
  readonly summary: string;
  /** What a person should check or do. */
  readonly hint: string;
  /** The numbers behind the summary (percent, minutes, times), for structured channels. */
  readonly facts: Readonly<Record<string, FactValue>>;
}

export type BackfillEta =
  | { readonly kind: 'complete' }
  /** `no-data`: fewer than two samples with a fraction; `not-moving`: the fraction did not grow. */
  | { readonly kind: 'unknown'; readonly reason: 'no-data' | 'not-moving' }
  | { readonly kind: 'estimated'; readonly seconds: number; readonly at: string };

/** One line of a progress digest. JSON-serialisable. */
export interface DigestRow {
  readonly rule: RuleIdentity;
  readonly status: RuleStatus | Unrecognised | 'missing' | 'unknown';
  readonly backfill?: number;
  /** Fraction per second over the rate window. */
  readonly backfillRate?: number;
  readonly eta?: BackfillEta;
  readonly lagSeconds?: number;
  readonly lastCanary?: {
    readonly ok: boolean;
    readonly at: string;
    readonly latencySeconds?: number;
    readonly diagnosis?: string;
  };
  /** Kinds of findings currently open for this rule. */
  readonly findings: readonly FindingKind[];
  /** The parity audit's counts, when it ran. */
  readonly parity?: ParityStatus;
}
