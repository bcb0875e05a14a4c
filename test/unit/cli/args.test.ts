import { parseArgs, USAGE } from '../../../cli/args';
import { usageAfterError } from '../../../cli/help';
import { UsageError } from '../../../cli/errors';

describe('parseArgs: status --watch and help per command', () => {
  it('reads status --watch with its refresh interval', () => {
    expect(parseArgs(['status', '--watch', '--interval', '500'])).toMatchObject({ command: 'status', watch: true, intervalMs: 500 });
  });

  it('refuses --interval on status without --watch', () => {
    expect(() => parseArgs(['status', '--interval', '500'])).toThrow(new UsageError('--interval applies to status --watch'));
  });

  it('refuses --watch on commands other than status', () => {
    expect(() => parseArgs(['plan', '--watch'])).toThrow(new UsageError('--watch does not apply to plan'));
  });

  it.each([
    [['status', '--help'], 'status'],
    [['verify', '-h'], 'verify'],
    [['policy', 'check', '--help'], 'policy-check'],
  ])("asks for one command's help with %j", (argv, topic) => {
    expect(parseArgs(argv)).toMatchObject({ command: 'help', helpFor: topic });
  });

  it('asks for the general usage with --help alone or after an unknown word', () => {
    expect([parseArgs(['--help']).helpFor, parseArgs(['deploy', '--help']).helpFor]).toEqual([undefined, undefined]);
  });
});

describe('usage after an error', () => {
  it('shows the usage line of the command the words name, and where its help is', () => {
    expect(usageAfterError(['verify', '--timeout', '5'])).toBe(
      'usage: oss-replication verify --bucket B [--timeout S] [--interval MS] [--json]\n' +
        '(oss-replication verify --help explains each option)',
    );
  });

  it('shows the general usage when no command is named', () => {
    expect(usageAfterError(['--json'])).toBe(USAGE);
  });
});
