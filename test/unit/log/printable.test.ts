import { printable } from '../../../shared/log';

describe('printable', () => {
  it('writes an escape sequence out visibly, so a terminal never receives ESC or BEL', () => {
    expect(printable('evil\x1b[2J\x1b]0;owned\x07')).toBe('evil\\x1b[2J\\x1b]0;owned\\x07');
  });

  it('writes line ends and tabs as \\n, \\r and \\t, so a key cannot forge a line', () => {
    expect(printable('a\nFAKE LINE: 0 missing\r\tb')).toBe('a\\nFAKE LINE: 0 missing\\r\\tb');
  });

  it('escapes NUL, DEL and the C1 controls (the 8-bit CSI among them)', () => {
    expect(printable('\u0000\u007f\u0085\u009b2J')).toBe('\\x00\\x7f\\x85\\x9b2J');
  });

  it('escapes the Unicode line separators and the bidirectional overrides that reorder what a line shows', () => {
    expect(printable('a\u2028b\u202egnp.exe\u2066')).toBe('a\\u2028b\\u202egnp.exe\\u2066');
  });

  it('leaves ordinary keys as they are, non-ASCII letters, emoji and backslashes included', () => {
    const keys = ['photos/2024-01/img_001.jpg', '照片/猫.png', 'a b (1) [x] *y* <z> & 🐱', 'dir\\file'];
    expect(keys.map(printable)).toEqual(keys);
  });
});
