import { captureIo } from '../../../cli/io';
import { progressBar, progressLine } from '../../../cli/progress';

describe('progress bar', () => {
  it('fills its bar in proportion and names the bucket being worked on', () => {
    expect(progressLine(10, 40, 'planning', 'photos')).toBe('[######------------------] 10/40 planning  photos');
  });

  it('cuts a long bucket name so the line stays short', () => {
    expect(progressLine(0, 2, 'applying', 'x'.repeat(63))).toBe(`[------------------------] 0/2 applying  ${'x'.repeat(31)}…`);
  });

  it('writes a control character in the label out visibly, so the bar stays on its line', () => {
    expect(progressLine(1, 2, 'planning', 'a\rb\x1b[K')).toBe('[############------------] 1/2 planning  a\\rb\\x1b[K');
  });

  it('redraws one line per bucket on a terminal and erases it when done', () => {
    const io = captureIo({}, { errIsTerminal: true });
    const bar = progressBar(io, 2, 'planning', false);
    bar.step('a');
    bar.step('b');
    bar.done();
    expect(io.drawn).toEqual([
      '\r\u001b[K[------------------------] 0/2 planning  a',
      '\r\u001b[K[############------------] 1/2 planning  b',
      '\r\u001b[K',
    ]);
  });

  it.each([
    ['stderr is not a terminal', false, false, 5],
    ['the output is JSON', true, true, 5],
    ['there is a single bucket', true, false, 1],
  ])('draws nothing when %s', (_label, terminal, json, total) => {
    const io = captureIo({}, { errIsTerminal: terminal });
    const bar = progressBar(io, total, 'planning', json);
    bar.step('a');
    bar.done();
    expect(io.drawn).toEqual([]);
  });
});
