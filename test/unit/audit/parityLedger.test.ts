import {
  emptyAuditDocument,
  newPass,
  ParityLedger,
  parityStatus,
  PassTally,
  saveAuditDocument,
  type AuditDocument,
} from '../../../shared/audit';
import { PARITY_SAMPLE_KEYS } from '../../../shared/progress';
import {
  auditDocumentKey,
  bucketShardOf,
  MemoryDocumentStore,
  readParityShard,
  writeParityShard,
  type OwnedRule,
} from '../../../shared/state';

const T0 = new Date('2026-03-01T00:00:00.000Z');
const CREATED = '2026-02-01T00:00:00.000Z';
const rule = (ruleId: string, createdAt = CREATED): OwnedRule => ({
  ruleId,
  policy: 'dr',
  destinationBucket: 'x-dr',
  destinationRegion: 'cn-beijing',
  createdAt,
});

/** A document whose last full pass found `missing` keys missing (k0, k1, ...) and matched one. */
function audited(bucket: string, ruleId: string, missing: number): AuditDocument {
  const tally = new PassTally(newPass(T0, ['']));
  tally.add('a-matched', { class: 'matched' }, true);
  for (let i = 0; i < missing; i++) tally.add(`k${i}`, { class: 'missing' }, true);
  return { ...emptyAuditDocument(bucket, ruleId, T0), lastFullPass: tally.pass({ endedAt: T0 }, 0) };
}

/** The store, and the keys it was asked to read. */
function spiedStore(): { store: MemoryDocumentStore; reads: string[] } {
  const store = new MemoryDocumentStore();
  const reads: string[] = [];
  const read = store.read.bind(store);
  store.read = (key, check) => (reads.push(key), read(key, check));
  return { store, reads };
}

const shardOf = async (store: MemoryDocumentStore, bucket: string) => (await readParityShard(store, bucketShardOf(bucket))).entries;

describe('ParityLedger', () => {
  it("hands the monitor each owned rule's status as the run left its document, for the rule record the audit judged", async () => {
    const store = new MemoryDocumentStore();
    const ledger = new ParityLedger();
    ledger.bucket('photos', [rule('r1'), rule('r2')]);
    ledger.document(audited('photos', 'r1', 2));
    ledger.document(emptyAuditDocument('photos', 'r2', T0));
    expect(await ledger.save(store)).toEqual([bucketShardOf('photos')]);
    expect((await shardOf(store, 'photos')).get('photos')).toEqual({
      r1: { ruleCreatedAt: CREATED, status: parityStatus(audited('photos', 'r1', 2)) },
      r2: { ruleCreatedAt: CREATED },
    });
  });

  it('keeps only the sample keys a finding names', async () => {
    const store = new MemoryDocumentStore();
    const ledger = new ParityLedger();
    const doc = audited('photos', 'r1', 30);
    ledger.bucket('photos', [rule('r1')]);
    ledger.document(doc);
    await ledger.save(store);
    const kept = (await shardOf(store, 'photos')).get('photos')?.['r1']?.status;
    expect(kept).toEqual({ ...parityStatus(doc), sampleKeys: parityStatus(doc)!.sampleKeys.slice(0, PARITY_SAMPLE_KEYS) });
  });

  it("keeps an earlier run's entry for a rule this run did not reach, and reads the document of a rule no run described, once", async () => {
    const { store, reads } = spiedStore();
    await saveAuditDocument(store, audited('photos', 'off', 1), T0);
    const first = new ParityLedger();
    first.bucket('photos', [rule('r1'), rule('off')]);
    first.document(audited('photos', 'r1', 1));
    await first.save(store);
    expect(reads).toContain(auditDocumentKey('photos', 'off'));
    reads.length = 0;
    const second = new ParityLedger();
    second.bucket('photos', [rule('r1'), rule('off')]);
    await second.save(store);
    expect(reads.filter((k) => k.startsWith('audit/'))).toEqual([]);
    expect((await shardOf(store, 'photos')).get('photos')).toEqual({
      r1: { ruleCreatedAt: CREATED, status: parityStatus(audited('photos', 'r1', 1)) },
      off: { ruleCreatedAt: CREATED, status: parityStatus(audited('photos', 'off', 1)) },
    });
  });

  it('does not carry an entry over to a rule recorded again under the same id', async () => {
    const store = new MemoryDocumentStore();
    const shard = bucketShardOf('photos');
    const old = { r1: { ruleCreatedAt: CREATED, status: parityStatus(audited('photos', 'r1', 3))! } };
    await writeParityShard(store, shard, new Map([['photos', old]]), { entries: new Map() });
    const ledger = new ParityLedger();
    ledger.bucket('photos', [rule('r1', '2026-04-01T00:00:00.000Z')]);
    await ledger.save(store);
    expect((await shardOf(store, 'photos')).get('photos')).toEqual({ r1: { ruleCreatedAt: '2026-04-01T00:00:00.000Z' } });
  });

  it("drops the rules a bucket no longer owns, and in the function's run the buckets no longer managed; cli audit leaves other buckets alone", async () => {
    const store = new MemoryDocumentStore();
    // Two buckets of one shard.
    const names = Array.from({ length: 40 }, (_, i) => `b${i}`);
    const [a, b] = names.filter((n) => bucketShardOf(n) === bucketShardOf(names[0]!));
    const entry = { r1: { ruleCreatedAt: CREATED }, gone: { ruleCreatedAt: CREATED } };
    await writeParityShard(
      store,
      bucketShardOf(a!),
      new Map([
        [a!, entry],
        [b!, entry],
      ]),
      { entries: new Map() },
    );
    const cli = new ParityLedger();
    cli.bucket(a!, [rule('r1')]);
    await cli.save(store);
    expect([...(await shardOf(store, a!))]).toEqual([
      [a!, { r1: entry.r1 }],
      [b!, entry],
    ]);
    const run = new ParityLedger(new Set([a!]));
    run.bucket(a!, [rule('r1')]);
    await run.save(store);
    expect([...(await shardOf(store, a!)).keys()]).toEqual([a!]);
  });

  it('writes nothing when no status changed', async () => {
    const store = new MemoryDocumentStore();
    const run = async () => {
      const ledger = new ParityLedger();
      ledger.bucket('photos', [rule('r1')]);
      ledger.document(audited('photos', 'r1', 1));
      return ledger.save(store);
    };
    expect([await run(), await run()]).toEqual([[bucketShardOf('photos')], []]);
  });
});
