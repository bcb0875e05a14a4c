/**
 * Which failures are worth another attempt, and how hard each client tries: the data every retry in
 * this code base decides by (the OSS client's withRetry, the alert channels' deliver, FC's retry of an
 * invocation through shared/oss isTransient).
 */
import type { RetryPolicy } from './backoff';

/** 429 (slow down) and 5xx (the server failed): a later attempt may succeed; any other status would fail again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** OSS codes that mean "slow down", whatever status they come with (some arrive with a 4xx). */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequests',
  'RequestRateExceeded',
  'ServerBusy',
  'SlowDown',
  'QpsLimitExceeded',
  'DownloadTrafficRateLimitExceeded',
  'UploadTrafficRateLimitExceeded',
]);

/**
 * Code families of Alibaba Cloud RPC APIs (CloudMonitor), which qualify a code with a suffix:
 * `Throttling.User`, `Throttling.Api`, `ServiceUnavailable`, `InternalError`, or an HTTP 5xx status
 * given as the code.
 */
const RETRYABLE_CODE_FAMILIES = /^5\d\d$|Throttl|ServiceUnavailable|InternalError/i;

/** A service error code that a later attempt may get past, from OSS or an RPC API alike. */
export function isRetryableCode(code: string): boolean {
  return THROTTLING_CODES.has(code) || RETRYABLE_CODE_FAMILIES.test(code);
}

/**
 * The OSS client: short pauses (a function's budget is minutes and a sweep makes thousands of calls),
 * but a Retry-After of up to 30 s is honoured, since OSS sends it when it really needs the pause.
 */
export const OSS_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 30_000 };

/**
 * Alert channels: fewer, longer pauses (a chat robot that refused a message needs seconds, not
 * milliseconds), and a Retry-After longer than the longest pause ends the retries: the undelivered
 * message is kept for the next run instead.
 */
export const ALERT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };
