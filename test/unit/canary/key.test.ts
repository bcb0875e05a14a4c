import { canaryKey, isCanaryKey, isCanaryKeyFor, replicatesDeletes } from '../../../shared/canary';
import type { CanaryTarget } from '../../../shared/canary';

const at = new Date('2026-11-24T20:15:07.123Z');

describe('canaryKey', () => {
  it('puts the canary under the reserved folder, the rule id and a compact UTC time with the nonce', () => {
    expect(canaryKey([], 'autopilot-dr-1a2b3c4d', at, 'abc123')).toBe('.replication-canary/autopilot-dr-1a2b3c4d/20261124T201507Z-abc123');
  });

  it('places the canary inside the first prefix so that a prefix-filtered rule covers it', () => {
    expect(canaryKey(['logs/', 'images/'], 'r1', at, 'n')).toBe('images/.replication-canary/r1/20261124T201507Z-n');
  });

  it('is recognised as a canary key, and ordinary keys are not', () => {
    expect(isCanaryKey(canaryKey(['logs/'], 'r1', at, 'n'))).toBe(true);
    expect(isCanaryKey('logs/replication-canary.txt')).toBe(false);
  });
});

describe('replicatesDeletes', () => {
  const target = (actions: CanaryTarget['actions']): CanaryTarget => ({
    sourceBucket: 's',
    sourceRegion: 'cn-hangzhou',
    ruleId: 'r',
    destinationBucket: 'd',
    destinationRegion: 'cn-beijing',
    prefixes: [],
    actions,
  });
  it('is true for ALL and for an explicit DELETE', () => {
    expect(replicatesDeletes(target(['ALL']))).toBe(true);
    expect(replicatesDeletes(target(['PUT', 'DELETE']))).toBe(true);
  });
  it('is false for PUT only', () => {
    expect(replicatesDeletes(target(['PUT']))).toBe(false);
  });
});

describe('isCanaryKeyFor', () => {
  const rule = { prefixes: ['logs/', 'images/'], ruleId: 'autopilot-dr-1a2b3c4d' };

  it('accepts the keys canaryKey makes for the rule', () => {
    expect(isCanaryKeyFor(canaryKey(rule.prefixes, rule.ruleId, at, 'a1b2c3d4e5f6'), rule)).toBe(true);
  });

  it("refuses ordinary objects, other rules' folders and anything after the stamp and nonce", () => {
    const refused = [
      'images/photo.jpg',
      'images/.replication-canary/other-rule/20261124T201507Z-abc',
      'logs/.replication-canary/autopilot-dr-1a2b3c4d/20261124T201507Z-abc',
      'images/.replication-canary/autopilot-dr-1a2b3c4d/20261124T201507Z-abc/../../photo.jpg',
      'images/.replication-canary/autopilot-dr-1a2b3c4d/important.db',
      '.replication-canary/autopilot-dr-1a2b3c4d/20261124T201507Z-abc',
    ];
    expect(refused.filter((key) => isCanaryKeyFor(key, rule))).toEqual([]);
  });

  it('refuses a rule id that would reach into another folder', () => {
    expect(isCanaryKeyFor('.replication-canary/a/b/20261124T201507Z-abc', { prefixes: [], ruleId: 'a/b' })).toBe(false);
  });
});
