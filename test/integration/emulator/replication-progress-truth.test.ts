/**
 * Replication progress tells the truth, checked step by step over HTTP. The emulator runs on an
 * injected clock (real time plus an offset the test moves) and its engine only moves when the
 * test calls `POST /_emulator/replication/tick`, so every reading is deterministic:
 * - HistoricalObject is exactly the share of the backlog that is already in the destination;
 * - every source object written before NewObject is in the destination;
 * - pausing a rule (admin HTTP API) stops backfill and new writes, and neither value moves;
 * - deletes are replicated with Action DELETE, and puts are not.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import type { ReplicationProgressRule, ReplicationRule } from '../../../shared/xml/types';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
const STARTING_MS = 1000;
const DELAY_MS = 1000;

let emulator: RunningEmulator;
let oss: OssClient;
/** How far the emulator's clock is ahead of real time; kept well under the 15 min skew limit. */
let offset = 0;
let counter = 0;
const unique = (stem: string) => `${stem}-${(counter += 1)}`;

beforeAll(async () => {
  emulator = await startEmulator({
    regions: { [HZ]: 0, [BJ]: 0 },
    clock: () => new Date(Date.now() + offset),
    // The background timer never fires during a test: only explicit ticks move the engine.
    tickMs: 3_600_000,
    ruleStartingMs: STARTING_MS,
    replicationDelayMs: DELAY_MS,
    historicalPerTick: 1,
  });
  oss = new OssClient({
    region: HZ,
    credentials: emulator.credentials[0]!,
    endpoint: { kind: 'map', endpoints: emulator.endpoints },
    retry: { maxAttempts: 1 },
  });
});

afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
});

const advance = (ms: number) => {
  offset += ms;
};

async function admin(path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${emulator.adminUrl}/${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status).toBe(200);
}
const tick = () => admin('replication/tick');

async function pairWithRule(over: Partial<ReplicationRule>, before: (src: string) => Promise<void> = async () => undefined) {
  const src = unique('truth-src');
  const dst = unique('truth-dst');
  await oss.putBucket({ bucket: src, region: HZ });
  await oss.putBucket({ bucket: dst, region: BJ });
  await before(src);
  const rule: ReplicationRule = {
    prefixes: [],
    actions: ['ALL'],
    destination: { bucket: dst, location: `oss-${BJ}` },
    historicalObjectReplication: 'enabled',
    ...over,
  };
  const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, rule);
  return { src, dst, ruleId };
}

const progress = async (src: string, ruleId: string): Promise<ReplicationProgressRule> =>
  (await oss.getBucketReplicationProgress({ bucket: src, region: HZ }, ruleId)).rules[0]!;

const keysIn = async (bucket: string, region: string): Promise<string[]> =>
  (await oss.listObjectsV2({ bucket, region })).contents.map((o) => o.key);

/** Source objects written before the watermark that the destination lacks (should be none). */
async function missingBeforeWatermark(src: string, dst: string, watermark: number): Promise<string[]> {
  const have = new Set(await keysIn(dst, BJ));
  const written = (await oss.listObjectsV2({ bucket: src, region: HZ })).contents;
  return written.filter((o) => Date.parse(o.lastModified) < watermark && !have.has(o.key)).map((o) => o.key);
}

const put = (bucket: string, key: string) => oss.putObject({ bucket, region: HZ, key, body: `body of ${key}` });

describe('HistoricalObject', () => {
  it('equals the share of the backlog already copied, after every engine tick', async () => {
    const backlog = ['a', 'b', 'c', 'd'];
    const { src, dst, ruleId } = await pairWithRule({}, async (bucket) => {
      for (const key of backlog) await put(bucket, key);
    });
    advance(STARTING_MS + DELAY_MS);
    const readings: Array<[number | undefined, number]> = [
      [(await progress(src, ruleId)).progress?.historicalObject, (await keysIn(dst, BJ)).length],
    ];
    for (let i = 0; i < backlog.length; i++) {
      await tick();
      readings.push([(await progress(src, ruleId)).progress?.historicalObject, (await keysIn(dst, BJ)).length]);
    }
    expect(readings).toEqual([
      [0, 0],
      [0.25, 1],
      [0.5, 2],
      [0.75, 3],
      [1, 4],
    ]);
  });

  it('stays frozen, with nothing copied, while the rule is paused through the admin API', async () => {
    const { src, dst, ruleId } = await pairWithRule({}, async (bucket) => {
      for (const key of ['p1', 'p2', 'p3']) await put(bucket, key);
    });
    advance(STARTING_MS + DELAY_MS);
    await tick();
    await admin('replication/pause', { bucket: src, ruleId });
    const frozen = (await progress(src, ruleId)).progress;
    advance(DELAY_MS);
    await tick();
    await tick();
    expect({ progress: (await progress(src, ruleId)).progress, copied: (await keysIn(dst, BJ)).length }).toEqual({
      progress: frozen,
      copied: 1,
    });
    await admin('replication/resume', { bucket: src, ruleId });
    await tick();
    await tick();
    expect({ fraction: (await progress(src, ruleId)).progress?.historicalObject, copied: (await keysIn(dst, BJ)).length }).toEqual({
      fraction: 1,
      copied: 3,
    });
  });
});

describe('NewObject watermark', () => {
  it('never passes a source object the destination does not have yet', async () => {
    const { src, dst, ruleId } = await pairWithRule({ historicalObjectReplication: 'disabled' });
    advance(STARTING_MS);
    await put(src, 'early');
    // OSS writes times to the second: 'late' goes into a later second than 'early'.
    advance(DELAY_MS + 500);
    await put(src, 'late');
    advance(100); // 'early' is due, 'late' is not
    await tick();
    const watermark = Date.parse((await progress(src, ruleId)).progress?.newObject ?? '');
    const writtenAt = Object.fromEntries(
      (await oss.listObjectsV2({ bucket: src, region: HZ })).contents.map((o) => [o.key, Date.parse(o.lastModified)]),
    );
    expect(await keysIn(dst, BJ)).toEqual(['early']);
    expect(watermark).toBeGreaterThan(writtenAt.early!);
    expect(watermark).toBeLessThanOrEqual(writtenAt.late!);
    expect(await missingBeforeWatermark(src, dst, watermark)).toEqual([]);
  });

  it('moves to the present once every write is copied', async () => {
    const { src, dst, ruleId } = await pairWithRule({ historicalObjectReplication: 'disabled' });
    advance(STARTING_MS);
    await put(src, 'one');
    await put(src, 'two');
    advance(DELAY_MS);
    await tick();
    const watermark = Date.parse((await progress(src, ruleId)).progress?.newObject ?? '');
    expect(await keysIn(dst, BJ)).toEqual(['one', 'two']);
    expect(watermark).toBeGreaterThanOrEqual(Date.now() + offset - 1000);
    expect(await missingBeforeWatermark(src, dst, watermark)).toEqual([]);
  });

  it('stays frozen, with new writes not copied, while the rule is paused through the admin API', async () => {
    const { src, dst, ruleId } = await pairWithRule({ historicalObjectReplication: 'disabled' });
    advance(STARTING_MS);
    await admin('replication/pause', { bucket: src, ruleId });
    const frozen = (await progress(src, ruleId)).progress?.newObject;
    await put(src, 'held');
    advance(DELAY_MS * 3);
    await tick();
    expect({ newObject: (await progress(src, ruleId)).progress?.newObject, copied: await keysIn(dst, BJ) }).toEqual({
      newObject: frozen,
      copied: [],
    });
    await admin('replication/resume', { bucket: src, ruleId });
    await tick();
    expect(await keysIn(dst, BJ)).toEqual(['held']);
  });
});

describe('Action DELETE', () => {
  it('replicates a delete but not a new put', async () => {
    const { src, dst, ruleId } = await pairWithRule({ actions: ['DELETE'] }, async (bucket) => {
      await put(bucket, 'old');
    });
    advance(STARTING_MS + DELAY_MS);
    await tick(); // historical backfill copies 'old'
    expect(await keysIn(dst, BJ)).toEqual(['old']);
    await oss.deleteObject({ bucket: src, region: HZ, key: 'old' });
    await put(src, 'new');
    advance(DELAY_MS);
    await tick();
    expect(await keysIn(dst, BJ)).toEqual([]);
    expect((await progress(src, ruleId)).progress?.historicalObject).toBe(1);
  });
});

describe('CopyObject', () => {
  it('is replicated as a new write, and a metadata change by a copy onto itself reaches the destination', async () => {
    const { src, dst } = await pairWithRule({ historicalObjectReplication: 'disabled' });
    advance(STARTING_MS);
    await put(src, 'original');
    await oss.copyObject({ bucket: src, region: HZ, key: 'copy', source: { bucket: src, key: 'original' } });
    advance(DELAY_MS);
    await tick();
    expect(await keysIn(dst, BJ)).toEqual(['copy', 'original']);
    await oss.copyObject({
      bucket: src,
      region: HZ,
      key: 'copy',
      source: { bucket: src, key: 'copy' },
      metadataDirective: 'REPLACE',
      contentType: 'text/csv',
      metadata: { stage: 'final' },
    });
    advance(DELAY_MS);
    await tick();
    const head = await oss.headObject({ bucket: dst, region: BJ, key: 'copy' });
    expect([head.contentType, head.metadata]).toEqual(['text/csv', { stage: 'final' }]);
  });
});
