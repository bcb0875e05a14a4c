import { canaryKey } from '../../../shared/canary/key';
import { pendingCanaryKey } from '../../../shared/state/keys';
import { checkPendingDocument } from '../../../functions/verify/pending';

const at = new Date('2026-03-01T10:00:00.000Z');
const target = {
  sourceBucket: 'photos',
  sourceRegion: 'cn-hangzhou',
  ruleId: 'autopilot-dr-1a2b3c4d',
  destinationBucket: 'photos-dr',
  destinationRegion: 'cn-beijing',
  prefixes: [],
  actions: ['ALL'],
};
const key = pendingCanaryKey(at, 'photos', target.ruleId);
const canary = {
  target,
  key: canaryKey([], target.ruleId, at, 'a1b2c3'),
  nonce: 'a1b2c3',
  crc64: '123',
  eTag: 'E',
  writtenAt: at.toISOString(),
  dueAt: at.toISOString(),
  deadlineAt: at.toISOString(),
  phase: 'copy',
  attempts: 0,
};
const reasonOf = (doc: unknown, k = key): string | undefined => {
  const checked = checkPendingDocument(k)(doc);
  return checked.ok ? undefined : checked.reason;
};

describe('checkPendingDocument', () => {
  it('accepts a written canary, a schedule and a finished check about the bucket and rule their key names', () => {
    expect(reasonOf(canary)).toBeUndefined();
    expect(
      reasonOf({ kind: 'schedule', reason: 'ruleAdded', policy: 'dr', target, scheduledAt: at.toISOString(), dueAt: at.toISOString() }),
    ).toBeUndefined();
    expect(
      reasonOf({
        kind: 'completed',
        target,
        record: { ruleId: target.ruleId, key: canary.key, writtenAt: at.toISOString(), outcome: 'arrived' },
      }),
    ).toBeUndefined();
  });

  it("refuses a canary whose object key is not in the rule's reserved canary folder, naming the key", () => {
    expect(reasonOf({ ...canary, key: 'important/ledger.db' })).toBe(
      `object key "important/ledger.db" is not a canary key of rule ${target.ruleId} (verify deletes only canary keys)`,
    );
  });

  it('refuses a document about another bucket or rule than its key names', () => {
    expect(reasonOf({ ...canary, target: { ...target, sourceBucket: 'payroll' } })).toMatch(/is not the one its key names/);
    expect(reasonOf({ ...canary, target: { ...target, ruleId: 'autopilot-x' } })).toMatch(/is not the one its key names/);
  });

  it('refuses shapes verify could not work with', () => {
    expect(reasonOf([])).toBe('not a JSON object');
    expect(reasonOf({ ...canary, phase: 'later' })).toBe('phase is neither copy nor delete');
    expect(reasonOf({ ...canary, versionId: 7 })).toBe('versionId is not a string');
    expect(reasonOf({ ...canary, kind: 'surprise' })).toBe('unknown kind "surprise"');
    expect(reasonOf({ ...canary, target: { ...target, prefixes: 'all' } })).toBe('target.prefixes is not a list of strings');
  });
});
