/**
 * Emulator throughput, two parts (both by default):
 *
 *   npm run bench -- emulator [throughput [objects=2000] [concurrency=16] [sizeBytes=1024]]
 *   npm run bench -- emulator scale [small=100] [large=10000] [requests=14000] [concurrency=16]
 *
 * throughput: signed (V4) small-object PUT then GET through the project's OssClient, over N object
 * keys with a fixed number of workers. scale: the same request mix at two account sizes and the
 * ratio of the rates (bench/support/emulatorScale.ts). Bounded in count; talks to 127.0.0.1 only.
 */
import { startEmulator } from '../local/emulator';
import { OssClient } from '../shared/oss';
import { measureScale } from './support/emulatorScale';

const REGION = 'cn-hangzhou';
const BUCKET = 'bench-emulator';

function intArg(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

async function runWorkers(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function throughput(args: readonly string[]): Promise<void> {
  const objects = intArg(args[0], 2000);
  const concurrency = intArg(args[1], 16);
  const size = intArg(args[2], 1024);
  const emulator = await startEmulator({ regions: { [REGION]: 0 } });
  const oss = new OssClient({
    region: REGION,
    credentials: emulator.credentials[0]!,
    endpoint: { kind: 'map', endpoints: emulator.endpoints },
    signatureVersion: 'v4',
  });
  try {
    await oss.putBucket({ bucket: BUCKET });
    const body = Buffer.alloc(size, 7);
    const started = process.hrtime.bigint();
    await runWorkers(objects, concurrency, async (i) => {
      const key = `bench/${i}`;
      await oss.putObject({ bucket: BUCKET, key, body });
      const got = await oss.getObject({ bucket: BUCKET, key });
      if (got.body.length !== size) throw new Error(`short read for ${key}`);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const requests = objects * 2;
    console.log(`command: npm run bench -- emulator throughput ${objects} ${concurrency} ${size}`);
    console.log(`signed V4 PUT+GET of ${size}-byte objects, ${objects} objects, concurrency ${concurrency}, node ${process.version}`);
    console.log(
      `${requests} requests in ${seconds.toFixed(2)} s: ${(requests / seconds).toFixed(0)} requests/s (${(objects / seconds).toFixed(0)} PUT+GET pairs/s)`,
    );
  } finally {
    oss.destroy();
    await emulator.stop();
  }
}

async function scale(args: readonly string[]): Promise<void> {
  const small = intArg(args[0], 100);
  const large = intArg(args[1], 10_000);
  const requests = intArg(args[2], 14_000);
  const concurrency = intArg(args[3], 16);
  console.log(`command: npm run bench -- emulator scale ${small} ${large} ${requests} ${concurrency}`);
  console.log(
    'mix: PutObject, GetObject, HeadObject, GetBucketInfo, ListBuckets (prefix, <= 10 names), ListObjectsV2 (100 keys of a bucket holding N keys), GetBucketReplicationProgress; N/10 same-region rules replicating',
  );
  const runs = [];
  for (const buckets of [small, large]) {
    const run = await measureScale(buckets, requests, concurrency);
    runs.push(run);
    console.log(
      `${buckets} buckets (set up in ${run.setupSeconds.toFixed(1)} s): ${run.requests} requests in ${run.seconds.toFixed(2)} s = ${run.perSecond.toFixed(0)} requests/s`,
    );
  }
  const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
  console.log(`ratio ${small}/${large} buckets: ${(a.perSecond / b.perSecond).toFixed(2)}x (target: within 2x)`);
}

export async function main(args: string[]): Promise<void> {
  const [part, ...rest] = args;
  if (part === 'throughput') return throughput(rest);
  if (part === 'scale') return scale(rest);
  await throughput(args);
  await scale([]);
}
