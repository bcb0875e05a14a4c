import { ratios, spread } from '../../../bench/support/stats';

describe('spread', () => {
  it('gives min, median and max of an odd count', () => {
    expect(spread([5, 1, 3])).toEqual({ min: 1, median: 3, max: 5, n: 3 });
  });

  it('takes the mean of the two middle values as the median of an even count', () => {
    expect(spread([4, 1, 2, 10]).median).toBe(3);
  });

  it('refuses an empty series', () => {
    expect(() => spread([])).toThrow('no values');
  });
});

describe('ratios', () => {
  it('divides two series measured side by side element by element', () => {
    expect(ratios([10, 30], [5, 10])).toEqual([2, 3]);
  });

  it('refuses series of different lengths', () => {
    expect(() => ratios([1, 2], [1])).toThrow('different lengths');
  });
});
