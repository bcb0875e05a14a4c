import { backoffDelay, parseRetryAfter } from '../../../shared/retry';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  it('grows exponentially up to the cap, scaled by jitter', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
  });

  it('uses full jitter (random 0 gives no wait)', () => expect(backoffDelay(policy, 3, () => 0)).toBe(0));

  it('honours a Retry-After longer than the jittered delay', () => {
    expect(backoffDelay(policy, 1, () => 0.5, 700)).toBe(700);
  });

  it('gives up when Retry-After exceeds the longest delay the policy accepts (maxDelayMs by default)', () => {
    expect(backoffDelay(policy, 1, () => 0.5, 5000)).toBeUndefined();
  });

  it('waits a Retry-After beyond maxDelayMs when maxRetryAfterMs allows it', () => {
    expect(backoffDelay({ ...policy, maxRetryAfterMs: 30_000 }, 1, () => 0, 1500)).toBe(1500);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  it('reads delay-seconds', () => expect(parseRetryAfter('3', now)).toBe(3000));
  it('reads an HTTP date', () => expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:05 GMT', now)).toBe(5000));
  it('reads a date in the past as no wait', () => expect(parseRetryAfter('Sun, 31 Dec 2023 23:59:00 GMT', now)).toBe(0));
  it('ignores garbage', () => expect(parseRetryAfter('soon', now)).toBeUndefined());
  it('reads only digits as delay-seconds (1e3 is not a thousand seconds)', () => expect(parseRetryAfter('1e3', now)).toBeUndefined());
  it('ignores a missing header', () => expect(parseRetryAfter(undefined, now)).toBeUndefined());
  it('ignores an absent fetch header (null)', () => expect(parseRetryAfter(null, now)).toBeUndefined());
});
