import { ensure, type EnsureDeps, type EnsureOutcome, type EnsureResult, type ReasonCode } from '../../shared/replication';
import {
  type BucketTrigger,
  type IgnoredReason,
  isBucketTrigger,
  parseBucketEvents,
  RetryableError,
  type TriggerReason,
} from '../../shared/runtime';
import { blockedMemoryOf, ensureDepsOf, type EnsureJobContext, type Services } from '../../shared/services';
import { claimEvent, eventLeaseWaitMs, forgetEvent } from '../../shared/state';
import { alertBlocked, type AlertReport } from '../../shared/alerts';

/** The invocation's deadline also bounds event claims: one claimed by this invocation expires once it has passed. */
export type BucketEventsContext = EnsureJobContext;

/** After its deadline FC ends the invocation within the deadline margin; this adds slack for clock skew. */
const CLAIM_SLACK_MS = 10_000;
/** Claim length when the runtime gave no timeout (CLI, local runs). */
const DEFAULT_CLAIM_MS = 300_000;
/** How long this invocation may wait for a busy lease: bounded, and never into its own deadline. */
function leaseWaitMs(ctx: BucketEventsContext): number {
  return eventLeaseWaitMs(ctx.deadline.remainingMs());
}

function claimUntil(ctx: BucketEventsContext): Date {
  const at = ctx.deadline.at;
  return new Date(Number.isFinite(at) ? at + CLAIM_SLACK_MS : ctx.now().getTime() + DEFAULT_CLAIM_MS);
}

export interface BucketOutcome {
  readonly bucket: string;
  readonly eventId: string;
  readonly trigger: TriggerReason;
  /** `duplicate`: another delivery of the same event id was processed already. */
  readonly outcome: EnsureOutcome | 'duplicate';
  readonly reason?: ReasonCode;
  readonly message?: string;
  readonly ruleIds: readonly string[];
}

export interface BucketEventsSummary {
  readonly events: number;
  readonly ignored: number;
  readonly ignoredReasons: readonly IgnoredReason[];
  readonly buckets: readonly BucketOutcome[];
  readonly alerts: readonly AlertReport[];
}

function outcomeOf(trigger: BucketTrigger, result: EnsureResult | 'duplicate'): BucketOutcome {
  const base = { bucket: trigger.bucket, eventId: trigger.eventId, trigger: trigger.reason };
  if (result === 'duplicate') return { ...base, outcome: 'duplicate', ruleIds: [] };
  const reason = result.reason ? { reason: result.reason.code, message: result.reason.message } : {};
  return { ...base, outcome: result.outcome, ...reason, ruleIds: result.ruleIds };
}

/** What a result changed on the bucket. */
const changed = (r: EnsureResult): boolean => r.outcome === 'created' || r.outcome === 'replaced' || r.outcome === 'removed';

/**
 * One trigger: claim the event id (one create-only write, see claimEvent), then ensure. The event is
 * only a trigger: ensure re-reads tags, versioning and rules; the payload's region is a hint for the
 * endpoint, nothing more.
 *
 * A busy bucket's lease is waited for (leaseWaitMs) before the result counts as `busy`.
 * A retryable result (`busy`, a transient failure, a replacement still waiting for a closing rule)
 * un-claims the event so that FC's retry of this invocation is not dropped as a duplicate. A claim
 * found expired (its invocation finished or died, see claimEvent) is re-checked by the ensure: a
 * re-check that changes nothing is reported as the duplicate it was.
 */
async function handleTrigger(
  trigger: BucketTrigger,
  deps: EnsureDeps,
  services: Services,
  ctx: BucketEventsContext,
): Promise<EnsureResult | 'duplicate'> {
  const claim = await claimEvent(services.state, trigger.eventId, ctx.now(), claimUntil(ctx));
  if (claim !== 'duplicate') {
    const result = await ensure(trigger.bucket, deps, {
      leaseWaitMs: leaseWaitMs(ctx),
      ...(trigger.region !== undefined ? { region: trigger.region } : {}),
    });
    if (result.retryable && claim === 'claimed') await forgetEvent(services.state, trigger.eventId);
    if (claim === 'claimed' || result.retryable || changed(result)) return result;
  }
  ctx.log.info('duplicate event acknowledged', { bucket: trigger.bucket, eventId: trigger.eventId });
  return 'duplicate';
}

/**
 * Handles one EventBridge delivery (a CloudEvent, a batch, or RawData). Ignored events are logged
 * with their reason and acknowledged. Blocked buckets are alerted once per incident, never thrown.
 *
 * `busy` (the lease stayed held for the whole wait) is retried, not acknowledged: the lease holder
 * may have read the bucket before the change this event reports (a tag added while it ran), so
 * acknowledging could leave the bucket waiting for the next reconcile sweep. FC's async retry (with
 * backoff) re-runs ensure, which is cheap when the holder already did the work; duplicates of an
 * event that succeeded stay deduped.
 *
 * @throws RetryableError when any trigger ended retryable; other triggers of the batch are marked
 *   processed, so the retry only redoes the ones that were not finished.
 */
export async function runBucketEvents(
  payload: unknown,
  open: () => Promise<Services>,
  ctx: BucketEventsContext,
): Promise<BucketEventsSummary> {
  const parsed = parseBucketEvents(payload);
  const ignored = parsed.filter((e) => !isBucketTrigger(e));
  for (const e of ignored)
    if (e.kind === 'ignored') ctx.log.info('event ignored', { reason: e.reason, detail: e.detail, eventId: e.eventId });
  const summary = {
    events: parsed.length,
    ignored: ignored.length,
    ignoredReasons: ignored.flatMap((e) => (e.kind === 'ignored' ? [e.reason] : [])),
  };
  // A delivery with nothing to do touches no state: the state bucket (and its once-per-instance check)
  // is opened only for a trigger, so an ignored event costs no request at all.
  if (ignored.length === parsed.length) return { ...summary, buckets: [], alerts: [] };
  const services = await open();
  const deps = ensureDepsOf(services, ctx);
  const done: Array<{ trigger: BucketTrigger; result: EnsureResult | 'duplicate' }> = [];
  // Sequential on purpose: a batch often names one bucket several times, and parallel ensures of
  // the same bucket would only contend for its lease.
  for (const trigger of parsed.filter(isBucketTrigger)) done.push({ trigger, result: await handleTrigger(trigger, deps, services, ctx) });
  const results = done.flatMap((d) => (d.result === 'duplicate' ? [] : [d.result]));
  // Shared incident memory with reconcile: a bucket already alerted about is not alerted again.
  const alerts = await alertBlocked(results, blockedMemoryOf(services, ctx));
  const retry = results.filter((r) => r.retryable);
  if (retry.length > 0) {
    const list = retry.map((r) => `${r.bucket} (${r.outcome}${r.reason ? `: ${r.reason.code}` : ''})`).join(', ');
    // Only lease contention is expected (a bucket's PutBucket and PutBucketTags events arrive together).
    const busyOnly = retry.every((r) => r.outcome === 'busy');
    throw new RetryableError(busyOnly ? 'BucketBusy' : 'EnsureRetryable', `retry later: ${list}`, { expected: busyOnly });
  }
  return { ...summary, buckets: done.map((d) => outcomeOf(d.trigger, d.result)), alerts };
}
