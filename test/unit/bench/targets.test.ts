import { atLeast, atMost, below, meets, targetText, TARGETS } from '../../../bench/support/targets';

describe('meets', () => {
  it('accepts a value equal to an "at most" limit and refuses one above it', () => {
    expect(meets(2, atMost(2))).toBe(true);
    expect(meets(2.01, atMost(2))).toBe(false);
  });

  it('accepts a value equal to an "at least" limit and refuses one below it', () => {
    expect(meets(10, atLeast(10))).toBe(true);
    expect(meets(9.9, atLeast(10))).toBe(false);
  });

  it('refuses a value equal to a "below" limit', () => {
    expect(meets(255.9, below(256))).toBe(true);
    expect(meets(256, below(256))).toBe(false);
  });

  it('has no verdict without a finite figure', () => {
    expect(meets(undefined, atMost(2))).toBeUndefined();
    expect(meets(Number.NaN, atMost(2))).toBeUndefined();
  });
});

describe('targetText', () => {
  it('writes the comparison, the limit and the unit', () => {
    expect(targetText(atMost(12))).toBe('≤ 12');
    expect(targetText(atLeast(10), 'x')).toBe('≥ 10x');
    expect(targetText(below(256), ' MB')).toBe('< 256 MB');
  });
});

describe("issue 11's targets", () => {
  it('are the figures the issue names', () => {
    expect(TARGETS).toMatchObject({
      steadyTagged: atMost(2),
      steadyUntagged: atMost(0),
      newBucket: atMost(12),
      monitorPerRule: atMost(2),
      concurrencySpeedup: atLeast(10),
      growth: atMost(12),
      peakRssMb: below(256),
      bundleShareOfBaseline: atMost(0.1),
      coldStartVsFloor: atMost(2),
    });
  });
});
