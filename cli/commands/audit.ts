/**
 * `audit --bucket B [--rule R]`: one parity-audit run now, with each rule's policy budget (the default
 * budget where a policy turned the audit off), the same shared/audit code the audit function runs. It
 * carries on a pass under way or starts one, hands the results to the monitor (the bucket's parity
 * shard), and prints where each rule's audit stands.
 */
import { randomUUID } from 'node:crypto';
import { auditBucket, auditView, ParityLedger, readAuditDocument, type AuditRuleOutcome, type AuditView } from '../../shared/audit';
import { printable } from '../../shared/log';
import { acquireLease, AUDIT_LEASE, BRIEF_LEASE_WAIT, checkStateBucket, runLeaseTtlMs } from '../../shared/state';
import { sleep as realSleep } from '../../shared/retry';
import type { ParsedCommand } from '../args';
import { auditLines } from '../auditText';
import { EXIT_FAILURE, EXIT_OK } from '../errors';
import type { CliIo } from '../io';
import { requireState, type CliServices } from '../services';

interface RuleReport {
  readonly outcome: AuditRuleOutcome;
  readonly audit?: AuditView;
}

function ruleLines(r: RuleReport): string[] {
  const o = r.outcome;
  const head = `  rule ${o.ruleId}: ${o.outcome}${o.note ? ` (${o.note})` : ''}${o.error ? `: ${o.error}` : ''}`;
  return [head, ...(r.audit ? auditLines(r.audit) : [])];
}

export async function auditCommand(cmd: ParsedCommand, services: CliServices, io: CliIo): Promise<number> {
  const { state, leases, stateBucket } = requireState(services);
  const bucket = cmd.bucket as string; // parseArgs requires it
  // The run lease is a create-only write: refuse a state bucket where it would not hold.
  await checkStateBucket(services.oss, { bucket: stateBucket, region: services.config.stateRegion ?? services.region });
  const now = io.now ?? (() => new Date());
  const owner = `cli-${randomUUID()}`;
  const lease = await acquireLease(leases, { name: AUDIT_LEASE, owner, ttlMs: runLeaseTtlMs(Infinity) }, BRIEF_LEASE_WAIT, {
    sleep: io.sleep ?? realSleep,
  });
  if (!lease) {
    io.err('an audit run is in progress (the audit function or another `audit`): try again in a few minutes');
    return EXIT_FAILURE;
  }
  let reports: RuleReport[];
  try {
    const ledger = new ParityLedger();
    const deps = { oss: services.oss, state, now: now(), remainingMs: () => Infinity, ledger };
    const outcomes = await auditBucket(deps, { bucket, policy: services.policy, force: true, ...(cmd.rule ? { ruleId: cmd.rule } : {}) });
    // Under the lease still, as the audit function does: the monitor judges this run from the shard.
    await ledger.save(state);
    reports = await Promise.all(
      outcomes.map(async (outcome) => {
        const doc = await readAuditDocument(state, bucket, outcome.ruleId);
        return { outcome, ...(doc ? { audit: auditView(doc) } : {}) };
      }),
    );
  } finally {
    await lease.release();
  }
  if (cmd.options.json) io.out(JSON.stringify({ command: 'audit', bucket, rules: reports }, null, 2));
  if (reports.length === 0) {
    const which = cmd.rule ? ` ${cmd.rule}` : '';
    io.err(`${bucket} has no owned rule${which} in the state bucket: nothing to audit (run plan/apply, or check --rule)`);
    return EXIT_FAILURE;
  }
  if (!cmd.options.json) io.out([`${bucket}:`, ...reports.flatMap(ruleLines)].map(printable).join('\n'));
  return reports.some((r) => r.outcome.outcome === 'failed') ? EXIT_FAILURE : EXIT_OK;
}
