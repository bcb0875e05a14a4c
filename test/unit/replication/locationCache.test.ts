import type { OssApi } from '../../../shared/oss/types';
import { LocationCache } from '../../../shared/replication/locationCache';
import type { ReplicationLocation } from '../../../shared/xml/types';
import { makeLocation } from './fixtures';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';
import { replicationLocationKey } from '../../../shared/state/keys';

/** Only the one call the cache makes; every other member is absent on purpose. */
function countingOss(answer: () => Promise<ReplicationLocation>): { oss: OssApi; calls: string[] } {
  const calls: string[] = [];
  const oss = {
    getBucketReplicationLocation: (ref: { bucket: string; region?: string }) => {
      calls.push(`${ref.region}/${ref.bucket}`);
      return answer();
    },
  } as unknown as OssApi;
  return { oss, calls };
}

describe('LocationCache', () => {
  it('asks once per region while the entry is fresh', async () => {
    const { oss, calls } = countingOss(async () => makeLocation());
    const cache = new LocationCache(1000, () => 0);
    await cache.get(oss, 'cn-hangzhou', 'a');
    await cache.get(oss, 'cn-hangzhou', 'b');
    expect(calls).toEqual(['cn-hangzhou/a']);
  });

  it('asks again for another region', async () => {
    const { oss, calls } = countingOss(async () => makeLocation());
    const cache = new LocationCache(1000, () => 0);
    await cache.get(oss, 'cn-hangzhou', 'a');
    await cache.get(oss, 'cn-shanghai', 'b');
    expect(calls).toHaveLength(2);
  });

  it('asks again once the entry has expired', async () => {
    let now = 0;
    const { oss, calls } = countingOss(async () => makeLocation());
    const cache = new LocationCache(1000, () => now);
    await cache.get(oss, 'cn-hangzhou', 'a');
    now = 1000;
    await cache.get(oss, 'cn-hangzhou', 'a');
    expect(calls).toHaveLength(2);
  });

  it('shares one request between concurrent misses', async () => {
    const { oss, calls } = countingOss(async () => makeLocation());
    const cache = new LocationCache(1000, () => 0);
    await Promise.all([cache.get(oss, 'cn-hangzhou', 'a'), cache.get(oss, 'cn-hangzhou', 'b')]);
    expect(calls).toHaveLength(1);
  });

  it('does not cache a failure', async () => {
    let fail = true;
    const { oss, calls } = countingOss(async () => {
      if (fail) throw new Error('boom');
      return makeLocation();
    });
    const cache = new LocationCache(1000, () => 0);
    await expect(cache.get(oss, 'cn-hangzhou', 'a')).rejects.toThrow('boom');
    fail = false;
    await cache.get(oss, 'cn-hangzhou', 'a');
    expect(calls).toHaveLength(2);
  });

  describe('kept in the state bucket', () => {
    it('lets a cold instance read the answer from the state store instead of asking OSS', async () => {
      const { oss, calls } = countingOss(async () => makeLocation());
      const store = new MemoryDocumentStore();
      await new LocationCache(1000, () => 0).get(oss, 'cn-hangzhou', 'a', { store });
      const cold = await new LocationCache(1000, () => 500).get(oss, 'cn-hangzhou', 'b', { store });
      expect([calls, cold]).toEqual([['cn-hangzhou/a'], makeLocation()]);
    });

    it('asks OSS again once the stored answer is older than the TTL, counted from when OSS gave it', async () => {
      const { oss, calls } = countingOss(async () => makeLocation());
      const store = new MemoryDocumentStore();
      await new LocationCache(1000, () => 0).get(oss, 'cn-hangzhou', 'a', { store });
      await new LocationCache(1000, () => 1000).get(oss, 'cn-hangzhou', 'b', { store });
      expect(calls).toEqual(['cn-hangzhou/a', 'cn-hangzhou/b']);
    });

    it('writes nothing for a dry run', async () => {
      const { oss } = countingOss(async () => makeLocation());
      const store = new MemoryDocumentStore();
      await new LocationCache(1000, () => 0).get(oss, 'cn-hangzhou', 'a', { store, readOnly: true });
      expect(await store.list('')).toEqual([]);
    });

    it('asks OSS when the stored document is unusable, and moves it aside', async () => {
      const { oss, calls } = countingOss(async () => makeLocation());
      const store = new MemoryDocumentStore();
      await store.put(replicationLocationKey('cn-hangzhou'), { schema: 1, location: 'everywhere' });
      await new LocationCache(1000, () => 0).get(oss, 'cn-hangzhou', 'a', { store });
      expect([calls, (await store.list('quarantine/')).length]).toEqual([['cn-hangzhou/a'], 1]);
    });
  });
});
