import { isTransient, OssError, OssNetworkError, OssRetryExhaustedError, OssTimeoutError } from '../../../shared/oss/errors';
import { OSS_RETRY } from '../../../shared/retry';
import { retryNotApplied, retryTransient, withRetry } from '../../../shared/oss/retry';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const ossError = (status: number, code = 'X', retryAfterMs?: number): OssError =>
  new OssError({ code, status, operation: 'Op', retryAfterMs }, 'm');

describe('retryTransient', () => {
  it('retries network errors', () => expect(retryTransient(new OssNetworkError('Op', 'ECONNRESET', 'reset'), 1)).toBe(true));
  it('retries timeouts', () => expect(retryTransient(new OssTimeoutError('Op', 10), 1)).toBe(true));
  it('retries 5xx', () => expect(retryTransient(ossError(503), 1)).toBe(true));
  it('retries 429', () => expect(retryTransient(ossError(429), 1)).toBe(true));
  it('retries a throttling code sent with a 4xx status', () => expect(retryTransient(ossError(400, 'Throttling'), 1)).toBe(true));
  it('never retries other 4xx', () => {
    expect([400, 403, 404, 409, 412].map((s) => retryTransient(ossError(s), 1))).toEqual([false, false, false, false, false]);
  });
  it('never retries unknown errors', () => expect(retryTransient(new Error('boom'), 1)).toBe(false));
});

describe('isTransient', () => {
  it('counts exhausted retries as transient', () => expect(isTransient(new OssRetryExhaustedError('Op', 4, ossError(503)))).toBe(true));
  it('counts a throttling code sent with a 4xx status as transient, as the retry does', () =>
    expect(isTransient(ossError(400, 'Throttling'))).toBe(true));
  it('counts other 4xx as permanent', () => expect(isTransient(ossError(403, 'AccessDenied'))).toBe(false));
});

describe('retryNotApplied', () => {
  it('does not retry a timeout (the call may have been applied)', () =>
    expect(retryNotApplied(new OssTimeoutError('Op', 1), 1)).toBe(false));
  it('does not retry a reset on a fresh socket', () =>
    expect(retryNotApplied(new OssNetworkError('Op', 'ECONNRESET', 'r'), 1)).toBe(false));
  it('retries a reset on a reused keep-alive socket', () => {
    expect(retryNotApplied(new OssNetworkError('Op', 'ECONNRESET', 'r', { reusedSocket: true }), 1)).toBe(true);
  });
  it('retries a refused connection', () => expect(retryNotApplied(new OssNetworkError('Op', 'ECONNREFUSED', 'r'), 1)).toBe(true));
  it('retries a 503 answer', () => expect(retryNotApplied(ossError(503), 1)).toBe(true));
});

describe('withRetry', () => {
  const noSleep = { sleep: async () => undefined, random: () => 0.5 };

  it('returns the first success', async () => {
    let calls = 0;
    const result = await withRetry(async () => (++calls < 3 ? Promise.reject(ossError(500)) : 'ok'), {
      operation: 'Op',
      policy,
      shouldRetry: retryTransient,
      ...noSleep,
    });
    expect([result, calls]).toEqual(['ok', 3]);
  });

  it('rethrows a non-retryable error as is after one attempt', async () => {
    let calls = 0;
    const denied = ossError(403, 'AccessDenied');
    await expect(
      withRetry(
        async () => {
          calls++;
          throw denied;
        },
        { operation: 'Op', policy, shouldRetry: retryTransient, ...noSleep },
      ),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('gives up after the budget with OssRetryExhaustedError carrying attempts and cause', async () => {
    const last = ossError(503);
    const err = await withRetry(
      async () => {
        throw last;
      },
      { operation: 'Op', policy, shouldRetry: retryTransient, ...noSleep },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssRetryExhaustedError);
    expect((err as OssRetryExhaustedError).attempts).toBe(4);
    expect((err as OssRetryExhaustedError).cause).toBe(last);
  });

  it('sleeps the computed backoff between attempts', async () => {
    const sleeps: number[] = [];
    await withRetry(
      async () => {
        throw ossError(503);
      },
      {
        operation: 'Op',
        policy,
        shouldRetry: retryTransient,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
      },
    ).catch(() => undefined);
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('passes the attempt number to the decision', async () => {
    const seen: number[] = [];
    await withRetry(
      async () => {
        throw ossError(503);
      },
      { operation: 'Op', policy, shouldRetry: (_e, n) => (seen.push(n), n < 2), ...noSleep },
    ).catch(() => undefined);
    expect(seen).toEqual([1, 2]);
  });

  it("waits a Retry-After of up to 30 s with the client's policy", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    await withRetry(async () => (++calls < 2 ? Promise.reject(ossError(503, 'X', 20_000)) : 'ok'), {
      operation: 'Op',
      policy: OSS_RETRY,
      shouldRetry: retryTransient,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0,
    });
    expect(sleeps).toEqual([20_000]);
  });

  it('gives up instead of waiting for an excessive Retry-After', async () => {
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw ossError(503, 'X', 3_600_000);
      },
      { operation: 'Op', policy, shouldRetry: retryTransient, ...noSleep },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssRetryExhaustedError);
    expect(calls).toBe(1);
  });
});
