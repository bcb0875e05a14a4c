/**
 * `apply [--bucket B] [--yes]`: shows the plan, asks (on a terminal) or requires --yes, then runs
 * ensure for real on the buckets whose plan changes something.
 */
import { type EnsureResult, isChange } from '../../shared/replication';
import { checkStateBucket } from '../../shared/state';
import type { ParsedCommand } from '../args';
import { CliFailure, EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import type { CliIo } from '../io';
import { progressBar } from '../progress';
import { renderResult, summaryLine } from '../render';
import type { CliServices } from '../services';
import { requireState } from '../services';
import { ensureEach, listTargets, type Target } from './targets';

function changing(results: readonly EnsureResult[], targets: readonly Target[]): Target[] {
  const names = new Set(results.filter((r) => r.plan && isChange(r.plan)).map((r) => r.bucket));
  return targets.filter((t) => names.has(t.bucket));
}

async function confirmed(cmd: ParsedCommand, io: CliIo, count: number): Promise<boolean> {
  if (cmd.yes) return true;
  if (!io.interactive) throw new UsageError('apply changes buckets: pass --yes (stdin is not a terminal, so there is no one to ask)');
  return io.confirm(`Apply the changes to ${count} bucket(s)? Only "yes" is accepted: `);
}

export async function applyCommand(cmd: ParsedCommand, services: CliServices, io: CliIo): Promise<number> {
  const { stateBucket } = requireState(services); // ensure records owned rules and schedules canaries there
  // Leases and canary schedules are create-only writes: refuse a state bucket where they would not hold.
  await checkStateBucket(services.oss, { bucket: stateBucket, region: services.config.stateRegion ?? services.region });
  const targets = await listTargets(services, cmd.bucket);
  const planned = await ensureEach(services, targets, true, progressBar(io, targets.length, 'planning', cmd.options.json));
  const todo = changing(planned, targets);
  if (!cmd.options.json) {
    for (const r of planned.filter((p) => p.plan && isChange(p.plan))) io.out(renderResult(r).join('\n'));
    io.out(summaryLine('Plan', planned));
  }
  if (todo.length === 0) {
    if (cmd.options.json) io.out(JSON.stringify({ command: 'apply', planned, results: [] }, null, 2));
    else io.out('No changes.');
    return planned.some((r) => r.outcome === 'failed') ? EXIT_FAILURE : EXIT_OK;
  }
  if (!(await confirmed(cmd, io, todo.length))) throw new CliFailure('apply cancelled: nothing changed', 'CLI_CANCELLED');
  const results = await ensureEach(services, todo, false, progressBar(io, todo.length, 'applying', cmd.options.json));
  if (cmd.options.json) io.out(JSON.stringify({ command: 'apply', planned, results }, null, 2));
  else {
    for (const r of results) io.out(renderResult(r).join('\n'));
    io.out(summaryLine('Apply', results));
  }
  return results.some((r) => ['failed', 'blocked', 'busy'].includes(r.outcome)) ? EXIT_FAILURE : EXIT_OK;
}
