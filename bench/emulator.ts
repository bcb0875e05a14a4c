/**
 * Emulator throughput: signed (V4) small-object PUT then GET through the project's OssClient, over
 * N object keys with a fixed number of workers. Bounded in count; talks to 127.0.0.1 only.
 *
 *   npm run bench -- emulator [objects=2000] [concurrency=16] [sizeBytes=1024]
 */
import { startEmulator } from '../local/emulator';
import { OssClient } from '../shared/oss/client';

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

export async function main(args: string[]): Promise<void> {
  const objects = intArg(args[0], 2000);
  const concurrency = intArg(args[1], 16);
  const size = intArg(args[2], 1024);
  const emulator = await startEmulator({ regions: { [REGION]: 0 } });
  const oss = new OssClient({ region: REGION, credentials: emulator.credentials[0]!, endpoint: { kind: 'map', endpoints: emulator.endpoints }, signatureVersion: 'v4' });
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
    console.log(`command: npm run bench -- emulator ${objects} ${concurrency} ${size}`);
    console.log(`signed V4 PUT+GET of ${size}-byte objects, ${objects} objects, concurrency ${concurrency}, node ${process.version}`);
    console.log(`${requests} requests in ${seconds.toFixed(2)} s: ${(requests / seconds).toFixed(0)} requests/s (${(objects / seconds).toFixed(0)} PUT+GET pairs/s)`);
  } finally {
    oss.destroy();
    await emulator.stop();
  }
}
