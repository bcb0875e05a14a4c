import { MAX_CLOCK_SKEW_MS } from '../constants';
import type { VerifyOptions } from '../types';
import { requestTimeTooSkewed, type VerifyFailure } from './failures';

/** RequestTimeTooSkewed when the request date is further than the allowed skew from server time. */
export function checkClock(requestDate: Date, accessKeyId: string, opts: VerifyOptions): VerifyFailure | undefined {
  const maxSkew = opts.maxSkewMs ?? MAX_CLOCK_SKEW_MS;
  const skew = Math.abs(requestDate.getTime() - opts.now.getTime());
  return skew > maxSkew ? requestTimeTooSkewed(accessKeyId) : undefined;
}
