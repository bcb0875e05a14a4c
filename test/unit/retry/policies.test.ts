import { ALERT_RETRY, backoffDelay, isRetryableCode, isRetryableStatus, OSS_RETRY } from '../../../shared/retry';

describe('isRetryableStatus', () => {
  it('retries 429 and every 5xx', () => expect([429, 500, 502, 503, 504].map(isRetryableStatus)).toEqual([true, true, true, true, true]));
  it('never retries another 4xx', () =>
    expect([400, 401, 403, 404, 409, 412].map(isRetryableStatus)).toEqual([false, false, false, false, false, false]));
});

describe('isRetryableCode', () => {
  it('retries OSS throttling codes', () => {
    expect(['Throttling', 'SlowDown', 'ServerBusy', 'QpsLimitExceeded', 'DownloadTrafficRateLimitExceeded'].map(isRetryableCode)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
  it('retries the qualified code families of RPC APIs (CloudMonitor)', () => {
    expect(['Throttling.User', 'Throttling.Api', 'ServiceUnavailable', 'InternalError', '503'].map(isRetryableCode)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
  it('never retries codes a later attempt would get again', () => {
    expect(['AccessDenied', 'NoSuchBucket', 'InvalidParameter', 'SignatureDoesNotMatch', '404'].map(isRetryableCode)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("the clients' policies", () => {
  it('lets the OSS client wait for a Retry-After of up to 30 s', () => {
    expect([backoffDelay(OSS_RETRY, 1, () => 0, 30_000), backoffDelay(OSS_RETRY, 1, () => 0, 30_001)]).toEqual([30_000, undefined]);
  });
  it('lets an alert channel wait no longer than its longest pause (8 s)', () => {
    expect([backoffDelay(ALERT_RETRY, 1, () => 0, 8_000), backoffDelay(ALERT_RETRY, 1, () => 0, 8_001)]).toEqual([8_000, undefined]);
  });
});
