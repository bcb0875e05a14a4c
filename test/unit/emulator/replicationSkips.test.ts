import { newBucket } from '../../../local/emulator/models/bucket';
import { putVersion } from '../../../local/emulator/models/objects';
import type { BucketRecord, ObjectVersion, RuleRecord } from '../../../local/emulator/models/types';
import { ReplicationEngine } from '../../../local/emulator/replication/engine';
import { enqueueWrite, historicalBacklog, putItem } from '../../../local/emulator/replication/enqueue';
import { ruleProgress } from '../../../local/emulator/replication/progress';
import { checkSkipSpec, ReplicationSkips } from '../../../local/emulator/replication/skips';
import { MemoryBlobStore } from '../../../local/emulator/store/blobStore';
import { noPersistence } from '../../../local/emulator/store/persistence';
import { Store } from '../../../local/emulator/store/store';
import type { ReplicationRule } from '../../../shared/xml/types';

const timings = { startingMs: 100, closingMs: 100, replicationDelayMs: 10 };

function world(rule: Partial<ReplicationRule> = {}) {
  let now = 1_000_000;
  let ids = 0;
  const store = new Store(new MemoryBlobStore(() => `blob${(ids += 1)}`), noPersistence);
  const src = newBucket({ name: 'src-bucket', region: 'cn-hangzhou' }, now);
  const dst = newBucket({ name: 'dst-bucket', region: 'cn-beijing' }, now);
  store.add(src);
  store.add(dst);
  const skips = new ReplicationSkips();
  const engine = new ReplicationEngine(store, { timings, clock: () => new Date(now), tickMs: 1000, historicalPerTick: 1000, skips });
  const write = (bucket: BucketRecord, key: string, encryption?: ObjectVersion['encryption']) => {
    const data = {
      key,
      blobId: store.blobs.put(Buffer.from(key)),
      size: key.length,
      etag: 'E',
      contentMd5: 'M',
      crc64: '1',
      contentType: 'text/plain',
      metadata: {},
      isReplica: false,
    };
    const { version } = putVersion(bucket, { ...data, ...(encryption ? { encryption } : {}) }, now);
    enqueueWrite(bucket, putItem(version), now, timings);
  };
  const addRule = (): RuleRecord => {
    const full: ReplicationRule & { id: string } = {
      id: 'r1',
      prefixes: [],
      actions: ['ALL'],
      destination: { bucket: 'dst-bucket', location: 'oss-cn-beijing' },
      historicalObjectReplication: 'enabled',
      ...rule,
    };
    const record: RuleRecord = { rule: full, createdAt: now, historical: historicalBacklog(src, full), queue: [] };
    src.rules.push(record);
    store.changed(src);
    return record;
  };
  const settle = () => {
    now += timings.startingMs + timings.replicationDelayMs;
    engine.tick();
  };
  return { src, dst, engine, skips, write, addRule, settle, now: () => now };
}

const keysOf = (b: BucketRecord) => Object.keys(b.objects).sort();

describe('replication skips (silent drop)', () => {
  it('drops the historical objects under a prefix while backfill still reports 100%', () => {
    const w = world();
    for (const key of ['a/1', 'b/1', 'b/2', 'c/1']) w.write(w.src, key);
    w.skips.add({ bucket: 'src-bucket', prefix: 'b/' });
    const rule = w.addRule();
    w.settle();
    expect(keysOf(w.dst)).toEqual(['a/1', 'c/1']);
    expect(ruleProgress(rule, w.now(), timings).progress?.historicalObject).toBe(1);
    expect(w.skips.list()[0]!.skipped.map((s) => s.key)).toEqual(['b/1', 'b/2']);
  });

  it('drops only the next N new writes of the rule and moves the watermark past them', () => {
    const w = world();
    const rule = w.addRule();
    w.skips.add({ bucket: 'src-bucket', ruleId: 'r1', count: 2 });
    for (const key of ['n1', 'n2', 'n3']) w.write(w.src, key);
    w.settle();
    expect(keysOf(w.dst)).toEqual(['n3']);
    expect(rule.queue).toEqual([]);
    expect(w.skips.list()[0]).toMatchObject({ remaining: 0, skipped: [{ key: 'n1' }, { key: 'n2' }] });
  });

  it('leaves other buckets and other rules alone', () => {
    const w = world();
    w.addRule();
    w.skips.add({ bucket: 'other-bucket', count: 5 });
    w.skips.add({ bucket: 'src-bucket', ruleId: 'another-rule', count: 5 });
    w.write(w.src, 'kept');
    w.settle();
    expect(keysOf(w.dst)).toEqual(['kept']);
  });

  it('refuses a spec that would drop every write of a rule (that is a pause)', () => {
    expect(() => checkSkipSpec({ bucket: 'b' })).toThrow(/prefix, a count or both/);
    expect(() => checkSkipSpec({ bucket: 'b', count: 0 })).toThrow(/positive integer/);
    expect(() => checkSkipSpec({ bucket: '', prefix: 'x' })).toThrow(/bucket/);
  });
});

describe('SSE-KMS objects', () => {
  it('are left behind by a rule without SseKmsEncryptedObjects, new and historical alike', () => {
    const w = world();
    w.write(w.src, 'old-kms', { algorithm: 'KMS', keyId: 'k1' });
    w.write(w.src, 'old-aes', { algorithm: 'AES256' });
    w.addRule();
    w.write(w.src, 'new-kms', { algorithm: 'KMS' });
    w.settle();
    expect(keysOf(w.dst)).toEqual(['old-aes']);
  });

  it('are replicated by a rule whose SseKmsEncryptedObjects is Enabled', () => {
    const w = world({ sseKmsEncryptedObjects: 'Enabled', replicaKmsKeyId: 'replica-key', syncRole: 'role' });
    w.write(w.src, 'old-kms', { algorithm: 'KMS' });
    w.addRule();
    w.write(w.src, 'new-kms', { algorithm: 'KMS' });
    w.settle();
    expect(keysOf(w.dst)).toEqual(['new-kms', 'old-kms']);
  });
});
