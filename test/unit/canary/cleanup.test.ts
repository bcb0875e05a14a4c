import { canaryDeletions } from '../../../shared/canary/checkCanary';
import type { PendingCanary } from '../../../shared/canary/types';

const target = {
  sourceBucket: 'src',
  sourceRegion: 'cn-hangzhou',
  ruleId: 'autopilot-r',
  destinationBucket: 'src-dr',
  destinationRegion: 'cn-beijing',
  prefixes: [],
  actions: ['ALL'] as const,
};
const base: PendingCanary = {
  target,
  key: '.replication-canary/autopilot-r/20260301T100000Z-abc',
  nonce: 'abc',
  crc64: '1',
  eTag: '"e"',
  writtenAt: '2026-03-01T10:00:00Z',
  dueAt: '2026-03-01T10:01:00Z',
  deadlineAt: '2026-03-01T10:15:00Z',
  phase: 'copy',
  attempts: 0,
};
const src = { bucket: 'src', region: 'cn-hangzhou', key: base.key };
const dst = { bucket: 'src-dr', region: 'cn-beijing', key: base.key };

describe('canaryDeletions', () => {
  it('deletes the key on both sides of an unversioned pair', () => {
    expect(canaryDeletions(base, true)).toEqual([src, dst]);
  });

  it('removes the source version, its delete marker, the replica and the replicated marker by id on a versioned pair', () => {
    const pending = { ...base, versionId: 'v1', sourceMarkerVersionId: 'm1', destinationVersionId: 'v1-dr' };
    expect(canaryDeletions(pending, true)).toEqual([
      { ...src, versionId: 'v1' },
      { ...src, versionId: 'm1' },
      { ...dst, versionId: 'v1-dr' },
      { ...dst, versionId: 'm1' },
    ]);
  });

  it('leaves a versioned destination alone when the copy was never seen (a blind delete would add a marker)', () => {
    expect(canaryDeletions({ ...base, versionId: 'v1' }, false)).toEqual([{ ...src, versionId: 'v1' }]);
  });

  it('still deletes the key in an unversioned destination when the copy was never seen (a late copy goes too)', () => {
    expect(canaryDeletions(base, false)).toEqual([src, dst]);
  });
});
