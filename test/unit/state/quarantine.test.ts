/**
 * One mechanism for every state document: a reader that cannot use a document moves it aside to
 * `quarantine/`, reports it once, and goes on from a fresh one.
 */
import { invalid, valid, type DocumentCheck } from '../../../shared/state/documentChecks';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import type { RawDocument } from '../../../shared/state/jsonDocumentStore';
import type { QuarantineReport } from '../../../shared/state/types';

type Raw = { readRaw(k: string): Promise<RawDocument | undefined> };
const rawOf = (store: MemoryDocumentStore, fullKey: string): Promise<RawDocument | undefined> => (store as unknown as Raw).readRaw(fullKey);

/** The same store, whose next read answers `stale` (what a reader fetched before others moved on). */
function readingOnce(store: MemoryDocumentStore, stale: RawDocument | undefined): MemoryDocumentStore {
  const raw = store as unknown as Raw;
  const real = raw.readRaw.bind(store);
  let used = false;
  raw.readRaw = async (k) => (used ? real(k) : ((used = true), stale));
  return store;
}

const objectWithN: DocumentCheck<{ n: number }> = (v) =>
  typeof (v as { n?: unknown })?.n === 'number' ? valid(v as { n: number }) : invalid('n is not a number');

function storeWithReports(): { store: MemoryDocumentStore; reports: QuarantineReport[] } {
  const reports: QuarantineReport[] = [];
  return { store: new MemoryDocumentStore({ prefix: 'ap/', onQuarantine: (r) => void reports.push(r) }), reports };
}

describe('DocumentStore.read', () => {
  it('returns a document that passes its check', async () => {
    const { store, reports } = storeWithReports();
    await store.put('a.json', { n: 1 });
    expect((await store.read('a.json', objectWithN))?.value).toEqual({ n: 1 });
    expect(reports).toEqual([]);
  });

  it('moves text that is not JSON aside byte for byte, reads it as absent and reports why', async () => {
    const { store, reports } = storeWithReports();
    store.putRaw('ap/a.json', '{"n": 1,,');
    expect(await store.read('a.json', objectWithN)).toBeUndefined();
    const [moved] = store.keys();
    expect(moved).toMatch(/^ap\/quarantine\/a\.json\.\d{8}T\d{6}Z-[0-9A-F]{8}$/);
    expect(store.body(moved!)).toBe('{"n": 1,,');
    expect(reports).toEqual([{ key: 'a.json', movedTo: moved!.slice('ap/'.length), reason: 'not valid JSON', at: expect.any(String) }]);
  });

  it("moves a document that fails its check aside with the check's reason", async () => {
    const { store, reports } = storeWithReports();
    await store.put('a.json', { n: 'one' });
    expect(await store.read('a.json', objectWithN)).toBeUndefined();
    expect(reports.map((r) => r.reason)).toEqual(['n is not a number']);
    expect(await store.get('a.json')).toBeUndefined();
  });

  it('reports one bad version once, however many readers find it at the same time', async () => {
    const { store, reports } = storeWithReports();
    store.putRaw('ap/a.json', 'garbage');
    const reads = await Promise.all(Array.from({ length: 5 }, () => store.read('a.json', objectWithN)));
    expect(reads).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(reports).toHaveLength(1);
    expect(store.keys()).toHaveLength(1);
  });

  it('never deletes the fresh document a writer put after the bad version was quarantined', async () => {
    const { store, reports } = storeWithReports();
    store.putRaw('ap/a.json', 'garbage');
    const stale = await rawOf(store, 'ap/a.json');
    expect(await store.read('a.json', objectWithN)).toBeUndefined();
    await store.put('a.json', { n: 2 });
    // A slow reader that fetched the bad version before it was moved now finds it bad too.
    const slow = readingOnce(store, stale);
    expect(await slow.read('a.json', objectWithN)).toBeUndefined();
    expect((await store.get('a.json'))?.value).toEqual({ n: 2 });
    expect(reports).toHaveLength(1);
  });

  it('quarantines a later bad version separately and reports it again', async () => {
    const { store, reports } = storeWithReports();
    store.putRaw('ap/a.json', 'bad one');
    await store.read('a.json', objectWithN);
    store.putRaw('ap/a.json', 'bad two');
    await store.read('a.json', objectWithN);
    expect(reports).toHaveLength(2);
    expect(store.keys().filter((k) => k.startsWith('ap/quarantine/'))).toHaveLength(2);
  });

  it('still reads as absent when reporting fails', async () => {
    const store = new MemoryDocumentStore({ onQuarantine: () => Promise.reject(new Error('alert channel down')) });
    store.putRaw('a.json', 'garbage');
    expect(await store.read('a.json', objectWithN)).toBeUndefined();
  });

  it('treats a check that throws as a failed check', async () => {
    const { store, reports } = storeWithReports();
    await store.put('a.json', { n: 1 });
    expect(
      await store.read('a.json', () => {
        throw new TypeError('boom');
      }),
    ).toBeUndefined();
    expect(reports[0]?.reason).toBe('unreadable: boom');
  });
});

describe('a read-only store (dashboard, cli status)', () => {
  it('reads a bad document as absent and leaves it where it is, for the functions to move and report', async () => {
    const reports: QuarantineReport[] = [];
    const store = new MemoryDocumentStore({ moveAside: false, onQuarantine: (r) => void reports.push(r) });
    store.putRaw('a.json', 'garbage');
    expect(await store.read('a.json', objectWithN)).toBeUndefined();
    expect([store.keys(), reports]).toEqual([['a.json'], []]);
  });
});
