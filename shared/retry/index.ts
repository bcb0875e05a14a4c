export { backoffDelay, parseRetryAfter, sleep, type RetryPolicy } from './backoff';
export { ALERT_RETRY, OSS_RETRY, THROTTLING_CODES, isRetryableCode, isRetryableStatus } from './policies';
