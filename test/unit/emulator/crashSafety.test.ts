/**
 * --data-dir crash safety: a crash at the moment the bucket metadata is written (simulated by a
 * persistence whose save throws) must leave the data dir readable: the previous metadata and every
 * blob it references. Real files in a temp dir; the handlers and the engine run in-process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newBucket } from '../../../local/emulator/models/bucket';
import { readVersion } from '../../../local/emulator/models/objects';
import type { BucketRecord, RuleRecord } from '../../../local/emulator/models/types';
import type { OperationContext, Services } from '../../../local/emulator/operations/context';
import { deleteObject, putObject } from '../../../local/emulator/operations/objects';
import { ReplicationEngine } from '../../../local/emulator/replication/engine';
import { FileBlobStore } from '../../../local/emulator/store/fileBlobStore';
import { FilePersistence } from '../../../local/emulator/store/persistence';
import { Store } from '../../../local/emulator/store/store';
import { newBlobId } from '../../../local/emulator/util/ids';
import type { WireRequest } from '../../../local/emulator/wire/request';

const timings = { startingMs: 0, closingMs: 0, replicationDelayMs: 0 };

/** FilePersistence that "crashes" (throws before writing anything) once armed. */
class CrashingPersistence extends FilePersistence {
  armed = false;
  override save(bucket: BucketRecord): void {
    if (this.armed) throw new Error('simulated crash');
    super.save(bucket);
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-crash-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const openStore = (persistence = new FilePersistence(join(dir, 'buckets'))) =>
  new Store(new FileBlobStore(join(dir, 'blobs'), newBlobId), persistence);

function context(store: Store, method: string, bucket: string, key: string, body = ''): OperationContext {
  const req: WireRequest = {
    method,
    host: '127.0.0.1',
    bucket,
    key,
    query: [],
    headers: {},
    body: Buffer.from(body),
    region: 'cn-hangzhou',
    requestId: 'R',
    receivedAt: Date.now(),
  };
  return { req, svc: { store, timings } as unknown as Services, now: req.receivedAt };
}

/** What a restart on the same dir reads for `key`. */
function readAfterRestart(bucket: string, key: string): string | undefined {
  const store = openStore();
  const version = readVersion(store.require(bucket), key);
  return version.blobId === undefined ? undefined : store.blobs.get(version.blobId)?.toString();
}

describe('data dir after a crash while saving metadata', () => {
  it('still serves the old bytes when the crash hits an overwrite', () => {
    const persistence = new CrashingPersistence(join(dir, 'buckets'));
    const store = openStore(persistence);
    store.add(newBucket({ name: 'crash-bucket', region: 'cn-hangzhou' }, Date.now()));
    putObject(context(store, 'PUT', 'crash-bucket', 'k', 'old bytes'));
    persistence.armed = true;
    expect(() => putObject(context(store, 'PUT', 'crash-bucket', 'k', 'new bytes'))).toThrow('simulated crash');
    expect(readAfterRestart('crash-bucket', 'k')).toBe('old bytes');
  });

  it('still serves the object when the crash hits its delete', () => {
    const persistence = new CrashingPersistence(join(dir, 'buckets'));
    const store = openStore(persistence);
    store.add(newBucket({ name: 'crash-bucket', region: 'cn-hangzhou' }, Date.now()));
    putObject(context(store, 'PUT', 'crash-bucket', 'k', 'kept bytes'));
    persistence.armed = true;
    expect(() => deleteObject(context(store, 'DELETE', 'crash-bucket', 'k'))).toThrow('simulated crash');
    expect(readAfterRestart('crash-bucket', 'k')).toBe('kept bytes');
  });

  it('still serves the old replica when the crash hits the engine overwriting it in the destination', () => {
    const persistence = new CrashingPersistence(join(dir, 'buckets'));
    const store = openStore(persistence);
    const now = Date.now();
    store.add(newBucket({ name: 'crash-src', region: 'cn-hangzhou' }, now));
    store.add(newBucket({ name: 'crash-dst', region: 'cn-beijing' }, now));
    const rule: RuleRecord = {
      rule: {
        id: 'r1',
        prefixes: [],
        actions: ['ALL'],
        destination: { bucket: 'crash-dst', location: 'oss-cn-beijing' },
        historicalObjectReplication: 'disabled',
      },
      createdAt: now - 1000,
      historical: { total: 0, copied: 0, pending: [] },
      queue: [],
    };
    store.require('crash-src').rules.push(rule);
    const engine = new ReplicationEngine(store, { timings, tickMs: 1000, historicalPerTick: 10, clock: () => new Date() });
    putObject(context(store, 'PUT', 'crash-src', 'k', 'first replica'));
    engine.tick();
    expect(readAfterRestart('crash-dst', 'k')).toBe('first replica');
    putObject(context(store, 'PUT', 'crash-src', 'k', 'second replica'));
    persistence.armed = true;
    expect(() => engine.tick()).toThrow('simulated crash');
    expect(readAfterRestart('crash-dst', 'k')).toBe('first replica');
  });
});

describe('background engine', () => {
  it('reports a tick that fails to save instead of throwing out of its timer', async () => {
    const persistence = new CrashingPersistence(join(dir, 'buckets'));
    const store = openStore(persistence);
    const now = Date.now();
    store.add(newBucket({ name: 'tick-src', region: 'cn-hangzhou' }, now));
    store.add(newBucket({ name: 'tick-dst', region: 'cn-beijing' }, now));
    store.require('tick-src').rules.push({
      rule: {
        id: 'r1',
        prefixes: [],
        actions: ['ALL'],
        destination: { bucket: 'tick-dst', location: 'oss-cn-beijing' },
        historicalObjectReplication: 'disabled',
      },
      createdAt: now - 1000,
      historical: { total: 0, copied: 0, pending: [] },
      queue: [],
    });
    putObject(context(store, 'PUT', 'tick-src', 'k', 'bytes'));
    persistence.armed = true;
    const reported: unknown[] = [];
    const engine = new ReplicationEngine(store, {
      timings,
      tickMs: 5,
      historicalPerTick: 10,
      clock: () => new Date(),
      onError: (e) => reported.push(e),
    });
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 40));
    engine.stop();
    expect(reported[0]).toEqual(new Error('simulated crash'));
  });
});
