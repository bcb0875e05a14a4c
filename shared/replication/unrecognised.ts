import type { ReplicationRule } from '../xml';
import type { Reason } from './types';

/**
 * A rule for which OSS reported a value this code does not know (a new Status, transfer type, RTC
 * state...). Nothing about it can be judged: it is neither "in place and fine" nor stale, so ensure
 * never counts it as done, never deletes or replaces it, and never adds a rule beside it.
 */
export function unjudgeable(rule: ReplicationRule): boolean {
  return (rule.unrecognised?.length ?? 0) > 0;
}

/** `Status "paused", RTC.Status "draining"`. */
export function describeUnrecognised(rule: ReplicationRule): string {
  return (rule.unrecognised ?? []).map((u) => `${u.field} "${u.value.slice(0, 64)}"`).join(', ');
}

/** Why ensure leaves the rule alone, in words an operator acts on. */
export function unrecognisedRuleReason(bucket: string, rule: ReplicationRule, policy?: string): Reason {
  return {
    code: 'UnrecognisedRule',
    ...(policy !== undefined ? { policy } : {}),
    message:
      `rule ${rule.id ?? '(no id)'} on ${bucket} reports ${describeUnrecognised(rule)}, which this version does not know; ` +
      'the rule is left exactly as it is (not counted as in place, not replaced, not deleted) until OSS reports known values or this system is upgraded',
  };
}
