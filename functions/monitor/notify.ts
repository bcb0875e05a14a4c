import { type AlertMessage, type AlertsState, channelsFor, type Notification, sendAlerts, type StoredMessage } from '../../shared/alerts';
import type { PolicyDocument } from '../../shared/policy/runtime';
import type { DeliverySummary, MonitorRun, RuleView } from './types';

/** Undelivered messages are retried for a day, and at most this many are kept. */
export const UNDELIVERED_MAX_AGE_MS = 24 * 3_600_000;
export const UNDELIVERED_MAX = 200;

export interface NotifyResult {
  readonly undelivered: StoredMessage[];
  readonly rateLimit: AlertsState['rateLimit'];
  readonly deliveries: DeliverySummary[];
  readonly channelErrors: string[];
  /** Channels whose digest went out this run. */
  readonly digestsSent: string[];
}

/**
 * Where an incident's messages go: its rule's policy channels, or, for a rule no longer managed (or
 * whose policy vanished), every channel (channelsFor), so a resolution is never lost.
 */
export function routeNotifications(
  policy: PolicyDocument,
  views: readonly RuleView[],
  notifications: readonly Notification[],
): AlertMessage[] {
  const policyOf = new Map(views.map((v) => [`${v.rule.bucket}/${v.rule.ruleId}`, v.policyName]));
  return notifications.map((notification) => {
    const to = channelsFor(policy, [policyOf.get(`${notification.incident.rule.bucket}/${notification.incident.rule.ruleId}`)]);
    return { kind: 'notification', notification, to };
  });
}

/**
 * Sends stored leftovers first, then this run's messages, each channel on its own (a broken channel
 * never holds up the others). What a channel did not take is kept per channel for the next run.
 */
export async function notify(
  policy: PolicyDocument,
  fresh: readonly AlertMessage[],
  state: AlertsState,
  ctx: MonitorRun,
): Promise<NotifyResult> {
  const now = ctx.at;
  const since = new Map<AlertMessage, string>();
  const retained = state.undelivered.filter((m) => now.getTime() - Date.parse(m.since) < UNDELIVERED_MAX_AGE_MS);
  for (const m of retained) since.set(m.message, m.since);
  const messages = [...retained.map((m) => m.message), ...fresh];
  if (messages.length === 0) return { undelivered: [], rateLimit: state.rateLimit, deliveries: [], channelErrors: [], digestsSent: [] };
  // The run's one instant also dates the rate-limit budgets it spends.
  const { outcome, unusable } = await sendAlerts(policy, ctx.env, ctx.log, messages, {
    ...ctx.alerts,
    now: () => now,
    rateLimitState: state.rateLimit,
  });
  const undelivered = outcome.results.flatMap((r) =>
    r.undelivered.map((m): StoredMessage => ({ message: { ...m, to: [r.channel] }, since: since.get(m) ?? now.toISOString() })),
  );
  const left = new Set(outcome.results.flatMap((r) => r.undelivered.filter((m) => m.kind === 'digest').map(() => r.channel)));
  const digestsSent = [...new Set(fresh.filter((m) => m.kind === 'digest').flatMap((m) => m.to ?? []))].filter(
    (c) => !left.has(c) && outcome.results.some((r) => r.channel === c),
  );
  return {
    undelivered: undelivered.slice(-UNDELIVERED_MAX),
    rateLimit: outcome.rateLimitState,
    deliveries: outcome.results.map((r) => ({
      channel: r.channel,
      ok: r.ok,
      delivered: r.delivered,
      attempts: r.attempts,
      undelivered: r.undelivered.length,
      ...(r.failure ? { failure: r.failure.code } : {}),
    })),
    channelErrors: unusable.map((e) => `${e.channel}: ${e.message}`),
    digestsSent,
  };
}
