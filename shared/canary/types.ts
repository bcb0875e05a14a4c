import type { CanaryRecord } from '../state';
import type { ReplicationAction } from '../xml';

/** The rule a canary proves, as the verify job knows it from the state bucket. */
export interface CanaryTarget {
  readonly sourceBucket: string;
  readonly sourceRegion: string;
  readonly ruleId: string;
  readonly destinationBucket: string;
  readonly destinationRegion: string;
  readonly prefixes: readonly string[];
  readonly actions: readonly ReplicationAction[];
}

/** A written canary waiting to be checked. JSON-serialisable: it lives in the state bucket between invocations. */
export interface PendingCanary {
  readonly target: CanaryTarget;
  readonly key: string;
  readonly nonce: string;
  readonly crc64: string;
  readonly eTag: string;
  readonly versionId?: string;
  readonly writtenAt: string;
  /** First check not before this time (policy verify.delaySeconds). */
  readonly dueAt: string;
  /**
   * Failure when not satisfied by this time: written + verify.timeoutSeconds for the copy; when the
   * delete phase starts, the same span again from the moment the copy was seen.
   */
  readonly deadlineAt: string;
  /** `copy`: waiting for the object in the destination; `delete`: waiting for the source delete to replicate. */
  readonly phase: 'copy' | 'delete';
  /** Set when the copy was seen, with its latency. */
  readonly arrivedAt?: string;
  /** Version id of the destination copy (from its HEAD), so cleanup can remove exactly that version. */
  readonly destinationVersionId?: string;
  /** Version id of the delete marker our source delete made (versioned buckets, delete-replicating rules). */
  readonly sourceMarkerVersionId?: string;
  readonly attempts: number;
}

export type CanaryDiagnosisCode =
  | 'RuleMissing'
  | 'RuleStillStarting'
  | 'RuleClosing'
  | 'SourceBucketGone'
  | 'DestinationBucketGone'
  | 'VersioningMismatch'
  | 'AccessDenied'
  | 'ContentMismatch'
  | 'DeleteNotReplicated'
  | 'NeverArrived';

export interface CanaryDiagnosis {
  readonly code: CanaryDiagnosisCode;
  /** In words a person acts on. */
  readonly message: string;
}

export type CanaryCheck =
  /** Not there yet and the deadline has not passed: check again later. */
  | { readonly kind: 'waiting'; readonly pending: PendingCanary }
  /** Proven: the copy arrived intact (and, when the rule replicates deletes, the delete did too). */
  | { readonly kind: 'verified'; readonly latencyMs: number; readonly checkedAt: string }
  | { readonly kind: 'failed'; readonly diagnosis: CanaryDiagnosis; readonly checkedAt: string };

/**
 * A finished check whose outcome is not yet in BucketState. The pending document is overwritten with
 * this before the bucket's state is updated, so a crash or a busy bucket lease loses nothing: the
 * next run finds it (its key is already due) and records it.
 */
export interface CompletedCanary {
  readonly kind: 'completed';
  readonly target: CanaryTarget;
  readonly record: CanaryRecord;
}
