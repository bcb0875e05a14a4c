export interface RetryPolicy {
  /** Attempts including the first one. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Delay before attempt `attempt + 1`: full jitter over a capped exponential, so several functions retrying
 * the same robot do not hit it in step. A server's Retry-After wins when it is longer; undefined means
 * "do not retry" because the server asked for more than we are willing to wait.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number | undefined {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * cap);
  if (retryAfterMs === undefined) return jittered;
  return retryAfterMs > policy.maxDelayMs ? undefined : Math.max(jittered, retryAfterMs);
}
