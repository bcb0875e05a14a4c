import type { AlertMessage, Notification } from './types';

export const RATE_WINDOW_MS = 60_000;

/**
 * Request times (unix ms) per channel name within the last minute. JSON-serialisable: the caller stores it
 * with the monitor state so that consecutive invocations share one budget.
 */
export interface RateLimitState {
  readonly sent: Readonly<Record<string, readonly number[]>>;
}

export const EMPTY_RATE_LIMIT_STATE: RateLimitState = { sent: {} };

export function recentRequests(state: RateLimitState | undefined, channel: string, now: Date): number[] {
  const from = now.getTime() - RATE_WINDOW_MS;
  return (state?.sent[channel] ?? []).filter((t) => t > from && t <= now.getTime());
}

/** Drops timestamps older than the window for every channel, so the stored state stays small. */
export function pruneState(state: RateLimitState | undefined, now: Date): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(state?.sent ?? {})) {
    const recent = recentRequests(state, name, now);
    if (recent.length > 0) out[name] = recent;
  }
  return out;
}

function notificationsOf(m: AlertMessage): readonly Notification[] {
  if (m.kind === 'notification') return [m.notification];
  return m.kind === 'batch' ? m.notifications : [];
}

function group(ns: readonly Notification[], slots: number): AlertMessage[] {
  const size = Math.ceil(ns.length / Math.max(1, slots));
  const out: AlertMessage[] = [];
  for (let i = 0; i < ns.length; i += size) {
    const part = ns.slice(i, i + size);
    out.push(part.length === 1 ? { kind: 'notification', notification: part[0]! } : { kind: 'batch', notifications: part });
  }
  return out;
}

export interface BatchPlan {
  readonly send: AlertMessage[];
  /** Did not fit in this minute's budget even after merging. */
  readonly deferred: AlertMessage[];
  readonly merged: boolean;
}

/**
 * Fits messages into `slots` requests: when there are more messages than slots, notifications are merged
 * into evenly sized batches (digests stay whole, one request each). Whatever still does not fit is deferred.
 */
export function planBatches(messages: readonly AlertMessage[], slots: number): BatchPlan {
  if (messages.length <= slots) return { send: [...messages], deferred: [], merged: false };
  if (slots <= 0) return { send: [], deferred: [...messages], merged: false };
  const digests = messages.filter((m) => m.kind === 'digest');
  const notifications = messages.flatMap(notificationsOf);
  const batches = group(notifications, Math.max(1, slots - digests.length));
  const all = [...batches, ...digests];
  return { send: all.slice(0, slots), deferred: all.slice(slots), merged: true };
}
