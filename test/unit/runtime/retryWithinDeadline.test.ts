import { OssError } from '../../../shared/oss/errors';
import { deadlineFromTimeout } from '../../../shared/runtime/deadline';
import { retryWithinDeadline } from '../../../shared/runtime/retryWithinDeadline';

const unavailable = new OssError({ code: 'ServiceUnavailable', status: 503, operation: 'GetBucketReplication' }, 'busy');
const denied = new OssError({ code: 'AccessDenied', status: 403, operation: 'GetBucketReplication' }, 'no');

describe('retryWithinDeadline', () => {
  it('retries a transient error while more than one attempt fits before the deadline', () => {
    const deadline = deadlineFromTimeout(300, 0, () => 10_000);
    expect(retryWithinDeadline(deadline, 30_000)(unavailable, 1)).toBe(true);
  });

  it('stops retrying when less than one attempt is left before the deadline', () => {
    const deadline = deadlineFromTimeout(300, 0, () => 280_000);
    expect(retryWithinDeadline(deadline, 30_000)(unavailable, 1)).toBe(false);
  });

  it('never retries what the default decision would not (a 403)', () => {
    const deadline = deadlineFromTimeout(300, 0, () => 0);
    expect(retryWithinDeadline(deadline, 30_000)(denied, 1)).toBe(false);
  });

  it('retries as usual where there is no deadline (CLI, local runs)', () => {
    const deadline = deadlineFromTimeout(undefined, 0, () => 1e12);
    expect(retryWithinDeadline(deadline, 30_000)(unavailable, 1)).toBe(true);
  });
});
