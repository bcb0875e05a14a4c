import { canaryStatus } from '../../shared/canary';
import { isOssError } from '../../shared/oss';
import type { Policy } from '../../shared/policy/runtime';
import {
  appendSample,
  digestRow,
  evaluateProgress,
  historyOf,
  lagSeconds,
  type ParityStatus,
  type ProgressSample,
  type RuleIdentity,
  toSample,
} from '../../shared/progress';
import type { Services } from '../../shared/services';
import type { BucketState, OwnedRule } from '../../shared/state';
import type { ReplicationProgress, ReplicationProgressRule } from '../../shared/xml';
import type { RuleView } from './types';

/** Not in the policy file: a rule `starting` this long is a finding (OSS normally starts within minutes). */
export const STARTING_TOO_LONG_MINUTES = 30;
/**
 * The dead man's switch window: verify writes a canary every `everyHours`, so one missed round is
 * tolerated and two are an incident.
 */
export const CANARY_WINDOW_FACTOR = 2;
/** Samples kept per rule: 4 h at the 5-minute timer, enough for the 1 h rate window and stall checks. */
export const SAMPLES_PER_RULE = 48;

/**
 * Progress of the owned rules of one bucket: one GetBucketReplicationProgress per owned rule, with
 * `rule-id` (the current API reference requires it; there is no call for every rule at once). A
 * rule OSS no longer knows (NoSuchReplicationRule) is left out, so it reads as gone; a bucket
 * without any rule left (NoSuchReplicationConfiguration) ends the reading: every owned rule is gone.
 * A source bucket that no longer exists (NoSuchBucket: OSS's own word, not a missing listing entry)
 * is `source-gone`: the monitor retires it instead of reporting its rules gone. Only the asked rule
 * is kept from each answer, whatever else a server sends.
 */
export async function readProgress(s: Services, state: BucketState): Promise<ReplicationProgress | 'source-gone'> {
  const ref = { bucket: state.bucket, ...(state.region ? { region: state.region } : {}) };
  const rules: ReplicationProgressRule[] = [];
  for (const { ruleId } of state.rules) {
    try {
      rules.push(...(await s.oss.getBucketReplicationProgress(ref, ruleId)).rules.filter((r) => r.id === ruleId));
    } catch (error) {
      if (isOssError(error, 'NoSuchBucket')) return 'source-gone';
      if (isOssError(error, 'NoSuchReplicationConfiguration')) return { rules: [] };
      if (isOssError(error, 'NoSuchReplicationRule')) continue;
      throw error;
    }
  }
  return { rules };
}

/**
 * Whether to spend a GetBucketInfo on the destination: only when something points at it (the canary
 * said so, or the rule is not moving), never for a healthy rule.
 */
function destinationSuspect(
  view: { history: readonly ProgressSample[]; canaryCode?: string | undefined; policy?: Policy },
  now: Date,
): boolean {
  if (view.canaryCode === 'DestinationBucketGone') return true;
  const [prev, last] = view.history.slice(-2);
  if (last?.status !== 'doing') return false;
  const lag = lagSeconds(last, now);
  if (lag !== undefined && view.policy && lag > view.policy.alerts.maxLagSeconds) return true;
  return prev?.historical !== undefined && last.historical !== undefined && last.historical < 1 && prev.historical === last.historical;
}

async function destinationMissing(s: Services, rule: OwnedRule): Promise<boolean> {
  try {
    await s.oss.getBucketInfo({ bucket: rule.destinationBucket, region: rule.destinationRegion });
    return false;
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) return true;
    throw error;
  }
}

/** Evaluates one owned rule from its stored history plus this run's reading (and the parity audit's last word). */
export async function viewRule(
  s: Services,
  state: BucketState,
  rule: OwnedRule,
  progress: ReplicationProgress,
  now: Date,
  parity?: ParityStatus,
): Promise<RuleView> {
  const identity: RuleIdentity = {
    bucket: state.bucket,
    ...(state.region ? { region: state.region } : {}),
    ruleId: rule.ruleId,
    destinationBucket: rule.destinationBucket,
    destinationRegion: rule.destinationRegion,
  };
  const policy = s.policy.policies[rule.policy];
  const live = progress.rules.find((r) => r.id === rule.ruleId);
  const ruleMissing = !live || live.status === 'closing';
  const history =
    live && !ruleMissing
      ? appendSample(historyOf(state.progress, rule.ruleId), toSample(live, now), SAMPLES_PER_RULE)
      : historyOf(state.progress, rule.ruleId);
  const canary = canaryStatus(state.canaries, rule.ruleId, rule.createdAt);
  const failing = canary.lastFailure && (!canary.lastSuccessAt || Date.parse(canary.lastFailure.at) > Date.parse(canary.lastSuccessAt));
  const suspect =
    !ruleMissing &&
    destinationSuspect({ history, canaryCode: failing ? canary.lastFailure?.code : undefined, ...(policy ? { policy } : {}) }, now);
  const destMissing = suspect ? await destinationMissing(s, rule) : false;
  const findings = evaluateProgress({
    rule: identity,
    history,
    now,
    thresholds: {
      maxLagSeconds: policy?.alerts.maxLagSeconds ?? 900,
      stalledAfterMinutes: policy?.alerts.stalledAfterMinutes ?? 30,
      startingTooLongMinutes: STARTING_TOO_LONG_MINUTES,
    },
    ruleMissing,
    destinationMissing: destMissing,
    canary,
    canaryWindowHours: CANARY_WINDOW_FACTOR * (policy?.verify.everyHours ?? 6),
    ...(parity ? { parity } : {}),
  });
  const row = digestRow({ rule: identity, history, now, ruleMissing, canary, findings, ...(parity ? { parity } : {}) });
  return {
    rule: identity,
    policyName: rule.policy,
    ...(policy ? { policy } : {}),
    history,
    ruleMissing,
    destinationMissing: destMissing,
    canary,
    findings,
    row,
  };
}
