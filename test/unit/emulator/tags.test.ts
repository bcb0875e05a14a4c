import { removeTags, validateBucketTags } from '../../../local/emulator/models/tags';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return undefined;
};

describe('bucket tags', () => {
  it('accepts 20 tags with an empty value', () => {
    expect(codeOf(() => validateBucketTags(Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: '' }))))).toBeUndefined();
  });

  it('counts key length in bytes, not characters', () => {
    expect(codeOf(() => validateBucketTags([{ key: 'é'.repeat(33), value: 'v' }]))).toBe('InvalidTag');
  });

  it('rejects a key that appears twice', () => {
    expect(
      codeOf(() =>
        validateBucketTags([
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ]),
      ),
    ).toBe('InvalidTag');
  });

  it('removes only the listed keys', () => {
    expect(
      removeTags(
        [
          { key: 'a', value: '1' },
          { key: 'b', value: '2' },
        ],
        ['a'],
      ),
    ).toEqual([{ key: 'b', value: '2' }]);
  });
});
