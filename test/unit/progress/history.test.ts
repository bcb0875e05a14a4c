import { appendSample } from '../../../shared/progress';
import { doing } from './helpers';

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
