import { digestDue, digestSlot, dueDigests, type DigestSource } from '../../../shared/alerts/digest';
import { compilePolicy } from '../../../shared/policy/compile';
import { rule } from './fixtures';

const policy = compilePolicy(`
version: 1
policies:
  hourly:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    alerts: { channels: [ops], digest: hourly }
  quiet:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    alerts: { channels: [ops] }
  metrics:
    destination: { region: cn-beijing, bucket: "{bucket}-dr" }
    alerts: { channels: [cms] }
channels:
  ops: { type: webhook, url: "https://example.com/hook" }
  cms: { type: cloudmonitor, region: cn-hangzhou }
guardrails: { destinationRegions: [cn-beijing] }
`);
const source = (policyName: string): DigestSource => ({
  policyName,
  row: { rule: { ...rule, ruleId: policyName }, status: 'doing', findings: [] },
});
const at = (iso: string): Date => new Date(iso);

describe('digest schedule', () => {
  it('starts an hourly slot on the hour', () => {
    expect(digestSlot('hourly', at('2024-05-01T10:42:13Z'))?.toISOString()).toBe('2024-05-01T10:00:00.000Z');
  });

  it('starts a daily slot at its UTC time today, or yesterday before that time', () => {
    expect(digestSlot('daily@09:00', at('2024-05-01T10:00:00Z'))?.toISOString()).toBe('2024-05-01T09:00:00.000Z');
    expect(digestSlot('daily@09:00', at('2024-05-01T08:59:00Z'))?.toISOString()).toBe('2024-04-30T09:00:00.000Z');
  });

  it('knows no slot for a schedule it cannot read', () => {
    expect(digestSlot('weekly', at('2024-05-01T10:00:00Z'))).toBeUndefined();
  });

  it('is due when none went out yet, or the last went out before the current slot began', () => {
    const now = at('2024-05-01T10:42:00Z');
    expect([
      digestDue('hourly', undefined, now),
      digestDue('hourly', '2024-05-01T09:59:00Z', now),
      digestDue('hourly', '2024-05-01T10:01:00Z', now),
    ]).toEqual([true, true, false]);
  });
});

describe('due digests', () => {
  const now = at('2024-05-01T10:42:00Z');

  it('sends a chat channel one digest of the rules whose policy has a schedule, when it is due', () => {
    const [ops] = dueDigests(policy, [source('hourly'), source('quiet')], { cms: now.toISOString() }, now).filter(
      (m) => m.to?.[0] === 'ops',
    );
    expect(ops?.kind === 'digest' ? ops.digest.rows.map((r) => r.rule.ruleId) : ops).toEqual(['hourly']);
  });

  it('sends nothing to a chat channel whose digest already went out in this slot', () => {
    expect(dueDigests(policy, [source('hourly')], { ops: '2024-05-01T10:01:00Z' }, now)).toEqual([]);
  });

  it('sends a cloudmonitor channel its rows on every run, schedule or not', () => {
    const cms = dueDigests(policy, [source('metrics')], { cms: now.toISOString() }, now);
    expect(cms.map((m) => m.to)).toEqual([['cms']]);
  });
});
