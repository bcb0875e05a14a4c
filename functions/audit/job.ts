import { auditBucket, ParityLedger, type AuditRuleOutcome } from '../../shared/audit';
import { mapLimit, type JobContext, type TimerInput } from '../../shared/runtime';
import type { Services } from '../../shared/services';
import { acquireLease, AUDIT_LEASE, BRIEF_LEASE_WAIT, listManagedBuckets, runLeaseTtlMs } from '../../shared/state';

export type AuditInput = TimerInput;

export interface AuditSummary {
  /** Another audit run (or `cli audit`) holds the run lease: nothing was done. */
  readonly skipped?: 'busy';
  readonly buckets: number;
  /** Rules with an audit due or under way this run, and what became of each. */
  readonly rules: readonly AuditRuleOutcome[];
  /** Rules whose next pass is not due yet. */
  readonly notDue: number;
  /** Buckets that could not be audited (read errors); retried next run. */
  readonly errors: readonly string[];
  /** Buckets left for the next run because the deadline came near. */
  readonly outOfTime: boolean;
  /** The shards of `monitor/parity/` this run changed (what the monitor reads again). */
  readonly parityShards: readonly string[];
}

/**
 * One audit run (timer, hourly): for each managed bucket, each owned rule whose policy audits gets its
 * own budget of listing pages and HEADs, carries its pass on from the saved cursor (or starts one when
 * due, or at once after a resync), and saves where it stopped. The monitor turns what the audits found
 * into parity incidents on its next run, from the parity shards this run writes before it ends (see
 * ParityLedger). One run at a time (lease `audit-run`), shared with `cli audit`.
 */
export async function runAudit(_input: AuditInput, s: Services, ctx: JobContext): Promise<AuditSummary> {
  const lease = await acquireLease(
    s.leases,
    { name: AUDIT_LEASE, owner: ctx.invocationId, ttlMs: runLeaseTtlMs(ctx.deadline.remainingMs()) },
    BRIEF_LEASE_WAIT,
    ctx,
  );
  if (!lease) return { skipped: 'busy', buckets: 0, rules: [], notDue: 0, errors: [], outOfTime: false, parityShards: [] };
  const now = ctx.now();
  const outcomes: AuditRuleOutcome[] = [];
  const errors: string[] = [];
  let outOfTime = false;
  try {
    const buckets = await listManagedBuckets(s.state);
    const ledger = new ParityLedger(new Set(buckets));
    await mapLimit(buckets, ctx.concurrency, async (bucket) => {
      if (ctx.deadline.expired()) return void (outOfTime = true);
      try {
        const done = await auditBucket(
          { oss: s.oss, state: s.state, now, remainingMs: () => ctx.deadline.remainingMs(), ledger },
          { bucket, policy: s.policy },
        );
        outcomes.push(...done);
      } catch (error) {
        errors.push(bucket);
        ctx.log.warn('could not audit bucket; retried next run', { bucket, error });
      }
    });
    for (const o of outcomes.filter((o) => o.outcome === 'failed'))
      ctx.log.warn('audit run of a rule failed; it goes on from its cursor next run', { ...o });
    const parityShards = await ledger.save(s.state).catch((error: unknown) => {
      ctx.log.warn('could not write the parity shards; the monitor learns of this run after the next one', { error });
      return [];
    });
    return {
      buckets: buckets.length,
      rules: outcomes.filter((o) => o.outcome !== 'notDue'),
      notDue: outcomes.filter((o) => o.outcome === 'notDue').length,
      errors,
      outOfTime: outOfTime || outcomes.some((o) => o.stoppedBy === 'deadline'),
      parityShards,
    };
  } finally {
    await lease.release();
  }
}
