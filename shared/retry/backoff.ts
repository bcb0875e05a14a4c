/**
 * The mechanics of trying again, shared by the OSS client and the alert channels: how long to wait
 * between attempts and what a server's Retry-After asks for. Which failures deserve another attempt,
 * and how hard each client tries, is data in policies.ts.
 */

export interface RetryPolicy {
  /** Attempts including the first one. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  /** Ceiling of the jittered pause between attempts. */
  readonly maxDelayMs: number;
  /**
   * The longest pause a server may ask for (Retry-After) that is still waited for; asking for more
   * ends the retries and the caller reports the answer. Default: maxDelayMs.
   */
  readonly maxRetryAfterMs?: number;
}

/**
 * Delay before attempt `attempt + 1` (`attempt` is the 1-based number of the failed attempt): full
 * jitter under a ceiling that doubles from baseDelayMs up to maxDelayMs, so several callers retrying
 * one server do not hit it in step. A server's Retry-After wins when it is longer; undefined means
 * "do not retry": the server asked for more than the policy waits.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number;
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs: number | undefined,
): number | undefined;
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number, retryAfterMs?: number): number | undefined {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return retryAfterMs > (policy.maxRetryAfterMs ?? policy.maxDelayMs) ? undefined : Math.max(jittered, retryAfterMs);
}

/**
 * `Retry-After` as delay-seconds (digits only, as RFC 9110 writes it) or an HTTP date, in milliseconds
 * from `now`; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The real wait between attempts and polls; callers take it as an injectable default so tests need not wait. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
