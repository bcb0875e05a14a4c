/** The parity finding: the audit found objects the destination should have and does not (or not intact). */
import { findingKey } from './findingKey';
import { describeRule, formatPercent } from './format';
import type { EvaluateProgressInput, Finding } from './types';

const SAMPLES_IN_MESSAGE = 5;

export function parityGap(input: EvaluateProgressInput): Finding | undefined {
  const p = input.parity;
  if (!p || p.missing + p.different === 0) return undefined;
  const r = input.rule;
  const what = [p.missing > 0 ? `${p.missing} missing` : '', p.different > 0 ? `${p.different} different` : '']
    .filter(Boolean)
    .join(' and ');
  const covered = p.coverage === undefined ? 'coverage unknown' : `${formatPercent(p.coverage)} covered`;
  const which = p.pass === 'current' ? `the audit pass under way (${covered})` : 'the last full audit pass';
  const samples = p.sampleKeys.slice(0, SAMPLES_IN_MESSAGE).join(', ');
  const resync = `resync --bucket ${r.bucket} --rule ${r.ruleId}`;
  return {
    kind: 'parity',
    key: findingKey(r, 'parity'),
    severity: 'critical',
    rule: r,
    summary:
      `${what} object(s) at ${r.destinationBucket}, older than the replication watermark, found by ${which} of ${describeRule(r)}` +
      `${samples ? `, e.g. ${samples}` : ''}.`,
    hint:
      'Replication progress looks complete but these objects never arrived intact. ' +
      `List them with the CLI's \`${resync}\`, copy them again with --yes (each is rewritten onto itself so OSS replicates it); ` +
      'the next audit pass re-checks them first, and the incident resolves when a pass finds none.',
    facts: {
      missing: p.missing,
      different: p.different,
      unreplicable: p.unreplicable,
      pass: p.pass,
      passStartedAt: p.passStartedAt,
      ...(p.coverage !== undefined ? { coverage: p.coverage } : {}),
      ...(samples ? { sampleKeys: samples } : {}),
    },
  };
}
