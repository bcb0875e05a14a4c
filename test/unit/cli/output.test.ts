import { captureIo } from '../../../cli/io';
import { commandOutput, jsonText, safeText } from '../../../cli/output';

describe('safeText', () => {
  it("keeps the command's own line ends and writes out every other control character", () => {
    expect(safeText('a\x1b[2J\nb\x07')).toBe('a\\x1b[2J\nb\\x07');
  });
});

describe('jsonText', () => {
  it('\\u-escapes the C1 controls, line separators and bidi overrides JSON.stringify leaves raw, keeping the data', () => {
    const value = { key: 'a\u009b2J\u2028b\u202ec' };
    const text = jsonText(value);
    expect(text).toBe('{"key":"a\\u009b2J\\u2028b\\u202ec"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('commandOutput with --json', () => {
  it('prints the one document at the end, "ok" after "command"', () => {
    const io = captureIo({});
    const output = commandOutput(io, { json: true, command: 'plan' });
    output.io.out(JSON.stringify({ command: 'plan', results: [] }));
    expect(io.stdout).toEqual([]);
    output.finish(1);
    expect(io.stdout.map((t) => JSON.parse(t) as unknown)).toEqual([{ command: 'plan', ok: false, results: [] }]);
  });

  it("makes a failure document from the command's last words on stderr when it printed none", () => {
    const io = captureIo({});
    const output = commandOutput(io, { json: true, command: 'resync' });
    output.io.err('b has no owned rule in the state bucket: nothing to resync');
    output.finish(1);
    const error = { code: 'CLI_FAILURE', message: 'b has no owned rule in the state bucket: nothing to resync' };
    expect([io.stdout.map((t) => JSON.parse(t) as unknown), io.stderr]).toEqual([
      [{ command: 'resync', ok: false, error }],
      [error.message],
    ]);
  });

  it('streams one document a line when watching', () => {
    const io = captureIo({});
    const output = commandOutput(io, { json: true, command: 'status', stream: true });
    output.io.out(JSON.stringify({ command: 'status', buckets: [] }));
    output.io.out(JSON.stringify({ command: 'status', buckets: [] }));
    output.finish(0);
    expect(io.stdout).toEqual(['{"command":"status","ok":true,"buckets":[]}', '{"command":"status","ok":true,"buckets":[]}']);
  });
});
