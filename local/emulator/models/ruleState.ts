/**
 * The replication rule state machine (oss-api.md §1.1): `starting` for a while after the add, then
 * `doing`; a delete turns it `closing`, and after a while it is gone. Derived from timestamps so it
 * survives restarts and follows an injected clock.
 */
import type { RuleStatus } from '../../../shared/xml';
import type { BucketRecord, RuleRecord } from './types';

export interface RuleTimings {
  readonly startingMs: number;
  readonly closingMs: number;
}

export type RuleLifecycle = RuleStatus | 'gone';

export function ruleLifecycle(record: RuleRecord, now: number, timings: RuleTimings): RuleLifecycle {
  if (record.deletedAt !== undefined) {
    return now >= record.deletedAt + timings.closingMs ? 'gone' : 'closing';
  }
  return now >= record.createdAt + timings.startingMs ? 'doing' : 'starting';
}

/** When the rule entered (or will enter) `doing`. */
export function doingSince(record: RuleRecord, timings: RuleTimings): number {
  return record.createdAt + timings.startingMs;
}

/** Rules still visible through the API (anything but gone). */
export function visibleRules(bucket: BucketRecord, now: number, timings: RuleTimings): RuleRecord[] {
  return bucket.rules.filter((r) => ruleLifecycle(r, now, timings) !== 'gone');
}

/** Drops rules whose closing period is over. Returns true when something was dropped. */
export function purgeGoneRules(bucket: BucketRecord, now: number, timings: RuleTimings): boolean {
  const before = bucket.rules.length;
  bucket.rules = visibleRules(bucket, now, timings);
  return bucket.rules.length !== before;
}
