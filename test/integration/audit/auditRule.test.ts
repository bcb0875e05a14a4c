/**
 * auditRule and resyncRule against the emulator, one rule at a time: scope (watermark, historical,
 * prefixes), the different verdicts, a resync landing in the middle of a pass, and resync refusing
 * what lies outside the rule.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import {
  auditRule,
  emptyAuditDocument,
  newPass,
  ParityLedger,
  parityStatus,
  readAuditDocument,
  resyncRule,
  ruleContext,
  ruleParity,
  writeFound,
  type AuditDocument,
  type AuditRuleOutcome,
  type RuleContext,
} from '../../../shared/audit';
import type { AuditSettings } from '../../../shared/policy/runtime';
import { OssClient } from '../../../shared/oss';
import { auditDocumentKey, bucketShardOf, MemoryDocumentStore, readParityShard, type OwnedRule } from '../../../shared/state';
import type { ReplicationRule } from '../../../shared/xml/types';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
const WIDE: AuditSettings = { everyHours: 24, pagesPerRun: 100, headsPerRun: 100 };
let emulator: RunningEmulator;
let oss: OssClient;
let offsetMs = 0;
let n = 0;
const now = (): Date => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  emulator = await startEmulator({ regions: { [HZ]: 0, [BJ]: 0 }, clock: now, ruleStartingMs: 50, replicationDelayMs: 20, tickMs: 10 });
  oss = new OssClient({ region: HZ, credentials: emulator.credentials[0]!, endpoint: { kind: 'map', endpoints: emulator.endpoints }, now });
});
afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
});

async function until(probe: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + 5000;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Rule {
  readonly source: string;
  readonly destination: string;
  readonly owned: OwnedRule;
  readonly state: MemoryDocumentStore;
  live(): Promise<ReplicationRule | undefined>;
  settle(): Promise<void>;
  run(settings?: AuditSettings): Promise<AuditRuleOutcome>;
  doc(): Promise<AuditDocument>;
}

/** A source holding `before` (written before the rule), a destination, and a rule between them. */
async function rule(
  before: Record<string, string>,
  options: { prefixes?: string[]; historical?: boolean; skip?: string[] } = {},
): Promise<Rule> {
  const source = `audit-it-${(n += 1)}`;
  const destination = `${source}-dr`;
  await oss.putBucket({ bucket: source });
  await oss.putBucket({ bucket: destination, region: BJ });
  for (const [key, body] of Object.entries(before)) await oss.putObject({ bucket: source, key, body });
  for (const prefix of options.skip ?? []) emulator.admin.skipReplication({ bucket: source, prefix });
  const { ruleId } = await oss.putBucketReplication(
    { bucket: source },
    {
      prefixes: options.prefixes ?? [],
      actions: ['ALL'],
      destination: { bucket: destination, location: `oss-${BJ}` },
      historicalObjectReplication: options.historical === false ? 'disabled' : 'enabled',
    },
  );
  const owned: OwnedRule = { ruleId, policy: 'p', destinationBucket: destination, destinationRegion: BJ, createdAt: now().toISOString() };
  const state = new MemoryDocumentStore();
  const live = async () => (await oss.getBucketReplication({ bucket: source })).rules.find((r) => r.id === ruleId);
  const r: Rule = {
    source,
    destination,
    owned,
    state,
    live,
    async settle() {
      await until(() => {
        const rec = emulator.admin.state().buckets.find((b) => b.name === source)?.rules[0];
        return rec?.status === 'doing' && rec.queued === 0 && rec.historicalPending === 0;
      });
      offsetMs += 2_000;
      emulator.admin.tick();
    },
    run: async (settings = WIDE) =>
      auditRule({ oss, state, now: now(), remainingMs: () => Infinity }, { bucket: source, owned, live: await live(), settings }),
    doc: async () => (await readAuditDocument(state, source, ruleId))!,
  };
  await r.settle();
  return r;
}

async function untilPassEnds(r: Rule, settings = WIDE): Promise<AuditDocument> {
  for (let i = 0; i < 30; i++) if ((await r.run(settings)).outcome === 'passEnded') return r.doc();
  throw new Error('the pass did not end');
}

it('leaves an object written after the watermark in flight instead of calling it missing', async () => {
  const r = await rule({ old: 'x' });
  emulator.admin.pauseReplication(r.source, r.owned.ruleId);
  await oss.putObject({ bucket: r.source, key: 'late', body: 'written while paused' });
  offsetMs += 5_000;
  const doc = await untilPassEnds(r);
  emulator.admin.resumeReplication(r.source, r.owned.ruleId);
  expect(doc.lastFullPass!.counts).toMatchObject({ matched: 1, inFlight: 1, missing: 0 });
});

it('puts objects older than a rule without historical replication out of scope and judges newer ones', async () => {
  const r = await rule({ a: '1', b: '2' }, { historical: false });
  await oss.putObject({ bucket: r.source, key: 'c', body: '3' });
  await r.settle();
  const doc = await untilPassEnds(r);
  expect(doc.lastFullPass!.counts).toMatchObject({ outOfScope: 2, matched: 1, missing: 0 });
});

it("walks only the rule's prefixes and tells a size difference from an ETag and CRC64 difference", async () => {
  const r = await rule({ 'a/1': 'same size', 'b/1': 'outside', 'c/1': 'same size', 'c/2': 'abc' }, { prefixes: ['c/', 'a/'] });
  await oss.putObject({ bucket: r.destination, region: BJ, key: 'c/1', body: 'SAME SIZE' });
  await oss.putObject({ bucket: r.destination, region: BJ, key: 'c/2', body: 'abcdef' });
  const doc = await untilPassEnds(r);
  const pass = doc.lastFullPass!;
  expect(pass.prefixes).toEqual(['a/', 'c/']);
  expect(pass.counts).toMatchObject({ matched: 1, different: 2 });
  expect(pass.sourceKeys).toBe(3);
  expect(pass.samples.different).toEqual([
    { key: 'c/1', detail: 'ETag and CRC64 differ' },
    { key: 'c/2', detail: 'size 3 at the source, 6 at the destination' },
  ]);
});

it('a resync landing in the middle of a pass moves the keys it repaired to matched within that pass', async () => {
  const keys = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k/${String(i).padStart(2, '0')}`, `v${i}`]));
  const r = await rule(keys, { skip: ['k/05', 'k/10', 'k/20'] });
  emulator.admin.clearReplicationSkips();
  const tight: AuditSettings = { everyHours: 24, pagesPerRun: 100, headsPerRun: 2 };
  expect(await r.run(tight)).toMatchObject({ outcome: 'walked', stoppedBy: 'heads', problems: 2 });
  const context = (await ruleContext(oss, { bucket: r.source }, r.owned, await r.live())) as RuleContext;
  const copied = await resyncRule(
    { oss, state: r.state, now },
    { ...context, ruleId: r.owned.ruleId, doc: await r.doc(), max: 10, apply: true },
  );
  expect(copied.items.map((i) => `${i.action}:${i.key}`)).toEqual(['copied:k/05', 'copied:k/10']);
  await r.settle();
  const doc = await untilPassEnds(r, tight);
  expect(doc.lastRecheck).toMatchObject({ matched: 2, stillWrong: 0 });
  expect(doc.lastFullPass!.counts).toMatchObject({ missing: 1, matched: 29 });
  expect(doc.lastFullPass!.samples.missing).toEqual([{ key: 'k/20' }]);
});

it('resync never copies a key outside the rule, a canary key, or one that already matches', async () => {
  const r = await rule({ 'a/1': 'x', 'b/1': 'outside' }, { prefixes: ['a/'] });
  await untilPassEnds(r);
  const doc = await r.doc();
  const pass = doc.lastFullPass!.startedAt;
  await writeFound(r.state, { bucket: r.source, ruleId: r.owned.ruleId, pass }, 0, [
    { key: 'b/1', class: 'missing' },
    { key: 'a/.replication-canary/r/20260101T000000Z-n', class: 'missing' },
    { key: 'a/1', class: 'different' },
  ]);
  const context = (await ruleContext(oss, { bucket: r.source }, r.owned, await r.live())) as RuleContext;
  const before = emulator.admin.requests({ operation: 'CopyObject' }).length;
  const result = await resyncRule({ oss, state: r.state, now }, { ...context, ruleId: r.owned.ruleId, doc, max: 10, apply: true });
  expect(result.items.map((i) => `${i.action}:${i.key}:${i.reason}`)).toEqual([
    "skipped:b/1:outside the rule's prefixes",
    'skipped:a/.replication-canary/r/20260101T000000Z-n:a canary key',
    'skipped:a/1:already matches at the destination',
  ]);
  expect(emulator.admin.requests({ operation: 'CopyObject' })).toHaveLength(before);
  expect(result.recheckDocument).toBeUndefined();
});

/** A client whose listings come in UTF-16 order (as the emulator once did): a😀 before a｡. */
const inUtf16Order = (): OssClient =>
  Object.assign(Object.create(oss) as OssClient, {
    listObjectsV2: async (input: Parameters<OssClient['listObjectsV2']>[0]) => {
      const page = await oss.listObjectsV2(input);
      return { ...page, contents: [...page.contents].sort((x, y) => (x.key < y.key ? -1 : 1)) };
    },
  });

it('a listing out of byte order stops the run with the reason recorded, and keeps none of its verdicts', async () => {
  const r = await rule({ 'a😀': '1', 'a\u{ff61}': '2', b: '3' }, { skip: ['a😀'] });
  emulator.admin.clearReplicationSkips();
  const run = auditRule(
    { oss: inUtf16Order(), state: r.state, now: now(), remainingMs: () => Infinity },
    { bucket: r.source, owned: r.owned, live: await r.live(), settings: WIDE },
  );
  await expect(run).rejects.toThrow(`the listing of ${r.source} under "" is not in UTF-8 byte order: "a\u{ff61}" came after "a😀"`);
  const doc = await r.doc();
  expect(doc.lastRun).toMatchObject({ outcome: 'failed', error: expect.stringContaining("this run's verdicts were discarded") });
  expect(doc.current).toMatchObject({ sourceKeys: 0, cursor: { prefix: 0 }, counts: { matched: 0, missing: 0, extra: 0 } });
  expect(doc.lastFullPass).toBeUndefined();
  expect((await untilPassEnds(r)).lastFullPass!.counts).toMatchObject({ missing: 1, extra: 0, matched: 2 });
});

it('hands the monitor the document each run leaves behind, that of a run that throws included', async () => {
  const r = await rule({ 'a😀': '1', 'a\u{ff61}': '2' });
  const ledger = new ParityLedger();
  ledger.bucket(r.source, [r.owned]);
  const deps = { state: r.state, now: now(), remainingMs: () => Infinity, ledger };
  const target = { bucket: r.source, owned: r.owned, live: await r.live(), settings: WIDE };
  const handed = async () => {
    await ledger.save(r.state);
    return (await readParityShard(r.state, bucketShardOf(r.source))).entries.get(r.source)?.[r.owned.ruleId];
  };
  expect(await auditRule({ ...deps, oss }, target)).toMatchObject({ outcome: 'passEnded' });
  expect(await handed()).toEqual(ruleParity(r.owned, parityStatus(await r.doc())));
  expect((await handed())?.status).toMatchObject({ pass: 'last', matched: 2, missing: 0 });
  // The next pass (due at once) meets a listing out of order: the run throws after saving its failure.
  const again = { ...target, settings: { ...WIDE, everyHours: 0 } };
  await expect(auditRule({ ...deps, oss: inUtf16Order() }, again)).rejects.toThrow('not in UTF-8 byte order');
  expect(await handed()).toEqual(ruleParity(r.owned, parityStatus(await r.doc())));
  expect((await handed())?.status?.failing).toMatchObject({ runs: 1 });
});

it('resync skips an object rewritten between its HEAD and its copy, and the new write keeps its own content type and metadata', async () => {
  const r = await rule({ 'k/1': 'old' }, { skip: ['k/1'] });
  emulator.admin.clearReplicationSkips();
  expect((await untilPassEnds(r)).lastFullPass!.counts).toMatchObject({ missing: 1 });
  const context = (await ruleContext(oss, { bucket: r.source }, r.owned, await r.live())) as RuleContext;
  // Someone writes the key after resync judged it and before its CopyObject reaches OSS.
  const racing = Object.assign(Object.create(oss) as OssClient, {
    copyObject: async (input: Parameters<OssClient['copyObject']>[0]) => {
      await oss.putObject({ bucket: r.source, key: 'k/1', body: 'new', contentType: 'text/csv', metadata: { version: '2' } });
      return oss.copyObject(input);
    },
  });
  const result = await resyncRule(
    { oss: racing, state: r.state, now },
    { ...context, ruleId: r.owned.ruleId, doc: await r.doc(), max: 10, apply: true },
  );
  expect(result.items).toEqual([
    { key: 'k/1', class: 'missing', size: 3, action: 'skipped', reason: 'changed since the audit: its new write replicates on its own' },
  ]);
  expect(result.recheckDocument).toBeUndefined();
  const head = await oss.headObject({ bucket: r.source, key: 'k/1' });
  expect([head.contentType, head.metadata]).toEqual(['text/csv', { version: '2' }]);
});

it("a stored cursor past the rule's prefixes is not trusted: the document is quarantined and a fresh pass walks every key", async () => {
  const r = await rule({ a: '1', b: '2' }, { skip: ['b'] });
  emulator.admin.clearReplicationSkips();
  const forged = { ...emptyAuditDocument(r.source, r.owned.ruleId, now()), current: { ...newPass(now(), ['']), cursor: { prefix: 7 } } };
  await r.state.put(auditDocumentKey(r.source, r.owned.ruleId), forged);
  const doc = await untilPassEnds(r);
  expect(doc.lastFullPass!.counts).toMatchObject({ matched: 1, missing: 1 });
  expect(doc.lastFullPass!.samples.missing).toEqual([{ key: 'b' }]);
  expect(r.state.keys().filter((k) => k.startsWith('quarantine/'))).toHaveLength(1);
});
