import { canaryLatencyMs } from '../../../shared/canary/checkCanary';

const written = '2026-03-01T10:00:00.250Z';
const at = (iso: string): Date => new Date(iso);

describe('canaryLatencyMs (an upper bound from a whole-second Last-Modified)', () => {
  it('reports the end of the Last-Modified second, not 0, when the replica carries the write second', () => {
    expect(canaryLatencyMs(written, 'Sun, 01 Mar 2026 10:00:00 GMT', at('2026-03-01T10:00:05Z'))).toBe(750);
  });

  it('reports the end of the Last-Modified second for a copy made seconds later', () => {
    expect(canaryLatencyMs(written, 'Sun, 01 Mar 2026 10:00:42 GMT', at('2026-03-01T10:01:30Z'))).toBe(42_750);
  });

  it('never reports more than the moment the copy was seen', () => {
    expect(canaryLatencyMs(written, 'Sun, 01 Mar 2026 10:00:01 GMT', at('2026-03-01T10:00:01.400Z'))).toBe(1_150);
  });

  it('falls back to the first-seen time when Last-Modified is missing', () => {
    expect(canaryLatencyMs(written, undefined, at('2026-03-01T10:01:00.250Z'))).toBe(60_000);
  });

  it('falls back to the first-seen time when the Last-Modified second ends before the write (clock skew)', () => {
    expect(canaryLatencyMs(written, 'Sun, 01 Mar 2026 09:59:58 GMT', at('2026-03-01T10:00:30.250Z'))).toBe(30_000);
  });

  it('falls back to the first-seen time when Last-Modified lies after the copy was seen (clock skew)', () => {
    expect(canaryLatencyMs(written, 'Sun, 01 Mar 2026 10:05:00 GMT', at('2026-03-01T10:00:30.250Z'))).toBe(30_000);
  });

  it('is never negative', () => {
    expect(canaryLatencyMs(written, undefined, at('2026-03-01T10:00:00Z'))).toBe(0);
  });
});
