import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { CorruptDocumentError } from '../../../shared/state/errors';

describe('MemoryDocumentStore', () => {
  it('returns undefined for a missing key', async () => {
    expect(await new MemoryDocumentStore().get('nope.json')).toBeUndefined();
  });

  it('returns a put document with an OSS-style ETag, without quotes as the OSS store returns it', async () => {
    const store = new MemoryDocumentStore();
    await store.put('a.json', { n: 1 });
    expect(await store.get('a.json')).toEqual({ value: { n: 1 }, eTag: expect.stringMatching(/^[0-9A-F]{32}$/) });
  });

  it('returns copies, so callers cannot change stored documents in place', async () => {
    const store = new MemoryDocumentStore();
    await store.put('a.json', { n: 1 });
    const first = await store.get<{ n: number }>('a.json');
    (first!.value as { n: number }).n = 2;
    expect((await store.get<{ n: number }>('a.json'))!.value.n).toBe(1);
  });

  it('lists keys with the ETag a read reports', async () => {
    const store = new MemoryDocumentStore();
    await store.put('a.json', { a: 1 });
    expect(await store.entries('')).toEqual([{ key: 'a.json', eTag: (await store.get('a.json'))!.eTag }]);
  });

  it('create writes a new key and reports true', async () => {
    const store = new MemoryDocumentStore();
    expect(await store.create('a.json', { n: 1 })).toBe(true);
    expect((await store.get('a.json'))!.value).toEqual({ n: 1 });
  });

  it('create refuses an existing key and keeps the old document', async () => {
    const store = new MemoryDocumentStore();
    await store.put('a.json', { n: 1 });
    expect(await store.create('a.json', { n: 2 })).toBe(false);
    expect((await store.get('a.json'))!.value).toEqual({ n: 1 });
  });

  it('lets exactly one of many concurrent creates win', async () => {
    const store = new MemoryDocumentStore();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.create('race.json', { i })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('put overwrites', async () => {
    const store = new MemoryDocumentStore();
    await store.put('a.json', 1);
    await store.put('a.json', 2);
    expect((await store.get('a.json'))!.value).toBe(2);
  });

  it('delete removes a key and tolerates a missing one', async () => {
    const store = new MemoryDocumentStore();
    await store.put('a.json', 1);
    await store.delete('a.json');
    await store.delete('a.json');
    expect(await store.get('a.json')).toBeUndefined();
  });

  it('lists keys under a prefix in byte order', async () => {
    const store = new MemoryDocumentStore();
    for (const key of ['b/2', 'b/10', 'a/1', 'b/1', 'b/Z', 'c/1']) await store.put(key, 0);
    expect(await store.list('b/')).toEqual(['b/1', 'b/10', 'b/2', 'b/Z']);
  });

  it('keeps keys relative to its prefix', async () => {
    const store = new MemoryDocumentStore({ prefix: 'autopilot/' });
    await store.put('x/a.json', 1);
    expect(store.keys()).toEqual(['autopilot/x/a.json']);
    expect(await store.list('x/')).toEqual(['x/a.json']);
  });

  it('refuses values that are not JSON-serialisable', async () => {
    await expect(new MemoryDocumentStore().put('a.json', undefined)).rejects.toThrow(TypeError);
  });

  it('reports a stored body that is not JSON as CorruptDocumentError', async () => {
    const store = new MemoryDocumentStore();
    // Simulate a foreign writer through the protected primitive.
    await (store as unknown as { writeRaw(k: string, b: string, c: boolean): Promise<boolean> }).writeRaw('a.json', '{oops', false);
    await expect(store.get('a.json')).rejects.toBeInstanceOf(CorruptDocumentError);
  });
});
