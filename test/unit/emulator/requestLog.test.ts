import { RequestLog, type RequestLogEntry } from '../../../local/emulator/admin/requestLog';

const entry = (n: number): RequestLogEntry => ({
  time: new Date(1_000 * n).toISOString(),
  method: 'GET',
  operation: 'GetObject',
  key: `k${n}`,
  status: 200,
  region: 'cn-hangzhou',
  requestId: `R${n}`,
  durationMs: 1,
});
const keys = (log: RequestLog) => log.query().map((e) => e.key);

describe('RequestLog', () => {
  it('keeps the last N entries, oldest first, however many were recorded', () => {
    const log = new RequestLog(3);
    for (let n = 1; n <= 7; n++) log.record(entry(n));
    expect(keys(log)).toEqual(['k5', 'k6', 'k7']);
  });

  it('reports its capacity, what it keeps and how many entries it dropped, so a count can be trusted or not', () => {
    const log = new RequestLog(3);
    for (let n = 1; n <= 7; n++) log.record(entry(n));
    expect(log.stats()).toEqual({ capacity: 3, kept: 3, dropped: 4 });
    log.clear();
    expect([log.stats(), keys(log)]).toEqual([{ capacity: 3, kept: 0, dropped: 0 }, []]);
  });

  it('keeps 10,000 entries by default', () => {
    expect(new RequestLog().stats().capacity).toBe(10_000);
  });

  it('keeps nothing with size 0, and counts what it dropped', () => {
    const log = new RequestLog(0);
    log.record(entry(1));
    expect([keys(log), log.stats().dropped]).toEqual([[], 1]);
  });

  it('refuses a size that is not an integer >= 0', () => {
    expect(() => new RequestLog(-1)).toThrow('request log size');
    expect(() => new RequestLog(1.5)).toThrow('request log size');
  });
});
