import { type AlertMessage, channelsFor, type Incident, messagesPerChannel, type Notification, openIncident } from '../../shared/alerts';
import type { PolicyDocument } from '../../shared/policy/runtime';
import { bucketLeaseName, type BucketState, deleteBucketDocuments, FORGET_LEASE_AFTER_MS, withBucketWriteLease } from '../../shared/state';
import type { Services } from '../../shared/services';
import type { MonitorRun } from './types';

/** A retired entry whose lease could not be forgotten is dropped after this long anyway (bounded memory). */
export const RETIRED_MAX_AGE_MS = 24 * 3_600_000;

const words = (state: BucketState): string => {
  const where = state.region ? `${state.bucket} (${state.region})` : state.bucket;
  const destinations = [...new Set(state.rules.map((r) => `${r.destinationBucket} (${r.destinationRegion})`))].join(', ');
  return `Source bucket ${where} was deleted: no longer managed. Replication to ${destinations || 'its destination'} is no longer watched or verified, and its open incidents are closed.`;
};

const HINT =
  'Nothing to do if the deletion was intended. Otherwise the destination holds what was replicated; re-create and tag the bucket to manage it again.';

/** The incident a retirement closes when none was open: one message still says the bucket left management. */
function retirementIncident(state: BucketState, at: string): Incident {
  const rule = state.rules[0];
  return openIncident(
    {
      key: `${state.bucket}/source-deleted`,
      kind: 'rule-gone',
      severity: 'warning',
      rule: {
        bucket: state.bucket,
        ...(state.region ? { region: state.region } : {}),
        ruleId: rule?.ruleId ?? '(none)',
        destinationBucket: rule?.destinationBucket ?? '(unknown)',
        destinationRegion: rule?.destinationRegion ?? '(unknown)',
      },
      summary: '',
      hint: '',
      facts: {},
    },
    at,
  );
}

/**
 * The notifications of one retired bucket: each open incident closed with the same words (the source
 * is gone, not recovered), or one closing notice when none was open.
 */
export function retirementNotifications(state: BucketState, open: readonly Incident[], now: Date): Notification[] {
  const at = now.toISOString();
  const closing = open.length > 0 ? open : [retirementIncident(state, at)];
  return closing.map((incident) => ({
    type: 'retired',
    at,
    incident: { ...incident, summary: words(state), hint: HINT, facts: { ...incident.facts, reason: 'SourceBucketDeleted' } },
  }));
}

/** One message per channel of the buckets' policies (see channelsFor) for everything retired this run. */
export function retirementMessages(
  policy: PolicyDocument,
  retiring: readonly { state: BucketState; incidents: readonly Incident[] }[],
  now: Date,
): AlertMessage[] {
  return messagesPerChannel(
    retiring.flatMap(({ state, incidents }) => {
      const channels = channelsFor(
        policy,
        state.rules.map((r) => r.policy),
      );
      return retirementNotifications(state, incidents, now).map((notification) => ({ notification, channels }));
    }),
  );
}

/**
 * Deletes the documents of retired buckets, each under its bucket lease. A busy lease or an error
 * leaves the bucket for the next run, which finds it gone again and finishes (without a second message).
 */
export async function deleteRetired(s: Services, buckets: readonly string[], ctx: MonitorRun): Promise<void> {
  for (const bucket of buckets) {
    try {
      const write = await withBucketWriteLease(s.leases, bucket, ctx.invocationId, ctx, () => deleteBucketDocuments(s.state, bucket));
      if (write.held) ctx.log.info('source bucket deleted: no longer managed', { bucket, ...write.value });
      else ctx.log.warn('bucket lease busy; the deleted bucket is retired next run', { bucket });
    } catch (error) {
      ctx.log.warn('could not delete the state of a deleted bucket; retried next run', { bucket, error });
    }
  }
}

/**
 * The retired entries to keep: an entry goes when its bucket is managed again (`alive`), when the
 * bucket's lease could be forgotten (FORGET_LEASE_AFTER_MS after retirement, so nothing of the bucket
 * is left in the state bucket), or after RETIRED_MAX_AGE_MS.
 */
export async function nextRetired(
  s: Services,
  retired: Readonly<Record<string, string>>,
  managed: ReadonlySet<string>,
  alive: ReadonlySet<string>,
  ctx: MonitorRun,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [bucket, at] of Object.entries(retired)) {
    const age = ctx.at.getTime() - Date.parse(at);
    if (alive.has(bucket) || !(age < RETIRED_MAX_AGE_MS)) continue;
    if (age >= FORGET_LEASE_AFTER_MS && !managed.has(bucket) && s.leases.forget) {
      const forgotten = await s.leases.forget(bucketLeaseName(bucket), FORGET_LEASE_AFTER_MS).catch((error: unknown) => {
        ctx.log.warn('could not delete the lease of a retired bucket; retried next run', { bucket, error });
        return false;
      });
      if (forgotten) continue;
    }
    out[bucket] = at;
  }
  return out;
}
