/** `plan [--bucket B]`: ensure in dry-run mode on one or all buckets. Changes nothing. */
import type { ParsedCommand } from '../args';
import { EXIT_FAILURE, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { progressBar } from '../progress';
import { renderResult, summaryLine } from '../render';
import type { CliServices } from '../services';
import { ensureEach, listTargets } from './targets';

export async function planCommand(cmd: ParsedCommand, services: CliServices, io: CliIo): Promise<number> {
  // The state bucket is the deployment's identity in rule ids and holds its records of destinations.
  if (!services.stateBucket)
    io.err(
      'note: no state bucket (--state-bucket or STATE_BUCKET): rules and destinations this deployment created are not recognised as its own in this plan',
    );
  const targets = await listTargets(services, cmd.bucket);
  const results = await ensureEach(services, targets, true, progressBar(io, targets.length, 'planning', cmd.options.json));
  if (cmd.options.json) io.out(JSON.stringify({ command: 'plan', results }, null, 2));
  else {
    for (const r of results) io.out(renderResult(r).join('\n'));
    io.out(summaryLine('Plan', results));
  }
  return results.some((r) => r.outcome === 'failed') ? EXIT_FAILURE : EXIT_OK;
}
