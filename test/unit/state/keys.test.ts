import {
  auditBucketPrefix,
  auditRuleOfKey,
  bucketFromStateKey,
  bucketStateKey,
  hasPendingCanary,
  isPendingCanaryKeyOf,
  leaseKey,
  leasePrefix,
  monitorShardFromKey,
  parityShardFromKey,
  parityShardKey,
  takeoverAttempt,
  takeoverKey,
  takeoverPrefix,
  pendingCanaryDueAt,
  pendingCanaryKey,
  PendingCanaryKeys,
  processedEventKey,
  reconcileRunKey,
  reconcileRunTime,
} from '../../../shared/state/keys';
import { InvalidStateKeyError } from '../../../shared/state/errors';

describe('state keys', () => {
  it('puts bucket state at buckets/<bucket>.json and reads the bucket back', () => {
    expect(bucketStateKey('src-1')).toBe('buckets/src-1.json');
    expect(bucketFromStateKey('buckets/src-1.json')).toBe('src-1');
  });

  it('does not read a bucket from other keys', () => {
    expect(bucketFromStateKey('events/x.json')).toBeUndefined();
  });

  it('orders pending canary keys by due time', () => {
    const later = pendingCanaryKey(new Date('2024-05-01T10:00:00Z'), 'a-bucket', 'autopilot-1');
    const earlier = pendingCanaryKey(new Date('2024-05-01T09:59:59.999Z'), 'z-bucket', 'autopilot-1');
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });

  it('reads the due time back from a pending canary key', () => {
    const due = new Date('2024-05-01T10:00:00.123Z');
    expect(pendingCanaryDueAt(pendingCanaryKey(due, 'b', 'r'))).toEqual(due);
  });

  it('returns no due time for keys outside the layout', () => {
    expect(pendingCanaryDueAt('canaries/pending/garbage.json')).toBeUndefined();
  });

  it('tells the pending canary key of one rule by its whole tail, not by how it ends or begins', () => {
    const due = new Date('2024-05-01T00:00:00Z');
    const key = pendingCanaryKey(due, 'x-a', 'r-1');
    expect([
      isPendingCanaryKeyOf(key, 'x-a', 'r-1'),
      isPendingCanaryKeyOf(key, 'a', 'r-1'),
      isPendingCanaryKeyOf(key, 'x', 'a'),
      isPendingCanaryKeyOf(key, 'x-a', '1'),
    ]).toEqual([true, false, false, false]);
  });

  it('finds a pending canary of a rule among pending keys, not one of a bucket whose name ends like it', () => {
    const due = new Date('2024-05-01T00:00:00Z');
    const keys = [pendingCanaryKey(due, 'x-a', 'r')];
    expect([hasPendingCanary(keys, 'x-a', 'r'), hasPendingCanary(keys, 'a', 'r')]).toEqual([true, false]);
  });

  it('looks a rule up among pending keys as hasPendingCanary scans them, bucket-name suffixes and foreign keys included', () => {
    const due = new Date('2024-05-01T00:00:00Z');
    const keys = [
      pendingCanaryKey(due, 'x-a', 'r'),
      pendingCanaryKey(due, 'b', 'r-1'),
      'canaries/pending/not-a-date-b-r-1.json',
      'other/b-r.json',
    ];
    const pending = PendingCanaryKeys.of(keys);
    const asked: Array<[string, string]> = [
      ['x-a', 'r'],
      ['a', 'r'],
      ['b', 'r-1'],
      ['b', 'r'],
      ['b-r', '1'],
      ['x', 'a-r'],
    ];
    expect(asked.map(([b, r]) => pending.has(b, r))).toEqual(asked.map(([b, r]) => hasPendingCanary(keys, b, r)));
  });

  it('gives the first key of a rule in listing order, and sees keys added with `with` without changing the original', () => {
    const first = pendingCanaryKey(new Date('2024-05-01T00:00:00Z'), 'b', 'r');
    const later = pendingCanaryKey(new Date('2024-05-02T00:00:00Z'), 'b', 'r');
    const queued = pendingCanaryKey(new Date('2024-05-03T00:00:00Z'), 'c', 'r');
    const pending = PendingCanaryKeys.of([first, later]);
    const withQueued = pending.with([queued]);
    expect([pending.keyOf('b', 'r'), withQueued.keyOf('b', 'r'), withQueued.has('c', 'r'), pending.has('c', 'r')]).toEqual([
      first,
      first,
      true,
      false,
    ]);
  });

  it('hashes event ids into fixed-length keys', () => {
    expect(processedEventKey('acs.oss/../../x')).toMatch(/^events\/[0-9a-f]{64}\.json$/);
    expect(processedEventKey('a')).not.toBe(processedEventKey('b'));
  });

  it('keeps the lease object at leases/<name>/current', () => {
    expect(leaseKey('bucket-src')).toBe('leases/bucket-src/current');
  });

  it('numbers takeovers of a dead lease object under its hashed token, zero-padded to 10 digits', () => {
    expect(takeoverKey('x', 'token-1', 7)).toMatch(/^leases\/x\/takeover\/[0-9a-f]{16}\/0000000007$/);
    expect(takeoverPrefix('x', 'token-1')).not.toBe(takeoverPrefix('x', 'token-2'));
  });

  it('parses a takeover attempt back only for keys directly under its prefix', () => {
    const prefix = takeoverPrefix('x', 't');
    expect(takeoverAttempt(prefix, `${prefix}0000000012`)).toBe(12);
    expect(takeoverAttempt(prefix, `${prefix}junk`)).toBeUndefined();
  });

  it('encodes / in lease names so one lease never lists another', () => {
    expect(leasePrefix('a/b').startsWith(leasePrefix('a'))).toBe(false);
  });

  it.each([0, -1, 1.5, 1e10])('rejects takeover attempt %p', (attempt) => {
    expect(() => takeoverKey('x', 't', attempt)).toThrow(InvalidStateKeyError);
  });

  it('rejects an empty lease name', () => {
    expect(() => leasePrefix('')).toThrow(InvalidStateKeyError);
  });

  it("keeps the audit's parity shards beside the monitor's, outside every bucket's audit/<bucket>/ (a bucket may be called parity)", () => {
    const key = parityShardKey('3');
    expect([key, parityShardFromKey(key), monitorShardFromKey(key)]).toEqual(['monitor/parity/3.json', '3', undefined]);
    expect([key.startsWith(auditBucketPrefix('parity')), auditRuleOfKey('parity', key)]).toEqual([false, undefined]);
  });

  it('puts reconcile runs under runs/reconcile/<time>.json', () => {
    expect(reconcileRunKey(new Date('2024-05-01T00:00:00Z'))).toBe('runs/reconcile/2024-05-01T00:00:00.000Z.json');
  });
});

describe('reconcileRunTime', () => {
  it('reads the start time back from a run summary key', () => {
    const started = new Date('2024-05-10T00:00:00Z');
    expect(reconcileRunTime(reconcileRunKey(started))).toEqual(started);
  });

  it('is undefined for a key outside the layout', () => {
    expect(reconcileRunTime('runs/reconcile/notes.json')).toBeUndefined();
  });
});
