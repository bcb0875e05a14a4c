import { MAX_RETRY_AFTER_MS, NOT_SENT_NETWORK_CODES, THROTTLING_CODES } from './constants';
import { OssError, OssNetworkError, OssRetryExhaustedError, OssTimeoutError } from './errors';
import type { RetryPolicy } from './types';

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000 };

/** Decides whether a failed attempt is worth another one. `attempt` is the 1-based number of the failed attempt. */
export type ShouldRetry = (error: unknown, attempt: number) => boolean;

export interface RetryOptions {
  readonly operation: string;
  readonly policy: RetryPolicy;
  readonly shouldRetry: ShouldRetry;
  /** Injected for tests; defaults to setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected for tests; defaults to Math.random. */
  readonly random?: () => number;
}

/** Network failures, timeouts, 5xx, 429 and throttling codes. Other 4xx never: they would fail again. */
export const retryTransient: ShouldRetry = (error) => {
  if (error instanceof OssNetworkError || error instanceof OssTimeoutError) return true;
  if (error instanceof OssError) return error.status >= 500 || error.status === 429 || THROTTLING_CODES.has(error.code);
  return false;
};

/**
 * For calls that must not run twice (add a rule, create-only writes): only retry when OSS answered
 * with an error (so it did not apply the call) or the request provably never left. A timeout or a
 * reset mid-request is ambiguous, so it goes back to the caller, who re-reads state.
 */
export const retryNotApplied: ShouldRetry = (error, attempt) => {
  if (error instanceof OssTimeoutError) return false;
  if (error instanceof OssNetworkError) {
    return NOT_SENT_NETWORK_CODES.has(error.code) || (error.code === 'ECONNRESET' && error.reusedSocket);
  }
  return retryTransient(error, attempt);
};

/** Capped exponential backoff with full jitter, at least as long as the server's Retry-After. */
export function backoffDelay(policy: RetryPolicy, attempt: number, error: unknown, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  const retryAfter = error instanceof OssError ? error.retryAfterMs : undefined;
  return retryAfter === undefined ? jittered : Math.max(jittered, retryAfter);
}

/** Parses `Retry-After` as delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Runs `attempt` until it succeeds, the decision refuses a retry (the error is rethrown as is),
 * or the budget is spent (OssRetryExhaustedError with the last error as cause). Each call of
 * `attempt` builds and signs its request afresh.
 */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, Math.floor(options.policy.maxAttempts));
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!options.shouldRetry(error, n)) throw error;
      if (n >= maxAttempts) throw new OssRetryExhaustedError(options.operation, n, toError(error));
      const delay = backoffDelay(options.policy, n, error, random);
      // Waiting longer than a function can afford helps nobody: give up with the server's answer.
      if (delay > MAX_RETRY_AFTER_MS) throw new OssRetryExhaustedError(options.operation, n, toError(error));
      await sleep(delay);
    }
  }
}
