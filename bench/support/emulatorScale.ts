/**
 * Emulator throughput as the account grows: the same signed request mix against an emulator holding
 * N buckets, for two values of N, and the ratio of the two rates. Per-request work is the same at
 * every N (one object, one 100-entry listing page, a bucket listing of at most ten, one progress read), so the ratio shows what the
 * emulator's own data structures cost as buckets, keys and replication rules grow.
 *
 * At scale N: N buckets with one object each, one bucket in ten the source of a same-region rule
 * (the replication engine runs throughout), and one "big" bucket holding N keys that the listing
 * requests page through. Client and emulator share the process, as in the throughput bench.
 */
import { startEmulator } from '../../local/emulator';
import { OssClient } from '../../shared/oss';

const REGION = 'cn-hangzhou';
const BIG = 'scale-big';
const SETUP_CONCURRENCY = 32;
const PAGE = 100;

export interface ScaleRun {
  readonly buckets: number;
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly setupSeconds: number;
}

const bucketName = (i: number) => `scale-${String(i).padStart(6, '0')}`;
const bigKey = (i: number) => `k/${String(i).padStart(8, '0')}`;

async function inParallel(count: number, limit: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

/** A tiny deterministic generator, so both scales draw the same kind of targets. */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

async function setUp(oss: OssClient, buckets: number): Promise<string[]> {
  const body = Buffer.from('seed');
  await oss.putBucket({ bucket: BIG });
  await inParallel(buckets, SETUP_CONCURRENCY, async (i) => {
    await oss.putBucket({ bucket: bucketName(i) });
    await oss.putObject({ bucket: bucketName(i), key: 'seed', body });
    await oss.putObject({ bucket: BIG, key: bigKey(i), body });
  });
  const sources = Array.from({ length: Math.ceil(buckets / 10) }, (_, j) => j * 10).filter((i) => i + 1 < buckets);
  const ruleIds: string[] = [];
  await inParallel(sources.length, SETUP_CONCURRENCY, async (j) => {
    const i = sources[j] as number;
    const rule = {
      prefixes: [],
      actions: ['ALL' as const],
      destination: { bucket: bucketName(i + 1), location: `oss-${REGION}` },
      historicalObjectReplication: 'enabled' as const,
    };
    ruleIds[j] = (await oss.putBucketReplication({ bucket: bucketName(i) }, rule)).ruleId;
  });
  return sources.map((i, j) => `${bucketName(i)}\n${ruleIds[j]}`);
}

/** One request of the mix; `n` picks which. */
async function oneRequest(
  oss: OssClient,
  n: number,
  buckets: number,
  rules: readonly string[],
  pick: (n: number) => number,
): Promise<void> {
  const bucket = bucketName(pick(buckets));
  switch (n % 7) {
    case 0:
      await oss.putObject({ bucket, key: `w/${n}`, body: 'x' });
      return;
    case 1:
      await oss.getObject({ bucket, key: 'seed' });
      return;
    case 2:
      await oss.listObjectsV2({ bucket: BIG, startAfter: bigKey(pick(buckets)), maxKeys: PAGE });
      return;
    case 3:
      await oss.headObject({ bucket, key: 'seed' });
      return;
    case 4: {
      const [source, ruleId] = (rules[pick(rules.length)] as string).split('\n') as [string, string];
      await oss.getBucketReplicationProgress({ bucket: source }, ruleId);
      return;
    }
    case 5:
      // A prefix that matches at most ten buckets: one page whatever the account holds.
      await oss.listBuckets({ prefix: bucket.slice(0, -1) });
      return;
    default:
      await oss.getBucketInfo({ bucket });
  }
}

export async function measureScale(buckets: number, requests: number, concurrency: number): Promise<ScaleRun> {
  const emulator = await startEmulator({ regions: { [REGION]: 0 }, ruleStartingMs: 0, replicationDelayMs: 0 });
  const oss = new OssClient({
    region: REGION,
    credentials: emulator.credentials[0]!,
    endpoint: { kind: 'map', endpoints: emulator.endpoints },
    signatureVersion: 'v4',
    retry: { maxAttempts: 1 },
  });
  try {
    const setupStarted = process.hrtime.bigint();
    const rules = await setUp(oss, buckets);
    const setupSeconds = Number(process.hrtime.bigint() - setupStarted) / 1e9;
    const pick = lcg(42);
    const started = process.hrtime.bigint();
    await inParallel(requests, concurrency, (n) => oneRequest(oss, n, buckets, rules, pick));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { buckets, requests, seconds, perSecond: requests / seconds, setupSeconds };
  } finally {
    oss.destroy();
    await emulator.stop();
  }
}
