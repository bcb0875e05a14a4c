import { FaultInjector } from '../../../local/emulator/admin/faults';

const target = { operation: 'PutObject', bucket: 'b', region: 'cn-hangzhou' };

describe('FaultInjector', () => {
  it('answers the configured error for a matching operation', () => {
    const faults = new FaultInjector(() => 0.5);
    faults.add({ operation: 'PutObject', errorCode: 'SlowDown', errorStatus: 503 });
    expect(faults.decide(target).error).toEqual({ code: 'SlowDown', status: 503 });
  });

  it('leaves other operations alone', () => {
    const faults = new FaultInjector(() => 0);
    faults.add({ operation: 'GetObject', errorCode: 'SlowDown' });
    expect(faults.decide(target).error).toBeUndefined();
  });

  it('fires an error only when the random draw is below the rate', () => {
    const faults = new FaultInjector(() => 0.7);
    faults.add({ errorCode: 'SlowDown', errorRate: 0.5 });
    expect(faults.decide(target).error).toBeUndefined();
  });

  it('stops after count matching calls', () => {
    const faults = new FaultInjector(() => 0);
    faults.add({ errorCode: 'SlowDown', count: 2 });
    const errors = [1, 2, 3].map(() => faults.decide(target).error?.code);
    expect(errors).toEqual(['SlowDown', 'SlowDown', undefined]);
  });

  it('adds the latency of every matching fault', () => {
    const faults = new FaultInjector(() => 0);
    faults.add({ latencyMs: 10 });
    faults.add({ operation: 'PutObject', latencyMs: 5 });
    expect(faults.decide(target).latencyMs).toBe(15);
  });

  it('defaults the status to 500 for InternalError and 503 otherwise', () => {
    const faults = new FaultInjector(() => 0);
    faults.add({ operation: 'PutObject', errorCode: 'InternalError' });
    faults.add({ operation: 'GetObject', errorCode: 'ServiceUnavailable' });
    expect(faults.decide(target).error?.status).toBe(500);
    expect(faults.decide({ ...target, operation: 'GetObject' }).error?.status).toBe(503);
  });

  it('rejects a rate outside 0..1', () => {
    expect(() => new FaultInjector().add({ resetRate: 1.5 })).toThrow('resetRate');
  });
});
