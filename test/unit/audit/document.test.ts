import {
  checkAuditDocument,
  emptyAuditDocument,
  MAX_SAMPLES,
  newPass,
  passDecision,
  parityStatus,
  PassTally,
  type AuditDocument,
  type AuditPass,
} from '../../../shared/audit';
import { auditDocumentKey, auditFoundKey, auditResyncKey, auditRuleOfKey } from '../../../shared/state';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const hours = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

function passWith(verdicts: Array<[string, 'matched' | 'missing' | 'different']>, ended = true): AuditPass {
  const tally = new PassTally(newPass(T0, ['']));
  for (const [key, c] of verdicts) tally.add(key, { class: c }, true);
  return tally.pass(ended ? { endedAt: hours(1) } : { cursor: { prefix: 0, after: verdicts[verdicts.length - 1]?.[0] ?? '' } }, 0);
}

describe('PassTally', () => {
  it('keeps the first 20 keys of a class as samples and counts the rest', () => {
    const tally = new PassTally(newPass(T0, ['']));
    for (let i = 0; i < 30; i++) tally.add(`k${i}`, { class: 'missing' }, true);
    const pass = tally.pass({ cursor: { prefix: 0, after: 'k29' } }, 1);
    expect(pass.counts.missing).toBe(30);
    expect(pass.samples.missing).toHaveLength(MAX_SAMPLES);
    expect(pass.sourceKeys).toBe(30);
    expect(tally.found).toHaveLength(30);
    expect(pass.chunks).toBe(1);
  });

  it('moves a re-checked key from its problem class to its new verdict', () => {
    const tally = new PassTally(
      passWith(
        [
          ['a', 'missing'],
          ['b', 'missing'],
        ],
        false,
      ),
    );
    tally.reclassify('a', 'missing', { class: 'matched' });
    const pass = tally.pass({ cursor: { prefix: 0, after: 'b' } }, 0);
    expect(pass.counts).toMatchObject({ missing: 1, matched: 1 });
    expect(pass.samples.missing?.map((s) => s.key)).toEqual(['b']);
  });
});

describe('passDecision', () => {
  const doc = (over: Partial<AuditDocument> = {}): AuditDocument => ({ ...emptyAuditDocument('b', 'r', T0), ...over });

  it('starts a first pass, carries on a pass under way, and waits everyHours after the last one started', () => {
    expect(passDecision(doc(), 24, T0, { resynced: false })).toBe('start');
    expect(passDecision(doc({ current: passWith([], false) }), 24, hours(100), { resynced: false })).toBe('continue');
    expect(passDecision(doc({ lastFullPass: passWith([]) }), 24, hours(23), { resynced: false })).toBe('notDue');
    expect(passDecision(doc({ lastFullPass: passWith([]) }), 24, hours(24), { resynced: false })).toBe('start');
  });

  it('starts a pass at once after a resync, or when forced', () => {
    expect(passDecision(doc({ lastFullPass: passWith([]) }), 24, hours(1), { resynced: true })).toBe('start');
    expect(passDecision(doc({ lastFullPass: passWith([]) }), 24, hours(1), { resynced: false, force: true })).toBe('start');
  });
});

describe('checkAuditDocument', () => {
  it('accepts what the audit writes and fills counts an older document lacks', () => {
    const pass = passWith([['a', 'matched']]);
    const { counts: _c, ...withoutCounts } = pass;
    const stored = JSON.parse(
      JSON.stringify({ ...emptyAuditDocument('b', 'r', T0), lastFullPass: { ...withoutCounts, counts: { matched: 1 } } }),
    );
    const checked = checkAuditDocument(stored);
    expect(checked.ok && checked.value.lastFullPass?.counts).toMatchObject({ matched: 1, missing: 0, different: 0 });
  });

  it('refuses a document whose pass has neither a cursor nor an end, or whose counts are not counts', () => {
    const base = emptyAuditDocument('b', 'r', T0);
    const { endedAt: _e, ...open } = passWith([]);
    expect(checkAuditDocument({ ...base, current: open })).toEqual({ ok: false, reason: 'current has neither a cursor nor an end' });
    expect(checkAuditDocument({ ...base, lastFullPass: { ...passWith([]), counts: { missing: -1 } } })).toEqual({
      ok: false,
      reason: 'lastFullPass.counts is not a map of counts',
    });
    expect(checkAuditDocument({ ...base, schema: 2 })).toMatchObject({ ok: false });
  });
});

describe('checkAuditDocument bounds each cursor by its pass', () => {
  const base = emptyAuditDocument('b', 'r', T0);
  const open = passWith([], false);

  it("refuses a cursor past the pass's prefixes (the next run would walk nothing and call the pass full)", () => {
    expect(checkAuditDocument({ ...base, current: { ...open, cursor: { prefix: 7 } } })).toEqual({
      ok: false,
      reason: "current.cursor.prefix 7 is past the pass's 1 prefix(es)",
    });
  });

  it('refuses a cursor after a key outside the prefix it names, and accepts one inside it', () => {
    const logs = { ...open, prefixes: ['logs/'] };
    expect(checkAuditDocument({ ...base, current: { ...logs, cursor: { prefix: 0, after: 'zzz' } } })).toEqual({
      ok: false,
      reason: 'current.cursor.after is not a key under the prefix "logs/"',
    });
    expect(checkAuditDocument({ ...base, current: { ...logs, cursor: { prefix: 0, after: 'logs/9' } } })).toMatchObject({ ok: true });
  });

  it('refuses a last full pass that never ended, and an expected count that is not a count', () => {
    const { endedAt: _e, ...unended } = passWith([]);
    expect(checkAuditDocument({ ...base, lastFullPass: { ...unended, cursor: { prefix: 0 } } })).toEqual({
      ok: false,
      reason: 'lastFullPass has no end',
    });
    expect(checkAuditDocument({ ...base, current: { ...open, expectedSourceKeys: -1 } })).toEqual({
      ok: false,
      reason: 'current.expectedSourceKeys is not a count',
    });
  });
});

describe('parityStatus', () => {
  it('reports the gaps of the pass under way first, else those of the last full pass', () => {
    const last = passWith([['a', 'missing']]);
    const clean = passWith([['a', 'matched']], false);
    expect(parityStatus({ ...emptyAuditDocument('b', 'r', T0), lastFullPass: last, current: clean })).toMatchObject({
      pass: 'last',
      missing: 1,
      sampleKeys: ['a'],
    });
    const found = passWith([['c', 'different']], false);
    expect(parityStatus({ ...emptyAuditDocument('b', 'r', T0), lastFullPass: last, current: found })).toMatchObject({
      pass: 'current',
      missing: 0,
      different: 1,
    });
  });

  it('says no gap once a later full pass found none', () => {
    expect(parityStatus({ ...emptyAuditDocument('b', 'r', T0), lastFullPass: passWith([['a', 'matched']]) })).toMatchObject({
      pass: 'last',
      missing: 0,
      different: 0,
      coverage: 1,
    });
    expect(parityStatus(undefined)).toBeUndefined();
  });
});

describe('audit keys', () => {
  it('name the rule of every document under a bucket, and nothing else', () => {
    const rule = 'autopilot-dr-0a1b2c3d-00112233';
    for (const key of [auditDocumentKey('b', rule), auditFoundKey('b', rule, T0.toISOString(), 3), auditResyncKey('b', rule, T0, 'n')]) {
      expect(auditRuleOfKey('b', key)).toBe(rule);
    }
    expect(auditRuleOfKey('b-other', auditDocumentKey('b', rule))).toBeUndefined();
    expect(auditRuleOfKey('b', 'audit/b/')).toBeUndefined();
  });
});
