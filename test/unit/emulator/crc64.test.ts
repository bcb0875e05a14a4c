import { crc64Ecma } from '../../../local/emulator/util/crc64';

describe('crc64Ecma', () => {
  it('matches the value OSS returns for "123456789"', () => {
    expect(crc64Ecma(Buffer.from('123456789'))).toBe('11051210869376104954');
  });

  it('is 0 for an empty body', () => {
    expect(crc64Ecma(Buffer.alloc(0))).toBe('0');
  });

  it('changes when one byte changes', () => {
    expect(crc64Ecma(Buffer.from('123456780'))).not.toBe(crc64Ecma(Buffer.from('123456789')));
  });
});
