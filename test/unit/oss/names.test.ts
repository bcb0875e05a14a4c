import { isValidBucketName, isValidObjectKey, isValidRegion, MAX_KEY_BYTES } from '../../../shared/oss';

describe('isValidBucketName', () => {
  it('accepts 3 to 63 lowercase letters, digits and dashes', () => {
    expect(['abc', 'my-bucket-1', 'a'.repeat(63)].map(isValidBucketName)).toEqual([true, true, true]);
  });
  it('refuses names that are too short or too long', () => expect(['ab', 'a'.repeat(64)].map(isValidBucketName)).toEqual([false, false]));
  it('refuses uppercase, dots, underscores and a dash at either end', () => {
    expect(['My-bucket', 'my.bucket', 'my_bucket', '-bucket', 'bucket-'].map(isValidBucketName)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('isValidRegion', () => {
  it('accepts region ids without oss-', () =>
    expect(['cn-hangzhou', 'ap-southeast-1', 'us-west-1'].map(isValidRegion)).toEqual([true, true, true]));
  it('refuses a bare word, uppercase and spaces', () =>
    expect(['cn', 'CN-Hangzhou', 'cn hangzhou'].map(isValidRegion)).toEqual([false, false, false]));
  it('refuses an XML location (oss- prefixed)', () => expect(isValidRegion('oss-cn-hangzhou')).toBe(false));
});

describe('isValidObjectKey', () => {
  it(`accepts 1 to ${MAX_KEY_BYTES} bytes of UTF-8`, () =>
    expect(['a', 'dir/文件.txt', 'k'.repeat(MAX_KEY_BYTES)].map(isValidObjectKey)).toEqual([true, true, true]));
  it('refuses an empty key, a key too long in bytes and a leading slash or backslash', () => {
    expect(['', '文'.repeat(342), '/a', '\\a'].map(isValidObjectKey)).toEqual([false, false, false, false]);
  });
});
