import type { DigestRow, FactValue, FindingKind, RuleIdentity, Severity } from '../progress';

/**
 * An incident: one finding key over its lifetime. JSON-serialisable: the monitor stores open incidents
 * in the state bucket and passes them back on its next run.
 */
export interface Incident {
  readonly key: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly rule: RuleIdentity;
  /** Latest words from the finding. */
  readonly summary: string;
  readonly hint: string;
  readonly facts: Readonly<Record<string, FactValue>>;
  /** `clearing`: the finding is gone but has not stayed gone for the hold time yet. */
  readonly state: 'open' | 'clearing';
  readonly openedAt: string;
  readonly lastSeenAt: string;
  readonly lastNotifiedAt: string;
  readonly reminders: number;
  /** How many times the finding cleared and came back while the incident stayed open. */
  readonly flaps: number;
  /** When the finding was last seen to clear (state `clearing` only). */
  readonly clearedAt?: string;
  /** Consecutive evaluations without the finding (state `clearing` only). */
  readonly clearSamples?: number;
}

/** `retired`: the source bucket was deleted, so its incidents close without anything having recovered. */
export type NotificationType = 'opened' | 'reminder' | 'resolved' | 'retired';

export interface Notification {
  readonly type: NotificationType;
  readonly at: string;
  /** The incident as it was when the notification was made. */
  readonly incident: Incident;
}

export interface Digest {
  readonly at: string;
  /** e.g. the policy or deployment the digest covers. */
  readonly title?: string;
  readonly rows: readonly DigestRow[];
}

/**
 * What deliver() sends. `batch` is made by deliver() when a rate-limited channel would otherwise exceed
 * its per-minute budget. `to`, when set, restricts the message to those channel names.
 */
export type AlertMessage = (
  | { readonly kind: 'notification'; readonly notification: Notification }
  | { readonly kind: 'batch'; readonly notifications: readonly Notification[] }
  | { readonly kind: 'digest'; readonly digest: Digest }
) & { readonly to?: readonly string[] };

export type ChannelType = 'dingtalk' | 'lark' | 'wecom' | 'slack' | 'webhook' | 'cloudmonitor';

export type DeliveryErrorCode =
  | 'ALERT_HTTP_STATUS'
  | 'ALERT_REJECTED'
  | 'ALERT_TIMEOUT'
  | 'ALERT_NETWORK'
  | 'ALERT_RATE_LIMITED'
  /** The service answered with a redirect, which is never followed. */
  | 'ALERT_REDIRECT'
  /** The answer was larger than a webhook answer can be (MAX_ANSWER_BYTES); it was not read. */
  | 'ALERT_ANSWER_TOO_LARGE'
  | 'ALERT_CONFIG'
  | 'ALERT_INTERNAL';

/** Why a request failed. `message` is already scrubbed of URLs, tokens and secrets. */
export interface DeliveryFailure {
  readonly code: DeliveryErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly status?: number;
  /** Channel-specific code (DingTalk/WeCom errcode, Lark code, CloudMonitor Code). */
  readonly serviceCode?: string;
  readonly retryAfterMs?: number;
}

/** Outcome of one `Channel.send`: the first `delivered` messages went out; the rest did not. */
export interface DeliveryResult {
  readonly ok: boolean;
  readonly delivered: number;
  /** HTTP requests made (for rate-limit accounting). */
  readonly requests: number;
  readonly failure?: DeliveryFailure;
}

export interface SendOptions {
  /** Aborts the in-flight request (deliver's per-attempt timeout). */
  readonly signal?: AbortSignal;
}

export interface Channel {
  /** The policy's channel name, e.g. `ops`. */
  readonly name: string;
  readonly type: ChannelType;
  /** Safe to log: host and path with tokens masked. */
  readonly target: string;
  /** Requests per minute the service tolerates (DingTalk, WeCom: 20). */
  readonly perMinute?: number;
  /** How many messages one request can carry (CloudMonitor events: 50); deliver chunks by it. Default 1. */
  readonly maxPerRequest?: number;
  /** Sends in order and stops at the first failure. Never throws. */
  send(messages: readonly AlertMessage[], options?: SendOptions): Promise<DeliveryResult>;
}
