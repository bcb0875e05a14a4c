import type { PolicyDocument } from '../policy/types';
import type { EnsureResult, PolicyPlan } from '../replication/types';
import type { AlertMessage, Notification } from './types';

/** The policy plan a blocked result is about: the one its reason names, else the first that blocks. */
function blockingPlan(result: EnsureResult): PolicyPlan | undefined {
  const plans = result.plan?.policies ?? [];
  return plans.find((p) => p.policy === result.reason?.policy) ?? plans.find((p) => p.outcome === 'block') ?? plans[0];
}

/**
 * Who hears about a blocked bucket: its policy's channels; every channel of the document when the
 * policy is unknown or names none, because an operator must learn that a tagged bucket is not protected.
 */
export function channelsFor(result: EnsureResult, policy: PolicyDocument): string[] {
  const name = result.reason?.policy ?? blockingPlan(result)?.policy;
  const own = name === undefined ? [] : (policy.policies[name]?.alerts.channels ?? []);
  return own.length > 0 ? [...own] : Object.keys(policy.channels);
}

/** One `opened` notification per blocked bucket, keyed `<bucket>/<policy>/replication-blocked`. */
export function blockedNotification(result: EnsureResult, policy: PolicyDocument, now: Date): Notification {
  const plan = blockingPlan(result);
  const policyName = result.reason?.policy ?? plan?.policy ?? '(none)';
  const at = now.toISOString();
  const code = result.reason?.code ?? 'Blocked';
  return {
    type: 'opened',
    at,
    incident: {
      key: `${result.bucket}/${policyName}/replication-blocked`,
      kind: 'replication-blocked',
      severity: 'warning',
      rule: {
        bucket: result.bucket,
        ...(result.plan?.region ? { region: result.plan.region } : {}),
        ruleId: plan?.ruleId ?? '(not created)',
        destinationBucket: plan?.rule?.destination.bucket ?? '(unknown)',
        destinationRegion: policy.policies[policyName]?.destination.region ?? '(unknown)',
      },
      summary: `${code}: ${result.reason?.message ?? 'ensure is blocked'}`,
      hint: 'Fix the bucket or the policy file; the next event or reconcile run applies the rule once the block is gone.',
      facts: { reason: code, policy: policyName },
      state: 'open',
      openedAt: at,
      lastSeenAt: at,
      lastNotifiedAt: at,
      reminders: 0,
      flaps: 0,
    },
  };
}

/**
 * The alert messages for a set of blocked results: per channel, one message listing every blocked
 * bucket that channel should hear about (a single notification, or a batch when there are several).
 */
export function blockedMessages(results: readonly EnsureResult[], policy: PolicyDocument, now: Date): AlertMessage[] {
  const byChannel = new Map<string, Notification[]>();
  for (const result of results.filter((r) => r.outcome === 'blocked')) {
    const notification = blockedNotification(result, policy, now);
    for (const channel of channelsFor(result, policy)) byChannel.set(channel, [...(byChannel.get(channel) ?? []), notification]);
  }
  return [...byChannel].map(([channel, list]): AlertMessage =>
    list.length === 1 ? { kind: 'notification', notification: list[0]!, to: [channel] } : { kind: 'batch', notifications: list, to: [channel] },
  );
}
