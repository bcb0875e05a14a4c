import type { PolicyDocument } from '../policy/runtime';
import type { Finding } from '../progress';
import type { EnsureResult, PolicyPlan } from '../replication';
import { reconcileIncidents, type IncidentOptions } from './incidents';
import { channelsFor, messagesPerChannel } from './routing';
import type { AlertMessage, Incident, Notification } from './types';

/**
 * Blocked buckets follow an incident lifecycle, so a bucket that stays blocked does not alert on
 * every reconcile run (96 a day at a 15-minute schedule): one message when it becomes blocked (or
 * its reason changes), one reminder a day later, one recovery message when it is no longer blocked.
 * A block is a configuration fact, not a noisy measurement: no hold time before resolving.
 */
export const BLOCKED_INCIDENT_OPTIONS: IncidentOptions = {
  quietMinutes: 0,
  reminderMinutes: 24 * 60,
  maxReminders: 1,
  resolveAfterClearSamples: 1,
};

/** The policy plan a blocked result is about: the one its reason names, else the first that blocks. */
function blockingPlan(result: EnsureResult): PolicyPlan | undefined {
  const plans = result.plan?.policies ?? [];
  return plans.find((p) => p.policy === result.reason?.policy) ?? plans.find((p) => p.outcome === 'block') ?? plans[0];
}

/**
 * Who hears about a blocked bucket: the channels of the policy its incident recorded (see channelsFor),
 * so recovery messages reach the people who heard of the block.
 */
export function channelsForIncident(incident: Incident, policy: PolicyDocument): string[] {
  const name = incident.facts['policy'];
  return channelsFor(policy, [typeof name === 'string' && name !== '(none)' ? name : undefined]);
}

/** One finding per bucket, keyed `<bucket>/replication-blocked`: a bucket is blocked or it is not. */
export function blockedFinding(result: EnsureResult, policy: PolicyDocument): Finding {
  const plan = blockingPlan(result);
  const policyName = result.reason?.policy ?? plan?.policy ?? '(none)';
  const code = result.reason?.code ?? 'Blocked';
  return {
    key: `${result.bucket}/replication-blocked`,
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
  };
}

/**
 * Results that say whether their bucket is blocked. `failed` and `busy` say nothing: the bucket
 * was not evaluated, so its incident (if any) is left as it is.
 */
const evaluated = (r: EnsureResult): boolean => r.outcome !== 'failed' && r.outcome !== 'busy';

export interface BlockedScope {
  /** Every bucket that exists (reconcile's listing): an incident on any other bucket is over. */
  readonly listed?: ReadonlySet<string>;
}

/** Incidents this evaluation can move: buckets with a result, and (with a listing) deleted buckets. */
function covers(incident: Incident, results: ReadonlySet<string>, scope: BlockedScope): boolean {
  return results.has(incident.rule.bucket) || (scope.listed !== undefined && !scope.listed.has(incident.rule.bucket));
}

/** A bucket whose block changed reason (or policy) is a new incident: drop the old one so it opens again. */
function sameBlock(incident: Incident, findings: ReadonlyMap<string, Finding>): boolean {
  const f = findings.get(incident.key);
  return !f || (f.facts['reason'] === incident.facts['reason'] && f.facts['policy'] === incident.facts['policy']);
}

/**
 * Moves the open blocked incidents forward given this evaluation's results.
 * @returns the incidents to store (untouched ones included) and the notifications to send.
 */
export function blockedTransitions(
  open: readonly Incident[],
  results: readonly EnsureResult[],
  policy: PolicyDocument,
  now: Date,
  scope: BlockedScope = {},
): { incidents: Incident[]; notifications: Notification[] } {
  const seen = new Set(results.filter(evaluated).map((r) => r.bucket));
  const findings = results.filter((r) => r.outcome === 'blocked').map((r) => blockedFinding(r, policy));
  const byKey = new Map(findings.map((f) => [f.key, f]));
  const moving = open.filter((i) => covers(i, seen, scope));
  const untouched = open.filter((i) => !covers(i, seen, scope));
  const next = reconcileIncidents(
    moving.filter((i) => sameBlock(i, byKey)),
    findings,
    now,
    BLOCKED_INCIDENT_OPTIONS,
  );
  return { incidents: [...untouched, ...next.incidents], notifications: next.notifications };
}

/** The alert messages of a set of notifications: per channel, one message with all that channel should hear. */
export function blockedMessages(notifications: readonly Notification[], policy: PolicyDocument): AlertMessage[] {
  return messagesPerChannel(
    notifications.map((notification) => ({ notification, channels: channelsForIncident(notification.incident, policy) })),
  );
}
