import { isRetryableStatus } from '../retry';
import type { DeliveryErrorCode, DeliveryFailure } from './types';

/** Builds a failure; `message` must already be scrubbed. */
export function failure(
  code: DeliveryErrorCode,
  message: string,
  extra: Partial<Omit<DeliveryFailure, 'code' | 'message'>> = {},
): DeliveryFailure {
  return { code, message, retryable: extra.retryable ?? false, ...extra };
}

/** 429 and 5xx may succeed later; other statuses will not (shared/retry). */
export function statusFailure(status: number, body: string, retryAfterMs?: number): DeliveryFailure {
  const retryable = isRetryableStatus(status);
  return failure('ALERT_HTTP_STATUS', `HTTP ${status}: ${body.slice(0, 200)}`, {
    status,
    retryable,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}
