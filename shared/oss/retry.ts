import { backoffDelay, sleep as realSleep, type RetryPolicy } from '../retry';
import { NOT_SENT_NETWORK_CODES } from './constants';
import { isRetryableFailure, OssError, OssNetworkError, OssRetryExhaustedError, OssTimeoutError } from './errors';

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

/** Network failures, timeouts, 5xx, 429 and throttling codes (shared/retry). Other 4xx never: they would fail again. */
export const retryTransient: ShouldRetry = (error) => isRetryableFailure(error);

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
      const delay = backoffDelay(options.policy, n, random, error instanceof OssError ? error.retryAfterMs : undefined);
      // Waiting longer than a function can afford helps nobody: give up with the server's answer.
      if (delay === undefined) throw new OssRetryExhaustedError(options.operation, n, toError(error));
      await sleep(delay);
    }
  }
}
