import { MAX_RESPONSE_BYTES } from '../../../shared/oss/constants';
import { OssResponseTooLargeError } from '../../../shared/oss/errors';
import { OssClient } from '../../../shared/oss/client';
import { startHugeAnswerServer, type HugeAnswerOptions, type HugeAnswerServer } from '../helpers/hugeAnswerServer';
import { TEST_CREDENTIALS } from './helpers/testClient';

const MIB = 1024 * 1024;
let server: HugeAnswerServer | undefined;
let client: OssClient | undefined;

async function aimedAt(options: HugeAnswerOptions): Promise<OssClient> {
  server = await startHugeAnswerServer(options);
  client = new OssClient({
    region: 'cn-hangzhou',
    credentials: TEST_CREDENTIALS,
    endpoint: { kind: 'map', endpoints: { 'cn-hangzhou': server.base } },
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 20_000,
  });
  return client;
}

afterEach(async () => {
  client?.destroy();
  await server?.close();
});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => 'no error',
    (error: unknown) => error,
  );
}

describe('OSS answers are read with a size cap', () => {
  it('stops reading an endless XML answer at 8 MiB with a typed error and hangs up', async () => {
    const oss = await aimedAt({ headers: { 'content-type': 'application/xml' } });
    const error = await failure(() => oss.getBucketReplication({ bucket: 'src' }));
    expect(error).toBeInstanceOf(OssResponseTooLargeError);
    expect(error).toMatchObject({ code: 'ResponseTooLarge', operation: 'GetBucketReplication', limitBytes: MAX_RESPONSE_BYTES });
    await server!.hangUps(1);
    expect(server!.hungUp()).toBe(1);
    // What the server pushed before the socket was destroyed: the cap plus socket buffers, not 800 MiB.
    expect(server!.written()).toBeLessThan(MAX_RESPONSE_BYTES + 16 * MIB);
  });

  it('refuses an answer whose Content-Length is over the cap without reading its body', async () => {
    const oss = await aimedAt({ announceBytes: 800 * MIB });
    const error = await failure(() => oss.getObject({ bucket: 'state', key: 'buckets/x.json' }));
    expect(error).toBeInstanceOf(OssResponseTooLargeError);
    expect((error as OssResponseTooLargeError).announcedBytes).toBe(800 * MIB);
    expect(server!.written()).toBeLessThan(16 * MIB);
  });

  it('does not retry an oversized answer, even with an error status: the same request gets the same answer', async () => {
    const oss = await aimedAt({ status: 503, totalBytes: 12 * MIB });
    const error = await failure(() => oss.getBucketInfo({ bucket: 'src' }));
    expect(error).toBeInstanceOf(OssResponseTooLargeError);
    expect(server!.requests()).toBe(1);
  });

  it('reads an answer just under the cap in full', async () => {
    const oss = await aimedAt({ totalBytes: MAX_RESPONSE_BYTES - 64 * 1024 });
    const object = await oss.getObject({ bucket: 'state', key: 'big.json' });
    expect(object.body.length).toBe(MAX_RESPONSE_BYTES - 64 * 1024);
  });

  it('does not mistake a HEAD answer of a large object for a large body', async () => {
    const oss = await aimedAt({ announceBytes: 800 * MIB, totalBytes: 0 });
    const head = await oss.headObject({ bucket: 'src', key: 'video.mp4' });
    expect(head.contentLength).toBe(800 * MIB);
  });
});
