import type { DeliveryErrorCode, DeliveryFailure } from './types';

/** Builds a failure; `message` must already be scrubbed. */
export function failure(code: DeliveryErrorCode, message: string, extra: Partial<Omit<DeliveryFailure, 'code' | 'message'>> = {}): DeliveryFailure {
  return { code, message, retryable: extra.retryable ?? false, ...extra };
}

/** 429 and 5xx may succeed later; other statuses will not. */
export function statusFailure(status: number, body: string, retryAfterMs?: number): DeliveryFailure {
  const retryable = status === 429 || status >= 500;
  return failure('ALERT_HTTP_STATUS', `HTTP ${status}: ${body.slice(0, 200)}`, {
    status,
    retryable,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}
