import { deliver } from '../../shared/alerts/deliver';
import { buildChannels } from '../../shared/alerts/registry';
import type { AlertMessage, Notification } from '../../shared/alerts/types';
import { secretResolver } from '../../shared/alerts/secretResolver';
import type { PolicyDocument } from '../../shared/policy/types';
import type { AlertsState, StoredMessage } from '../../shared/alerts/alertsState';
import type { DeliverySummary, MonitorContext, RuleView } from './types';

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
 * Where an incident's messages go: its rule's policy channels. An incident for a rule no longer managed
 * (or whose policy vanished) goes to every channel any policy alerts to, so a resolution is never lost.
 */
export function routeNotifications(policy: PolicyDocument, views: readonly RuleView[], notifications: readonly Notification[]): AlertMessage[] {
  const byRule = new Map(views.map((v) => [`${v.rule.bucket}/${v.rule.ruleId}`, v.policy?.alerts.channels]));
  const all = [...new Set(Object.values(policy.policies).flatMap((p) => p.alerts.channels))];
  return notifications.map((notification) => {
    const to = byRule.get(`${notification.incident.rule.bucket}/${notification.incident.rule.ruleId}`) ?? all;
    return { kind: 'notification', notification, to: [...to] };
  });
}

/**
 * Sends stored leftovers first, then this run's messages, each channel on its own (a broken channel
 * never holds up the others). What a channel did not take is kept per channel for the next run.
 */
export async function notify(policy: PolicyDocument, fresh: readonly AlertMessage[], state: AlertsState, ctx: MonitorContext): Promise<NotifyResult> {
  const now = ctx.now;
  const since = new Map<AlertMessage, string>();
  const retained = state.undelivered.filter((m) => now.getTime() - Date.parse(m.since) < UNDELIVERED_MAX_AGE_MS);
  for (const m of retained) since.set(m.message, m.since);
  const messages = [...retained.map((m) => m.message), ...fresh];
  const names = [...new Set(messages.flatMap((m) => m.to ?? Object.keys(policy.channels)))];
  const empty = { undelivered: [], rateLimit: state.rateLimit, deliveries: [], channelErrors: [], digestsSent: [] };
  if (messages.length === 0) return empty;
  const built = buildChannels(policy.channels, {
    resolveSecret: secretResolver(ctx.env),
    ...(ctx.credentials ? { cloudMonitorCredentials: ctx.credentials } : {}),
    ...(ctx.cloudMonitorEndpoint ? { cloudMonitorEndpoint: ctx.cloudMonitorEndpoint } : {}),
    ...(ctx.delivery?.timeoutMs !== undefined ? { timeoutMs: ctx.delivery.timeoutMs } : {}),
  }, names);
  for (const e of built.errors) ctx.log.warn('alert channel unusable', { channel: e.channel, error: e.message });
  const outcome = await deliver(built.channels, messages, {
    now: () => ctx.now,
    rateLimitState: state.rateLimit,
    logger: ctx.log,
    ...(ctx.delivery?.timeoutMs !== undefined ? { timeoutMs: ctx.delivery.timeoutMs } : {}),
    ...(ctx.delivery?.retry ? { retry: ctx.delivery.retry } : {}),
    ...(ctx.delivery?.sleep ? { sleep: ctx.delivery.sleep } : {}),
  });
  const undelivered = outcome.results.flatMap((r) =>
    r.undelivered.map((m): StoredMessage => ({ message: { ...m, to: [r.channel] }, since: since.get(m) ?? now.toISOString() })),
  );
  const left = new Set(outcome.results.flatMap((r) => r.undelivered.filter((m) => m.kind === 'digest').map(() => r.channel)));
  const digestsSent = [...new Set(fresh.filter((m) => m.kind === 'digest').flatMap((m) => m.to ?? []))].filter((c) => !left.has(c) && built.channels.some((b) => b.name === c));
  return {
    undelivered: undelivered.slice(-UNDELIVERED_MAX),
    rateLimit: outcome.rateLimitState,
    deliveries: outcome.results.map((r) => ({ channel: r.channel, ok: r.ok, delivered: r.delivered, attempts: r.attempts, undelivered: r.undelivered.length, ...(r.failure ? { failure: r.failure.code } : {}) })),
    channelErrors: built.errors.map((e) => `${e.channel}: ${e.message}`),
    digestsSent,
  };
}
