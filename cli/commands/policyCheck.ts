/** `policy check [--file F]`: compile and validate a policy file, listing every issue with its line. */
import { printable } from '../../shared/log';
import { formatIssue, PolicyValidationError } from '../../shared/policy';
import type { ParsedCommand } from '../args';
import { EXIT_FAILURE, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { loadCliPolicy } from '../services';

export function policyCheckCommand(cmd: ParsedCommand, io: CliIo): number {
  const file = cmd.options.policyFile;
  try {
    const doc = loadCliPolicy(file, '--file');
    const policies = Object.keys(doc.policies);
    if (cmd.options.json)
      io.out(JSON.stringify({ command: 'policy check', file, ok: true, policies, channels: Object.keys(doc.channels) }, null, 2));
    else
      io.out(
        `${file}: ok, ${policies.length} policies (${policies.join(', ')}), ${Object.keys(doc.channels).length} channel(s), tag key "${doc.selector.tagKey}"`,
      );
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    if (cmd.options.json) io.out(JSON.stringify({ command: 'policy check', file, ok: false, issues: error.issues }, null, 2));
    else
      io.err(
        [
          `${file}: ${error.issues.length} issue(s)`,
          ...[...error.issues]
            .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
            .map((i) => printable(`  ${i.line !== undefined ? `line ${i.line}: ` : ''}${formatIssue(i)}`)),
        ].join('\n'),
      );
    return EXIT_FAILURE;
  }
}
