import { attribute, steadyStateCost, subjectOf } from '../../../bench/support/requestCounts';

const shape = { stateBucket: 'autopilot-state', namePattern: /bkn?-\d{6}/ };

describe('subjectOf', () => {
  it('charges a request on a bench bucket to that bucket', () => {
    expect(subjectOf({ operation: 'GetBucketTags', bucket: 'bk-000003' }, shape)).toBe('bk-000003');
  });

  it('charges a request on a destination to its source', () => {
    expect(subjectOf({ operation: 'GetBucketVersioning', bucket: 'bk-000003-dr' }, shape)).toBe('bk-000003');
  });

  it('charges a state document whose key names a bucket to that bucket, whatever the key layout', () => {
    expect(subjectOf({ operation: 'GetObject', bucket: 'autopilot-state', key: 'buckets/bk-000003.json' }, shape)).toBe('bk-000003');
    expect(subjectOf({ operation: 'PutObject', bucket: 'autopilot-state', key: 'leases/bucket:bkn-000001' }, shape)).toBe('bkn-000001');
  });

  it('leaves requests that name no bench bucket to the run', () => {
    expect(subjectOf({ operation: 'ListBuckets' }, shape)).toBeUndefined();
    expect(subjectOf({ operation: 'PutObject', bucket: 'autopilot-state', key: 'runs/reconcile/2026.json' }, shape)).toBeUndefined();
    expect(subjectOf({ operation: 'GetBucketVersioning', bucket: 'autopilot-state' }, shape)).toBeUndefined();
  });
});

describe('attribute', () => {
  const log = [
    { operation: 'ListBuckets' },
    { operation: 'GetBucketTags', bucket: 'bk-000000' },
    { operation: 'GetBucketReplication', bucket: 'bk-000000' },
    { operation: 'GetBucketTags', bucket: 'bk-000001' },
    { operation: 'GetObject', bucket: 'autopilot-state', key: 'buckets/bk-000000.json' },
    { operation: 'GetBucketTags', bucket: 'bk-000000-dr' },
  ];

  it('counts requests per bucket, per operation and those shared by the run', () => {
    const a = attribute(log, shape);
    expect(a.total).toBe(6);
    expect(a.shared).toBe(1);
    expect(Object.fromEntries(a.byBucket)).toEqual({ 'bk-000000': 4, 'bk-000001': 1 });
    expect(a.byOperation).toEqual({ ListBuckets: 1, GetBucketTags: 3, GetBucketReplication: 1, GetObject: 1 });
  });

  it('charges the shared requests to the tagged buckets in the steady-state cost, never to untagged ones', () => {
    const account = { tagged: new Set(['bk-000000']), untagged: new Set(['bk-000001', 'bk-000002']), destinations: new Set<string>() };
    expect(steadyStateCost(attribute(log, shape), account)).toEqual({ perTagged: 5, perUntagged: 0.5, shared: 1 });
  });

  it('counts a request on a destination for its source and for the destination as an untagged bucket (two upper bounds)', () => {
    const account = { tagged: new Set(['bk-000000']), untagged: new Set(['bk-000001']), destinations: new Set(['bk-000000-dr']) };
    const cost = steadyStateCost(attribute(log, shape), account);
    expect(cost.perTagged).toBe(5);
    expect(cost.perUntagged).toBe(1);
  });
});
