import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DingTalk robot signature: base64(HMAC-SHA256(key = secret, msg = `${timestampMs}\n${secret}`)).
 * Sent URL-encoded in the query as `timestamp` and `sign`; the timestamp is in milliseconds.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with DingTalk's `timestamp` and (URL-encoded) `sign` query parameters appended. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return u.toString();
}

/**
 * Lark/Feishu bot signature: base64(HMAC-SHA256(key = `${timestampSec}\n${secret}`, msg = empty)).
 * Unlike DingTalk the string to sign is the key, and the timestamp is in seconds. Both go in the JSON body.
 */
export function larkSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export const WEBHOOK_SIGNATURE_HEADER = 'X-Autopilot-Signature';

/**
 * Our generic webhook signature: hex(HMAC-SHA256(key = secret, msg = `${timestampSec}.${body}`)), where
 * `body` is the exact request body. Sent as `X-Autopilot-Signature: t=<timestampSec>,v1=<hex>`. Receivers
 * recompute it over the raw body and reject stale timestamps to stop replays.
 */
export function webhookSignature(secret: string, body: string, timestampSec: number): string {
  return createHmac('sha256', secret).update(`${timestampSec}.${body}`, 'utf8').digest('hex');
}

export function webhookSignatureHeader(secret: string, body: string, timestampSec: number): string {
  return `t=${timestampSec},v1=${webhookSignature(secret, body, timestampSec)}`;
}

/**
 * Replay window of the generic webhook: a receiver accepts a signature whose `t` is at most this many
 * seconds away from its own clock, in either direction. Within the window a captured request can be
 * replayed as is; receivers that must not act twice deduplicate on the body's incident id and `t`.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Receiver side (local stack inbox, tests, users' endpoints): checks the header against the raw body
 * (the exact bytes received, before any JSON parsing) and the timestamp against the replay window.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSec = WEBHOOK_TOLERANCE_SECONDS,
): boolean {
  const fields = new Map((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(fields.get('t'));
  const v1 = fields.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSec) return false;
  const expected = Buffer.from(webhookSignature(secret, body, t), 'hex');
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
