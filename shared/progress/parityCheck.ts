/**
 * The parity audit's findings: `parity`, the audit found objects the destination should have and does not
 * (or not intact); `audit-failing`, the audit itself keeps failing, so such gaps would go unseen.
 */
import { finding } from './finding';
import { describeRule, formatPercent } from './format';
import type { EvaluateProgressInput, Finding } from './types';

/** Sample keys a parity finding names: all a status handed to the monitor needs to carry (see shared/audit/view.ts). */
export const PARITY_SAMPLE_KEYS = 5;

export function parityGap(input: EvaluateProgressInput): Finding | undefined {
  const p = input.parity;
  if (!p || p.missing + p.different === 0) return undefined;
  const r = input.rule;
  const what = [p.missing > 0 ? `${p.missing} missing` : '', p.different > 0 ? `${p.different} different` : '']
    .filter(Boolean)
    .join(' and ');
  const covered = p.coverage === undefined ? 'coverage unknown' : `${formatPercent(p.coverage)} covered`;
  const which = p.pass === 'current' ? `the audit pass under way (${covered})` : 'the last full audit pass';
  const samples = p.sampleKeys.slice(0, PARITY_SAMPLE_KEYS).join(', ');
  const resync = `resync --bucket ${r.bucket} --rule ${r.ruleId}`;
  return finding(
    r,
    'parity',
    'critical',
    {
      summary:
        `${what} object(s) at ${r.destinationBucket}, older than the replication watermark, found by ${which} of ${describeRule(r)}` +
        `${samples ? `, e.g. ${samples}` : ''}.`,
      hint:
        'Replication progress looks complete but these objects never arrived intact. ' +
        `List them with the CLI's \`${resync}\`, copy them again with --yes (each is rewritten onto itself so OSS replicates it); ` +
        'the next audit pass re-checks them first, and the incident resolves when a pass finds none.',
    },
    {
      missing: p.missing,
      different: p.different,
      unreplicable: p.unreplicable,
      pass: p.pass,
      passStartedAt: p.passStartedAt,
      ...(p.coverage !== undefined ? { coverage: p.coverage } : {}),
      ...(samples ? { sampleKeys: samples } : {}),
    },
  );
}

/**
 * Failed audit runs in a row before a person is told: a run fails once on a passing fault (the run after
 * it retries from the same cursor), and the audit runs hourly, so three is a fault that has lasted two
 * hours or more.
 */
export const AUDIT_FAILING_AFTER_RUNS = 3;

export function auditFailing(input: EvaluateProgressInput): Finding | undefined {
  const f = input.parity?.failing;
  if (!f || f.runs < AUDIT_FAILING_AFTER_RUNS) return undefined;
  const r = input.rule;
  return finding(
    r,
    'audit-failing',
    'warning',
    {
      summary: `The parity audit of ${describeRule(r)} has failed ${f.runs} runs in a row since ${f.since}: ${f.errorCode}.`,
      hint:
        'Until it runs, objects missing at the destination go unnoticed. The error says what failed: check that both buckets exist ' +
        "and that the audit function may list and HEAD objects in both. The CLI's " +
        `\`audit --bucket ${r.bucket} --rule ${r.ruleId}\` runs it once and prints the error; the incident resolves after a run that does not fail.`,
    },
    { failedRuns: f.runs, failingSince: f.since, error: f.error },
  );
}
