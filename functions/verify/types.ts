import type { CanaryDiagnosisCode, CompletedCanary, PendingCanary } from '../../shared/canary';
import type { ScheduledCanary } from '../../shared/replication';
import type { JobContext } from '../../shared/runtime';

/** Everything that can live under `canaries/pending/`. A written canary has no `kind`. */
export type PendingDocument = ScheduledCanary | PendingCanary | CompletedCanary;

export type VerifyContext = JobContext;

/** One verify run: its context and the one instant the whole run is judged at (`now()` at its start). */
export interface VerifyRun extends VerifyContext {
  readonly at: Date;
}

export interface VerifyFailure {
  readonly bucket: string;
  readonly ruleId: string;
  readonly code: CanaryDiagnosisCode;
}

export interface VerifySummary {
  /** Another verify run holds the run lease: nothing was done. */
  readonly skipped?: 'busy';
  /** Due documents looked at. */
  readonly due: number;
  /** Managed buckets whose state was read to find rules due a periodic canary (the due index skips the rest). */
  readonly bucketsRead: number;
  readonly written: number;
  readonly waiting: number;
  readonly verified: number;
  readonly failed: readonly VerifyFailure[];
  /** Outcomes kept in their pending document because the bucket's lease was busy. */
  readonly deferred: number;
  /** Transient errors: the affected documents stay and are retried next run. */
  readonly errors: number;
  /** Work left for the next run because the deadline came near. */
  readonly outOfTime: boolean;
}
