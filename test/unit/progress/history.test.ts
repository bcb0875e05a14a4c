import { appendSample, backfillEta, backfillRate, lagSeconds } from '../../../shared/progress';
import { at, doing } from './helpers';

describe('appendSample', () => {
  it('keeps at most maxSamples, dropping the oldest', () => {
    let h = [doing(0, 0.1)];
    for (let m = 1; m <= 5; m++) h = appendSample(h, doing(m, 0.1 + m / 100), 3);
    expect(h.map((s) => s.at)).toEqual([doing(3).at, doing(4).at, doing(5).at]);
  });

  it('orders samples by time when one arrives late', () => {
    const h = appendSample([doing(0), doing(10)], doing(5), 10);
    expect(h.map((s) => s.at)).toEqual([doing(0).at, doing(5).at, doing(10).at]);
  });

  it('replaces a sample taken at the same time instead of duplicating it', () => {
    const h = appendSample([doing(0, 0.1), doing(5, 0.2)], doing(5, 0.3), 10);
    expect(h).toHaveLength(2);
    expect(h[1]!.historical).toBe(0.3);
  });

  it('does not modify the history it was given', () => {
    const original = [doing(0)];
    appendSample(original, doing(1), 10);
    expect(original).toHaveLength(1);
  });
});

describe('backfillRate', () => {
  it('is the fraction gained per second between the window start and the newest sample', () => {
    expect(backfillRate([doing(0, 0.1), doing(10, 0.2), doing(20, 0.4)])).toBeCloseTo(0.3 / 1200, 12);
  });

  it('ignores samples older than the window', () => {
    const rate = backfillRate([doing(0, 0), doing(50, 0.5), doing(60, 0.6)], 600);
    expect(rate).toBeCloseTo(0.1 / 600, 12);
  });

  it('is undefined with fewer than two samples carrying a fraction', () => {
    expect(backfillRate([doing(0), doing(5, 0.5)])).toBeUndefined();
  });
});

describe('backfillEta', () => {
  it('projects completion from the newest sample at the current rate', () => {
    // 0.1 per 10 min from 0.5 at minute 10: 0.5 left -> 50 min after minute 10 = minute 60; now is minute 20.
    const eta = backfillEta([doing(0, 0.4), doing(10, 0.5)], new Date(at(20)));
    expect(eta).toEqual({ kind: 'estimated', seconds: 40 * 60, at: at(60) });
  });

  it('is complete once the fraction reaches 1', () => {
    expect(backfillEta([doing(0, 0.9), doing(10, 1)], new Date(at(20)))).toEqual({ kind: 'complete' });
  });

  it('is unknown and not moving when the fraction did not grow', () => {
    expect(backfillEta([doing(0, 0.4), doing(10, 0.4)], new Date(at(20)))).toEqual({ kind: 'unknown', reason: 'not-moving' });
  });

  it('is unknown without data', () => {
    expect(backfillEta([], new Date(at(0)))).toEqual({ kind: 'unknown', reason: 'no-data' });
  });
});

describe('lagSeconds', () => {
  it('is now minus the NewObject watermark', () => {
    expect(lagSeconds(doing(10, undefined, 7), new Date(at(10)))).toBe(180);
  });

  it('is undefined without a watermark', () => {
    expect(lagSeconds(doing(10), new Date(at(10)))).toBeUndefined();
  });

  it('is never negative when the watermark is ahead of our clock', () => {
    expect(lagSeconds(doing(10, undefined, 11), new Date(at(10)))).toBe(0);
  });
});
