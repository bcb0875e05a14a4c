import { canaryKey, isCanaryKey, replicatesDeletes } from '../../../shared/canary';
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
    sourceBucket: 's', sourceRegion: 'cn-hangzhou', ruleId: 'r', destinationBucket: 'd', destinationRegion: 'cn-beijing', prefixes: [], actions,
  });
  it('is true for ALL and for an explicit DELETE', () => {
    expect(replicatesDeletes(target(['ALL']))).toBe(true);
    expect(replicatesDeletes(target(['PUT', 'DELETE']))).toBe(true);
  });
  it('is false for PUT only', () => {
    expect(replicatesDeletes(target(['PUT']))).toBe(false);
  });
});
