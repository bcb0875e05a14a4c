import { newBucket } from '../../../local/emulator/models/bucket';
import { putVersion } from '../../../local/emulator/models/objects';
import type { BucketRecord, RuleRecord } from '../../../local/emulator/models/types';
import { ReplicationEngine } from '../../../local/emulator/replication/engine';
import { enqueueWrite, historicalBacklog, putItem } from '../../../local/emulator/replication/enqueue';
import { ruleProgress } from '../../../local/emulator/replication/progress';
import { MemoryBlobStore } from '../../../local/emulator/store/blobStore';
import { noPersistence } from '../../../local/emulator/store/persistence';
import { Store } from '../../../local/emulator/store/store';
import type { ReplicationRule } from '../../../shared/xml/types';

const timings = { startingMs: 100, closingMs: 100, replicationDelayMs: 10 };

function world(historicalPerTick = 1) {
  let now = 1_000_000;
  let ids = 0;
  const store = new Store(new MemoryBlobStore(() => `blob${(ids += 1)}`), noPersistence);
  const src = newBucket({ name: 'src-bucket', region: 'cn-hangzhou' }, now);
  const dst = newBucket({ name: 'dst-bucket', region: 'cn-beijing' }, now);
  store.add(src);
  store.add(dst);
  const engine = new ReplicationEngine(store, { timings, clock: () => new Date(now), tickMs: 1000, historicalPerTick });
  const write = (bucket: BucketRecord, key: string) => {
    const { version } = putVersion(
      bucket,
      {
        key,
        blobId: store.blobs.put(Buffer.from(key)),
        size: key.length,
        etag: 'E',
        contentMd5: 'M',
        crc64: '1',
        contentType: 'text/plain',
        metadata: {},
        isReplica: false,
      },
      now,
    );
    enqueueWrite(bucket, putItem(version), now, timings);
  };
  const addRule = (): RuleRecord => {
    const rule: ReplicationRule & { id: string } = {
      id: 'r1',
      prefixes: [],
      actions: ['ALL'],
      destination: { bucket: 'dst-bucket', location: 'oss-cn-beijing' },
      historicalObjectReplication: 'enabled',
    };
    const record: RuleRecord = { rule, createdAt: now, historical: historicalBacklog(src, rule), queue: [] };
    src.rules.push(record);
    store.changed(src); // as every operation does after a change: the store learns src carries a rule
    return record;
  };
  return { store, src, dst, engine, write, addRule, advance: (ms: number) => (now += ms), now: () => now };
}

describe('ReplicationEngine', () => {
  it('copies nothing while the rule is starting', () => {
    const w = world();
    w.write(w.src, 'a');
    w.addRule();
    w.advance(50);
    w.engine.tick();
    expect(Object.keys(w.dst.objects)).toEqual([]);
  });

  it('moves HistoricalObject with each real copy: 1/3, 2/3, 1', () => {
    const w = world(1);
    for (const key of ['a', 'b', 'c']) w.write(w.src, key);
    const rule = w.addRule();
    w.advance(timings.startingMs + timings.replicationDelayMs);
    const fractions = [1, 2, 3].map(() => {
      w.engine.tick();
      return [ruleProgress(rule, w.now(), timings).progress?.historicalObject, Object.keys(w.dst.objects).length];
    });
    expect(fractions).toEqual([
      [1 / 3, 1],
      [2 / 3, 2],
      [1, 3],
    ]);
  });

  it('holds NewObject at the write time of the oldest write not yet replicated', () => {
    const w = world();
    const rule = w.addRule();
    w.advance(timings.startingMs);
    const firstWrite = w.now();
    w.write(w.src, 'x');
    w.advance(5);
    w.write(w.src, 'y');
    w.engine.tick();
    expect(firstWrite).toBe(1_000_100);
    // OSS writes the watermark to the second, truncated: 00:16:40.100 reads 00:16:40.000.
    expect(ruleProgress(rule, w.now(), timings).progress?.newObject).toBe('1970-01-01T00:16:40.000Z');
  });

  it('reports now as NewObject once the queue is empty', () => {
    const w = world();
    const rule = w.addRule();
    w.advance(timings.startingMs);
    w.write(w.src, 'x');
    w.advance(timings.replicationDelayMs);
    w.engine.tick();
    expect(rule.queue).toHaveLength(0);
    w.advance(2000);
    expect(ruleProgress(rule, w.now(), timings).progress?.newObject).toBe('1970-01-01T00:16:42.000Z');
  });

  it('drops a deleted rule after its closing period', () => {
    const w = world();
    const rule = w.addRule();
    rule.deletedAt = w.now();
    w.advance(timings.closingMs);
    w.engine.tick();
    expect(w.src.rules).toEqual([]);
  });
});
