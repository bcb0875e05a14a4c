import { ALERT_RETRY, backoffDelay, sleep, type RetryPolicy } from '../retry';
import { failure } from './errors';
import { planBatches, pruneState, recentRequests, type RateLimitState } from './rateLimit';
import type { Log } from '../log';
import type { AlertMessage, Channel, ChannelType, DeliveryFailure, DeliveryResult } from './types';

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 15_000;

export interface DeliverOptions {
  readonly retry?: Partial<RetryPolicy>;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** 0..1, for backoff jitter. */
  readonly random?: () => number;
  readonly rateLimitState?: RateLimitState;
  /** Per attempt; a channel that does not answer in time counts as a retryable failure. */
  readonly timeoutMs?: number;
  readonly logger?: Pick<Log, 'info' | 'warn'>;
}

export interface ChannelDelivery {
  readonly channel: string;
  readonly type: ChannelType;
  /** Redacted: safe to log and store. */
  readonly target: string;
  readonly ok: boolean;
  /** Messages sent (a merged batch counts once). */
  readonly delivered: number;
  readonly requests: number;
  readonly attempts: number;
  /** Notifications were merged to stay inside the channel's per-minute limit. */
  readonly merged: boolean;
  /** Not sent (failure or rate limit): JSON, so the caller may store and retry them next run. */
  readonly undelivered: AlertMessage[];
  readonly failure?: DeliveryFailure;
}

export interface DeliverOutcome {
  readonly results: ChannelDelivery[];
  readonly rateLimitState: RateLimitState;
}

interface Ctx {
  readonly policy: RetryPolicy;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly timeoutMs: number;
  readonly logger?: Pick<Log, 'info' | 'warn'>;
  readonly state?: RateLimitState;
}

/** One attempt with a deadline: a hung channel is aborted and reported as a timeout. */
async function attempt(channel: Channel, messages: readonly AlertMessage[], timeoutMs: number): Promise<DeliveryResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<DeliveryResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({
        ok: false,
        delivered: 0,
        requests: 1,
        failure: failure('ALERT_TIMEOUT', `no answer within ${timeoutMs} ms`, { retryable: true }),
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([channel.send(messages, { signal: controller.signal }), timedOut]);
  } catch (err) {
    return {
      ok: false,
      delivered: 0,
      requests: 1,
      failure: failure('ALERT_INTERNAL', `channel threw ${(err as Error)?.name ?? 'an error'}`, { retryable: true }),
    };
  } finally {
    clearTimeout(timer);
  }
}

function chunks(messages: readonly AlertMessage[], size: number): AlertMessage[][] {
  const out: AlertMessage[][] = [];
  for (let i = 0; i < messages.length; i += size) out.push(messages.slice(i, i + size));
  return out;
}

/** Mutable tally for one channel's delivery. */
interface Tally {
  delivered: number;
  requests: number;
  attempts: number;
  failure?: DeliveryFailure;
}

/**
 * Sends one chunk with retries. Each attempt first takes a request slot from `sent` when the channel has
 * a per-minute limit. Returns the messages of the chunk that were not delivered.
 */
async function sendChunk(channel: Channel, chunk: AlertMessage[], sent: number[], tally: Tally, ctx: Ctx): Promise<AlertMessage[]> {
  let left = chunk;
  for (let n = 1; left.length > 0; n++) {
    if (channel.perMinute !== undefined && sent.length >= channel.perMinute) {
      tally.failure = failure('ALERT_RATE_LIMITED', `per-minute limit of ${channel.perMinute} requests reached`, { retryable: true });
      return left;
    }
    tally.attempts += 1;
    const res = await attempt(channel, left, ctx.timeoutMs);
    const at = ctx.now().getTime();
    for (let i = 0; i < res.requests; i++) sent.push(at);
    tally.requests += res.requests;
    tally.delivered += res.delivered;
    left = left.slice(res.delivered);
    if (res.ok || left.length === 0) return [];
    const f = res.failure ?? failure('ALERT_INTERNAL', 'channel reported failure without a reason');
    tally.failure = f;
    ctx.logger?.warn('alert delivery attempt failed', {
      channel: channel.name,
      type: channel.type,
      target: channel.target,
      attempt: n,
      code: f.code,
      status: f.status,
      serviceCode: f.serviceCode,
      error: f.message,
    });
    const delay = f.retryable && n < ctx.policy.maxAttempts ? backoffDelay(ctx.policy, n, ctx.random, f.retryAfterMs) : undefined;
    if (delay === undefined) return left;
    await ctx.sleep(delay);
  }
  return [];
}

function route(messages: readonly AlertMessage[], channel: Channel): AlertMessage[] {
  return messages.filter((m) => !m.to || m.to.includes(channel.name));
}

async function deliverToChannel(channel: Channel, messages: readonly AlertMessage[], sent: number[], ctx: Ctx): Promise<ChannelDelivery> {
  const mine = route(messages, channel);
  const plan =
    channel.perMinute !== undefined ? planBatches(mine, channel.perMinute - sent.length) : { send: mine, deferred: [], merged: false };
  const tally: Tally = { delivered: 0, requests: 0, attempts: 0 };
  if (plan.deferred.length > 0)
    tally.failure = failure('ALERT_RATE_LIMITED', `per-minute limit of ${channel.perMinute} requests reached`, { retryable: true });
  const parts = chunks(plan.send, Math.max(1, channel.maxPerRequest ?? 1));
  let undelivered: AlertMessage[] = [];
  for (const [i, part] of parts.entries()) {
    const left = await sendChunk(channel, part, sent, tally, ctx);
    if (left.length > 0) {
      undelivered = [...left, ...parts.slice(i + 1).flat()];
      break;
    }
  }
  undelivered.push(...plan.deferred);
  const ok = undelivered.length === 0;
  const result: ChannelDelivery = {
    channel: channel.name,
    type: channel.type,
    target: channel.target,
    ok,
    delivered: tally.delivered,
    requests: tally.requests,
    attempts: tally.attempts,
    merged: plan.merged,
    undelivered,
  };
  return ok || !tally.failure ? result : { ...result, failure: tally.failure };
}

function internalFailure(channel: Channel, messages: readonly AlertMessage[], err: unknown): ChannelDelivery {
  const f = failure('ALERT_INTERNAL', `delivery failed unexpectedly: ${(err as Error)?.name ?? 'error'}`);
  return {
    channel: channel.name,
    type: channel.type,
    target: channel.target,
    ok: false,
    delivered: 0,
    requests: 0,
    attempts: 0,
    merged: false,
    undelivered: route(messages, channel),
    failure: f,
  };
}

/**
 * Sends messages to every channel in parallel; each channel retries with jittered backoff on its own, so
 * one slow or broken channel never holds up the others. Channels with a per-minute limit (DingTalk,
 * WeCom) share a budget recorded in `rateLimitState`; over it, notifications are merged into batches and
 * what still does not fit is returned as undelivered. Never throws. Results and logs carry only redacted
 * targets and scrubbed messages.
 */
export async function deliver(
  channels: readonly Channel[],
  messages: readonly AlertMessage[],
  options: DeliverOptions = {},
): Promise<DeliverOutcome> {
  const ctx: Ctx = {
    policy: { ...ALERT_RETRY, ...options.retry },
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.rateLimitState ? { state: options.rateLimitState } : {}),
  };
  const start = ctx.now();
  const sent = pruneState(ctx.state, start);
  const settled = await Promise.allSettled(
    channels.map((c) => deliverToChannel(c, messages, (sent[c.name] = recentRequests(ctx.state, c.name, start)), ctx)),
  );
  const results = settled.map((s, i) => (s.status === 'fulfilled' ? s.value : internalFailure(channels[i]!, messages, s.reason)));
  for (const r of results) {
    ctx.logger?.info('alert delivery finished', {
      channel: r.channel,
      type: r.type,
      target: r.target,
      ok: r.ok,
      delivered: r.delivered,
      undelivered: r.undelivered.length,
      requests: r.requests,
      attempts: r.attempts,
      merged: r.merged,
      code: r.failure?.code,
    });
  }
  return { results, rateLimitState: { sent: pruneState({ sent }, ctx.now()) } };
}
