import { truncateChars, truncateUtf8 } from '../../../shared/alerts/render/truncate';

describe('truncateUtf8', () => {
  it('never splits a multi-byte character', () => {
    const out = truncateUtf8('复'.repeat(100), 50, '…');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(50);
    expect(Buffer.from(out).toString('utf8')).toBe(out);
    expect(out.endsWith('复…')).toBe(true);
  });

  it('cuts at the last line break so no markup line is left half written', () => {
    const out = truncateUtf8('line one **bold**\nline two **bold**\nline three **bold**', 45, '|');
    expect(out).toBe('line one **bold**\nline two **bold**|');
  });

  it('returns short text unchanged', () => {
    expect(truncateUtf8('short', 10)).toBe('short');
  });
});

describe('truncateChars', () => {
  it('does not leave half a surrogate pair', () => {
    expect(truncateChars('ab😀cd', 4, '…')).toBe('ab…');
  });
});
