import { retryTransient, type ShouldRetry } from '../oss';
import type { Deadline } from './deadline';

/**
 * The OSS client's retry decision inside a function: the default (network, timeout, 5xx, throttling),
 * but no new attempt once less than `reserveMs` (one attempt's timeout) is left before the invocation's
 * deadline. An attempt FC would cut off half-way helps nobody; the transient error goes back to the
 * job, which reports it (and FC or the next timer run retries the whole invocation).
 */
export function retryWithinDeadline(deadline: Deadline, reserveMs: number): ShouldRetry {
  return (error, attempt) => retryTransient(error, attempt) && deadline.remainingMs() > reserveMs;
}
