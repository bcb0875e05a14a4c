/**
 * Replication across two regions through the project's own OssClient (and raw signed HTTP for
 * documents a typed client cannot express): the rule state machine, the engine (historical backfill,
 * new writes, deletes per Action, pause/resume, no loops) and every documented error code.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import { OssError } from '../../../shared/oss/errors';
import type { ReplicationProgressRule, ReplicationRule } from '../../../shared/xml/types';
import { errorCode, rawOss, waitFor } from './helpers/rawOss';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
const SH = 'cn-shanghai';

let emulator: RunningEmulator;
let oss: OssClient;
let counter = 0;
const unique = (stem: string) => `${stem}-${(counter += 1)}`;

beforeAll(async () => {
  emulator = await startEmulator({
    regions: { [HZ]: 0, [BJ]: 0, [SH]: 0 },
    ruleStartingMs: 150,
    ruleClosingMs: 150,
    replicationDelayMs: 20,
    tickMs: 10,
    replicationLocations: { [HZ]: { locations: [BJ] }, [BJ]: { locations: [HZ] }, [SH]: { locations: [] } },
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

async function bucketPair(versioned = false): Promise<{ src: string; dst: string }> {
  const src = unique('src');
  const dst = unique('dst');
  await oss.putBucket({ bucket: src, region: HZ });
  await oss.putBucket({ bucket: dst, region: BJ });
  if (versioned) {
    await oss.putBucketVersioning({ bucket: src, region: HZ }, 'Enabled');
    await oss.putBucketVersioning({ bucket: dst, region: BJ }, 'Enabled');
  }
  return { src, dst };
}

const ruleTo = (dst: string, over: Partial<ReplicationRule> = {}): ReplicationRule => ({
  prefixes: [],
  actions: ['ALL'],
  destination: { bucket: dst, location: `oss-${BJ}` },
  historicalObjectReplication: 'enabled',
  ...over,
});

const progress = async (src: string, id: string): Promise<ReplicationProgressRule> =>
  (await oss.getBucketReplicationProgress({ bucket: src, region: HZ }, id)).rules[0]!;

const whenDoing = (src: string, id: string) =>
  waitFor(async () => {
    const p = await progress(src, id);
    return p.status === 'doing' ? p : undefined;
  });

async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (error) {
    if (error instanceof OssError) return error.code;
    throw error;
  }
  return undefined;
}

const destHas = (dst: string, key: string) =>
  waitFor(async () => ((await codeOf(oss.headObject({ bucket: dst, region: BJ, key }))) === undefined ? true : undefined));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rule state machine', () => {
  it('reports a new rule as starting without Progress, then doing with Progress', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    const first = await progress(src, ruleId);
    expect(first.status).toBe('starting');
    expect(first.progress).toBeUndefined();
    const doing = await whenDoing(src, ruleId);
    expect(doing.progress?.newObject).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('generates a UUID rule id when none is given and returns it in x-oss-replication-rule-id', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect(ruleId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const cfg = await oss.getBucketReplication({ bucket: src, region: HZ });
    expect(cfg.rules.map((r) => r.id)).toEqual([ruleId]);
  });

  it('turns a deleted rule closing, then removes it', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect(await oss.deleteBucketReplication({ bucket: src, region: HZ }, ruleId)).toEqual({ alreadyClosing: false });
    expect((await oss.getBucketReplication({ bucket: src, region: HZ })).rules[0]?.status).toBe('closing');
    await waitFor(async () => ((await oss.getBucketReplication({ bucket: src, region: HZ })).rules.length === 0 ? true : undefined));
  });

  it('answers 204 when deleting a rule that is already closing', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    await oss.deleteBucketReplication({ bucket: src, region: HZ }, ruleId);
    expect(await oss.deleteBucketReplication({ bucket: src, region: HZ }, ruleId)).toEqual({ alreadyClosing: true });
  });

  it('answers 200 when deleting a rule from a bucket with no rules', async () => {
    const { src } = await bucketPair();
    expect(await oss.deleteBucketReplication({ bucket: src, region: HZ }, 'whatever')).toEqual({ alreadyClosing: false });
  });

  it('shows CrossRegionReplication Enabled in BucketInfo while the bucket has rules', async () => {
    const { src, dst } = await bucketPair();
    expect((await oss.getBucketInfo({ bucket: src, region: HZ })).crossRegionReplication).toBe('Disabled');
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect((await oss.getBucketInfo({ bucket: src, region: HZ })).crossRegionReplication).toBe('Enabled');
  });

  it('lets a source bucket with rules be deleted', async () => {
    const { src, dst } = await bucketPair();
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    await oss.deleteBucket({ bucket: src, region: HZ });
    expect(await codeOf(oss.getBucketInfo({ bucket: src, region: HZ }))).toBe('NoSuchBucket');
  });
});

describe('replication engine', () => {
  it('backfills historical objects: HistoricalObject reaches 1 and the copies are equal', async () => {
    const { src, dst } = await bucketPair();
    const keys = ['h/one.txt', 'h/two.bin', 'h/three.json'];
    for (const key of keys) {
      await oss.putObject({ bucket: src, region: HZ, key, body: `body of ${key}`, contentType: 'text/x-test', metadata: { origin: key } });
    }
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    await waitFor(async () => ((await progress(src, ruleId)).progress?.historicalObject === 1 ? true : undefined));
    for (const key of keys) {
      const [a, b] = await Promise.all([oss.getObject({ bucket: src, region: HZ, key }), oss.getObject({ bucket: dst, region: BJ, key })]);
      expect(b.body.equals(a.body)).toBe(true);
      expect({ eTag: b.eTag, crc64: b.crc64, contentType: b.contentType, metadata: b.metadata }).toEqual({
        eTag: a.eTag,
        crc64: a.crc64,
        contentType: a.contentType,
        metadata: a.metadata,
      });
    }
  });

  it('reports HistoricalObject 1 when there was nothing to copy', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect((await whenDoing(src, ruleId)).progress?.historicalObject).toBe(1);
  });

  it('leaves out HistoricalObject and copies no old objects when historical replication is disabled', async () => {
    const { src, dst } = await bucketPair();
    await oss.putObject({ bucket: src, region: HZ, key: 'old', body: 'x' });
    const { ruleId } = await oss.putBucketReplication(
      { bucket: src, region: HZ },
      ruleTo(dst, { historicalObjectReplication: 'disabled' }),
    );
    const doing = await whenDoing(src, ruleId);
    expect(doing.progress?.historicalObject).toBeUndefined();
    await sleep(100);
    expect(await codeOf(oss.headObject({ bucket: dst, region: BJ, key: 'old' }))).toBe('NoSuchKey');
  });

  it('replicates new objects and moves the NewObject watermark past their write time', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    await whenDoing(src, ruleId);
    const writtenAt = Date.now();
    await oss.putObject({ bucket: src, region: HZ, key: 'new.txt', body: 'fresh' });
    await destHas(dst, 'new.txt');
    const watermark = await waitFor(async () => {
      const mark = Date.parse((await progress(src, ruleId)).progress?.newObject ?? '');
      return mark > writtenAt ? mark : undefined;
    });
    expect(watermark).toBeGreaterThan(writtenAt);
  });

  it('replicates only keys under the rule prefixes', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst, { prefixes: ['logs/'] }));
    await whenDoing(src, ruleId);
    await oss.putObject({ bucket: src, region: HZ, key: 'other/x', body: 'no' });
    await oss.putObject({ bucket: src, region: HZ, key: 'logs/x', body: 'yes' });
    await destHas(dst, 'logs/x');
    expect(await codeOf(oss.headObject({ bucket: dst, region: BJ, key: 'other/x' }))).toBe('NoSuchKey');
  });

  it('replicates deletes when the rule action is ALL', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst, { actions: ['ALL'] }));
    await whenDoing(src, ruleId);
    await oss.putObject({ bucket: src, region: HZ, key: 'd', body: 'x' });
    await destHas(dst, 'd');
    await oss.deleteObject({ bucket: src, region: HZ, key: 'd' });
    await waitFor(async () => ((await codeOf(oss.headObject({ bucket: dst, region: BJ, key: 'd' }))) === 'NoSuchKey' ? true : undefined));
  });

  it('does not replicate deletes when the rule action is PUT', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst, { actions: ['PUT'] }));
    await whenDoing(src, ruleId);
    await oss.putObject({ bucket: src, region: HZ, key: 'keep', body: 'x' });
    await destHas(dst, 'keep');
    await oss.deleteObject({ bucket: src, region: HZ, key: 'keep' });
    await oss.putObject({ bucket: src, region: HZ, key: 'marker', body: 'after the delete' });
    await destHas(dst, 'marker');
    expect(await codeOf(oss.headObject({ bucket: dst, region: BJ, key: 'keep' }))).toBeUndefined();
  });

  it('replicates a delete marker on versioned buckets and keeps version ids', async () => {
    const { src, dst } = await bucketPair(true);
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst, { actions: ['DELETE', 'PUT'] }));
    await whenDoing(src, ruleId);
    const put = await oss.putObject({ bucket: src, region: HZ, key: 'v', body: 'one' });
    await destHas(dst, 'v');
    const marker = await oss.deleteObject({ bucket: src, region: HZ, key: 'v' });
    expect(marker.deleteMarker).toBe(true);
    await waitFor(async () => ((await codeOf(oss.headObject({ bucket: dst, region: BJ, key: 'v' }))) === 'NoSuchKey' ? true : undefined));
    const old = await oss.getObject({ bucket: dst, region: BJ, key: 'v', versionId: put.versionId });
    expect(old.body.toString()).toBe('one');
  });

  it('freezes progress and the watermark while paused, and catches up after resume', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    await whenDoing(src, ruleId);
    emulator.admin.pauseReplication(src, ruleId);
    const frozen = (await progress(src, ruleId)).progress;
    await oss.putObject({ bucket: src, region: HZ, key: 'held', body: 'x' });
    await sleep(120);
    expect((await progress(src, ruleId)).progress).toEqual(frozen);
    expect(await codeOf(oss.headObject({ bucket: dst, region: BJ, key: 'held' }))).toBe('NoSuchKey');
    emulator.admin.resumeReplication(src, ruleId);
    await destHas(dst, 'held');
  });

  it('makes no progress while the destination bucket is gone', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    await whenDoing(src, ruleId);
    await oss.deleteBucket({ bucket: dst, region: BJ });
    const before = Date.now();
    await oss.putObject({ bucket: src, region: HZ, key: 'stuck', body: 'x' });
    await sleep(120);
    const p = await progress(src, ruleId);
    expect(p.status).toBe('doing');
    expect(Date.parse(p.progress?.newObject ?? '')).toBeLessThanOrEqual(before + 50);
  });

  it('does not send replicas back through a rule in the other direction', async () => {
    const { src, dst } = await bucketPair();
    const there = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    const back = await oss.putBucketReplication(
      { bucket: dst, region: BJ },
      ruleTo(src, { destination: { bucket: src, location: `oss-${HZ}` } }),
    );
    await whenDoing(src, there.ruleId);
    await waitFor(async () =>
      (await oss.getBucketReplicationProgress({ bucket: dst, region: BJ }, back.ruleId)).rules[0]?.status === 'doing' ? true : undefined,
    );
    await oss.putObject({ bucket: src, region: HZ, key: 'ping', body: 'x' });
    const listed = async () => (await oss.listObjectsV2({ bucket: src, region: HZ })).contents.find((o) => o.key === 'ping')?.lastModified;
    const original = await listed();
    await destHas(dst, 'ping');
    await sleep(120);
    expect(await listed()).toBe(original);
  });
});

const ruleXml = (inner: string) => `<ReplicationConfiguration>${inner}</ReplicationConfiguration>`;
const plainRule = (dst: string, extra = '') =>
  `<Rule><Destination><Bucket>${dst}</Bucket><Location>oss-${BJ}</Location></Destination>${extra}</Rule>`;

async function rawAdd(src: string, body: string): Promise<string | undefined> {
  const res = await rawOss(emulator.endpoints[HZ]!, HZ, emulator.credentials[0]!, {
    method: 'POST',
    bucket: src,
    query: [
      ['replication', null],
      ['comp', 'add'],
    ],
    body,
  });
  return res.status === 200 ? undefined : errorCode(res.body);
}

describe('PutBucketReplication errors', () => {
  it('rejects the source bucket as destination with InvalidTargetBucket', async () => {
    const { src } = await bucketPair();
    const rule = ruleTo(src, { destination: { bucket: src, location: `oss-${HZ}` } });
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, rule))).toBe('InvalidTargetBucket');
  });

  it('rejects a destination bucket that does not exist with InvalidTargetBucket', async () => {
    const { src } = await bucketPair();
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo('no-such-dest-bucket')))).toBe('InvalidTargetBucket');
  });

  it('rejects a destination outside the given Location with InvalidTargetLocation', async () => {
    const { src, dst } = await bucketPair();
    const rule = ruleTo(dst, { destination: { bucket: dst, location: `oss-${HZ}` } });
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, rule))).toBe('InvalidTargetLocation');
  });

  it('rejects a second rule to the same destination with BucketReplicationAlreadyExist', async () => {
    const { src, dst } = await bucketPair();
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst, { id: 'another' })))).toBe(
      'BucketReplicationAlreadyExist',
    );
  });

  it('rejects a destination region the location table does not allow with BadReplicationLocation', async () => {
    const { src } = await bucketPair();
    const far = unique('far');
    await oss.putBucket({ bucket: far, region: SH });
    const rule = ruleTo(far, { destination: { bucket: far, location: `oss-${SH}` } });
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, rule))).toBe('BadReplicationLocation');
  });

  it('lists the allowed destinations in GetBucketReplicationLocation', async () => {
    const { src } = await bucketPair();
    const location = await oss.getBucketReplicationLocation({ bucket: src, region: HZ });
    expect(location.locations).toEqual([`oss-${BJ}`]);
  });

  it('rejects two rules in one request with TooManyReplicationRules', async () => {
    const { src, dst } = await bucketPair();
    const other = unique('dst');
    await oss.putBucket({ bucket: other, region: BJ });
    expect(await rawAdd(src, ruleXml(plainRule(dst) + plainRule(other)))).toBe('TooManyReplicationRules');
  });

  it('rejects a document that is not well-formed with MalformedXML', async () => {
    const { src } = await bucketPair();
    expect(await rawAdd(src, '<ReplicationConfiguration><Rule>')).toBe('MalformedXML');
  });

  it.each([
    ['an unknown TransferType', '<TransferType>fast</TransferType>'],
    ['an unknown Action', '<Action>SET</Action>'],
    ['an unknown HistoricalObjectReplication value', '<HistoricalObjectReplication>open</HistoricalObjectReplication>'],
  ])('rejects %s with InvalidArgument', async (_label, extra) => {
    const { src, dst } = await bucketPair();
    const body = extra.startsWith('<TransferType>')
      ? ruleXml(`<Rule><Destination><Bucket>${dst}</Bucket><Location>oss-${BJ}</Location>${extra}</Destination></Rule>`)
      : ruleXml(plainRule(dst, extra));
    expect(await rawAdd(src, body)).toBe('InvalidArgument');
  });

  it.each<[string, (dst: string) => Partial<ReplicationRule>]>([
    ['overlapping prefixes', () => ({ prefixes: ['logs/', 'logs/app/'] })],
    ['more than 10 prefixes', () => ({ prefixes: Array.from({ length: 11 }, (_, i) => `p${i}/`) })],
    ['SSE-KMS enabled without ReplicaKmsKeyID', () => ({ sseKmsEncryptedObjects: 'Enabled', syncRole: 'role' })],
    ['oss_acc within one region', (dst) => ({ destination: { bucket: dst, location: `oss-${HZ}`, transferType: 'oss_acc' } })],
  ])('rejects %s with InvalidArgument', async (label, over) => {
    const { src, dst } = await bucketPair();
    let target = dst;
    if (label.startsWith('oss_acc')) {
      target = unique('same');
      await oss.putBucket({ bucket: target, region: HZ });
    }
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(target, over(target))))).toBe('InvalidArgument');
  });

  it('rejects buckets with different versioning states with InvalidArgument', async () => {
    const { src, dst } = await bucketPair();
    await oss.putBucketVersioning({ bucket: src, region: HZ }, 'Enabled');
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst)))).toBe('InvalidArgument');
  });

  it('rejects a rule id that is already used with InvalidArgument', async () => {
    const { src, dst } = await bucketPair();
    const other = unique('dst');
    await oss.putBucket({ bucket: other, region: BJ });
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst, { id: 'same-id' }));
    expect(await codeOf(oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(other, { id: 'same-id' })))).toBe('InvalidArgument');
  });

  it('refuses to change the versioning of either bucket while a rule links them', async () => {
    const { src, dst } = await bucketPair(true);
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect(await codeOf(oss.putBucketVersioning({ bucket: src, region: HZ }, 'Suspended'))).toBe('InvalidArgument');
    expect(await codeOf(oss.putBucketVersioning({ bucket: dst, region: BJ }, 'Suspended'))).toBe('InvalidArgument');
  });
});

describe('reading and deleting rules: errors', () => {
  it('answers NoSuchReplicationConfiguration for progress on a bucket without rules', async () => {
    const { src } = await bucketPair();
    expect(await codeOf(oss.getBucketReplicationProgress({ bucket: src, region: HZ }, 'any'))).toBe('NoSuchReplicationConfiguration');
  });

  it('answers NoSuchReplicationRule for progress of an unknown rule id', async () => {
    const { src, dst } = await bucketPair();
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect(await codeOf(oss.getBucketReplicationProgress({ bucket: src, region: HZ }, 'unknown'))).toBe('NoSuchReplicationRule');
  });

  it('answers NoSuchReplicationRule when deleting an unknown rule id while other rules exist', async () => {
    const { src, dst } = await bucketPair();
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect(await codeOf(oss.deleteBucketReplication({ bucket: src, region: HZ }, 'unknown'))).toBe('NoSuchReplicationRule');
  });

  it('turns RTC on for a rule with PutBucketRTC, shown by GetBucketReplication', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    await oss.putBucketRtc({ bucket: src, region: HZ }, ruleId, 'enabled');
    expect((await oss.getBucketReplication({ bucket: src, region: HZ })).rules[0]?.rtc).toBe('enabled');
  });

  it('answers NoSuchReplicationRule for PutBucketRTC on an unknown rule', async () => {
    const { src, dst } = await bucketPair();
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    expect(await codeOf(oss.putBucketRtc({ bucket: src, region: HZ }, 'unknown', 'enabled'))).toBe('NoSuchReplicationRule');
  });

  it('answers progress for the one rule asked for, of two', async () => {
    const { src, dst } = await bucketPair();
    const other = unique('dst');
    await oss.putBucket({ bucket: other, region: BJ });
    await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(other));
    expect(
      (await oss.getBucketReplicationProgress({ bucket: src, region: HZ }, ruleId)).rules.map((r) => [r.id, r.destination.bucket]),
    ).toEqual([[ruleId, other]]);
  });

  it.each([
    ['without rule-id', [['replicationProgress', null]]],
    [
      'with an empty rule-id',
      [
        ['replicationProgress', null],
        ['rule-id', ''],
      ],
    ],
  ] as const)(
    'refuses progress %s with 400 MissingArgument naming rule-id, as the current reference requires it',
    async (_label, query) => {
      const { src, dst } = await bucketPair();
      await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
      const res = await rawOss(emulator.endpoints[HZ]!, HZ, emulator.credentials[0]!, { method: 'GET', bucket: src, query: [...query] });
      expect([res.status, errorCode(res.body), res.body.match(/<ArgumentName>([^<]*)</)?.[1]]).toEqual([400, 'MissingArgument', 'rule-id']);
    },
  );
});

describe('more documented replication errors (raw requests)', () => {
  const raw = (bucket: string, query: Array<[string, string | null]>, method: string, body?: string) =>
    rawOss(emulator.endpoints[HZ]!, HZ, emulator.credentials[0]!, { method, bucket, query, ...(body === undefined ? {} : { body }) });

  it('answers GetBucketReplication on a bucket without rules with 404 NoSuchReplicationConfiguration', async () => {
    const { src } = await bucketPair();
    const res = await raw(src, [['replication', null]], 'GET');
    expect([res.status, errorCode(res.body)]).toEqual([404, 'NoSuchReplicationConfiguration']);
  });

  it('rejects a rule from a region with no replication location with NoReplicationLocation', async () => {
    const lonely = unique('lonely');
    const far = unique('far');
    await oss.putBucket({ bucket: lonely, region: SH });
    await oss.putBucket({ bucket: far, region: BJ });
    const call = oss.putBucketReplication({ bucket: lonely, region: SH }, ruleTo(far));
    expect(await codeOf(call)).toBe('NoReplicationLocation');
  });

  it('rejects a Destination without Bucket with InvalidTargetBucket', async () => {
    const { src } = await bucketPair();
    expect(await rawAdd(src, ruleXml(`<Rule><Destination><Location>oss-${BJ}</Location></Destination></Rule>`))).toBe(
      'InvalidTargetBucket',
    );
  });

  it('rejects a Destination without Location with InvalidTargetLocation', async () => {
    const { src, dst } = await bucketPair();
    expect(await rawAdd(src, ruleXml(`<Rule><Destination><Bucket>${dst}</Bucket></Destination></Rule>`))).toBe('InvalidTargetLocation');
  });

  it('rejects a delete naming two rule ids with TooManyReplicationRules', async () => {
    const { src, dst } = await bucketPair();
    const { ruleId } = await oss.putBucketReplication({ bucket: src, region: HZ }, ruleTo(dst));
    const res = await raw(
      src,
      [
        ['replication', null],
        ['comp', 'delete'],
      ],
      'POST',
      `<ReplicationRules><ID>${ruleId}</ID><ID>other</ID></ReplicationRules>`,
    );
    expect([res.status, errorCode(res.body)]).toEqual([400, 'TooManyReplicationRules']);
  });

  it('rejects a delete with an empty rule id with InvalidArgument', async () => {
    const { src } = await bucketPair();
    const res = await raw(
      src,
      [
        ['replication', null],
        ['comp', 'delete'],
      ],
      'POST',
      '<ReplicationRules><ID></ID></ReplicationRules>',
    );
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidArgument']);
  });

  it('answers 404 NoSuchBucket for replication calls on a missing bucket', async () => {
    const res = await raw('no-such-src-bucket', [['replicationProgress', null]], 'GET');
    expect([res.status, errorCode(res.body)]).toEqual([404, 'NoSuchBucket']);
  });
});

describe('location table with transfer-type and RTC constraints', () => {
  let table: RunningEmulator;
  let client: OssClient;

  beforeAll(async () => {
    table = await startEmulator({
      regions: { [HZ]: 0, [BJ]: 0, [SH]: 0 },
      ruleStartingMs: 0,
      replicationLocations: { [HZ]: { locations: [BJ, SH], transferAcceleration: [BJ], rtc: [SH] } },
    });
    client = new OssClient({
      region: HZ,
      credentials: table.credentials[0]!,
      endpoint: { kind: 'map', endpoints: table.endpoints },
      retry: { maxAttempts: 1 },
    });
  });

  afterAll(async () => {
    client?.destroy();
    await table?.stop();
  });

  async function pairTo(region: string): Promise<{ src: string; dst: string }> {
    const src = unique('tbl-src');
    const dst = unique('tbl-dst');
    await client.putBucket({ bucket: src, region: HZ });
    await client.putBucket({ bucket: dst, region });
    return { src, dst };
  }

  const rule = (dst: string, region: string, transferType?: 'oss_acc'): ReplicationRule => ({
    prefixes: [],
    actions: ['ALL'],
    destination: { bucket: dst, location: `oss-${region}`, ...(transferType ? { transferType } : {}) },
    historicalObjectReplication: 'disabled',
  });

  it('answers GetBucketReplicationLocation from the table: locations, oss_acc constraints and RTC locations', async () => {
    const { src } = await pairTo(BJ);
    expect(await client.getBucketReplicationLocation({ bucket: src, region: HZ })).toEqual({
      locations: [`oss-${BJ}`, `oss-${SH}`],
      transferTypeConstraints: [{ location: `oss-${BJ}`, transferTypes: ['oss_acc'] }],
      rtcLocations: [`oss-${SH}`],
    });
  });

  it('accepts oss_acc to a region the table allows it for', async () => {
    const { src, dst } = await pairTo(BJ);
    await expect(client.putBucketReplication({ bucket: src, region: HZ }, rule(dst, BJ, 'oss_acc'))).resolves.toMatchObject({
      ruleId: expect.any(String),
    });
  });

  it('rejects oss_acc to a region the table does not allow it for with InvalidArgument', async () => {
    const { src, dst } = await pairTo(SH);
    expect(await codeOf(client.putBucketReplication({ bucket: src, region: HZ }, rule(dst, SH, 'oss_acc')))).toBe('InvalidArgument');
  });

  it('rejects PutBucketRTC for a rule to a region without RTC with InvalidArgument', async () => {
    const { src, dst } = await pairTo(BJ);
    const { ruleId } = await client.putBucketReplication({ bucket: src, region: HZ }, rule(dst, BJ));
    expect(await codeOf(client.putBucketRtc({ bucket: src, region: HZ }, ruleId, 'enabled'))).toBe('InvalidArgument');
  });

  it('accepts PutBucketRTC for a rule to a region with RTC', async () => {
    const { src, dst } = await pairTo(SH);
    const { ruleId } = await client.putBucketReplication({ bucket: src, region: HZ }, rule(dst, SH));
    await client.putBucketRtc({ bucket: src, region: HZ }, ruleId, 'enabled');
    expect((await client.getBucketReplication({ bucket: src, region: HZ })).rules[0]?.rtc).toBe('enabled');
  });
});
