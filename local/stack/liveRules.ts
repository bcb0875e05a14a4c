/**
 * What only the local stack knows about a rule, added to the status view's: its status in the emulator
 * right now, whether the dashboard paused it, and its policy's lag limit (drawn on the lag chart).
 */
import type { BucketStatusView } from '../../cli/statusView';
import type { PolicyDocument } from '../../shared/policy/runtime';
import type { EmulatorState } from '../emulator';
import type { StackStatus } from './types';

export function withLiveRules(
  buckets: readonly BucketStatusView[],
  emulator: Pick<EmulatorState, 'buckets'>,
  policy: PolicyDocument,
): StackStatus['buckets'] {
  const live = new Map(emulator.buckets.flatMap((b) => b.rules.map((r) => [`${b.name}/${r.id}`, r] as const)));
  return buckets.map((b) => ({
    ...b,
    rules: b.rules.map((r) => {
      const rule = live.get(`${b.bucket}/${r.ruleId}`);
      const maxLagSeconds = policy.policies[r.policy]?.alerts.maxLagSeconds;
      return {
        ...r,
        liveStatus: rule?.status ?? 'missing',
        paused: rule?.paused ?? false,
        ...(maxLagSeconds !== undefined ? { maxLagSeconds } : {}),
      };
    }),
  }));
}
