/**
 * Fault injection seen from a real client, the request log, never-crash error handling, and
 * persistence: a restart on the same data dir keeps buckets, objects, tags and rules.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';
import { OssError, OssNetworkError, OssRetryExhaustedError, OssTimeoutError } from '../../../shared/oss/errors';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';

const clientFor = (emu: RunningEmulator, timeoutMs = 2000) =>
  new OssClient({
    region: HZ,
    credentials: emu.credentials[0]!,
    endpoint: { kind: 'map', endpoints: emu.endpoints },
    retry: { maxAttempts: 1 },
    timeoutMs,
  });

/** The error the emulator caused; the client wraps transient ones even with a single attempt. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error instanceof OssRetryExhaustedError ? error.lastError : error;
  }
  throw new Error('expected the call to fail');
}

describe('fault injection and the request log', () => {
  let emulator: RunningEmulator;
  let oss: OssClient;
  const bucket = 'faults-bucket';

  beforeAll(async () => {
    emulator = await startEmulator({ regions: { [HZ]: 0 } });
    oss = clientFor(emulator);
    await oss.putBucket({ bucket });
    await oss.putObject({ bucket, key: 'k', body: 'v' });
  });

  afterEach(() => {
    emulator.admin.clearFaults();
  });

  afterAll(async () => {
    oss?.destroy();
    await emulator?.stop();
  });

  it('answers the next call with an injected 503 as OSS error XML, then serves normally', async () => {
    emulator.admin.addFault({ operation: 'GetObject', errorCode: 'ServiceUnavailable', errorStatus: 503, count: 1 });
    const error = await failure(oss.getObject({ bucket, key: 'k' }));
    expect(error).toBeInstanceOf(OssError);
    expect(error).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
    expect((error as OssError).requestId).toMatch(/^[0-9A-F]{24}$/);
    expect((await oss.getObject({ bucket, key: 'k' })).body.toString()).toBe('v');
  });

  it('scopes a fault to its operation', async () => {
    emulator.admin.addFault({ operation: 'PutObject', errorCode: 'ServiceUnavailable' });
    expect((await oss.getObject({ bucket, key: 'k' })).body.toString()).toBe('v');
    expect(await failure(oss.putObject({ bucket, key: 'k2', body: 'x' }))).toMatchObject({ status: 503 });
  });

  it('never fires a fault whose error rate is 0', async () => {
    emulator.admin.addFault({ errorCode: 'ServiceUnavailable', errorRate: 0 });
    for (let i = 0; i < 5; i++) await oss.headObject({ bucket, key: 'k' });
  });

  it('resets the connection without an answer when a reset is injected', async () => {
    emulator.admin.addFault({ operation: 'HeadObject', resetRate: 1, count: 1 });
    expect(await failure(oss.headObject({ bucket, key: 'k' }))).toBeInstanceOf(OssNetworkError);
    expect((await oss.headObject({ bucket, key: 'k' })).contentLength).toBe(1);
  });

  it('delays answers by the injected latency (a client timeout below it fires)', async () => {
    const impatient = clientFor(emulator, 50);
    emulator.admin.addFault({ operation: 'GetBucketInfo', latencyMs: 300, count: 1 });
    expect(await failure(impatient.getBucketInfo({ bucket }))).toBeInstanceOf(OssTimeoutError);
    impatient.destroy();
  });

  it('takes faults through the admin HTTP API and clears them with DELETE', async () => {
    const added = await fetch(`${emulator.adminUrl}/faults`, {
      method: 'POST',
      body: JSON.stringify({ operation: 'GetBucketLocation', errorCode: 'InternalError' }),
    });
    expect(added.status).toBe(200);
    expect(await failure(oss.getBucketLocation({ bucket }))).toMatchObject({ code: 'InternalError', status: 500 });
    expect((await fetch(`${emulator.adminUrl}/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(await oss.getBucketLocation({ bucket })).toBe(HZ);
  });

  it('rejects a fault with a rate outside 0..1', async () => {
    const res = await fetch(`${emulator.adminUrl}/faults`, { method: 'POST', body: JSON.stringify({ errorRate: 2, errorCode: 'X' }) });
    expect(res.status).toBe(400);
  });

  it('logs each request with its operation, filterable over HTTP, and forgets them on DELETE', async () => {
    await fetch(`${emulator.adminUrl}/requests`, { method: 'DELETE' });
    for (let i = 0; i < 3; i++) await oss.putObject({ bucket, key: `log/${i}`, body: 'x' });
    await oss.getObject({ bucket, key: 'log/0' });
    const puts = (await (await fetch(`${emulator.adminUrl}/requests?operation=PutObject`)).json()) as Array<Record<string, unknown>>;
    expect(puts.map((e) => e.key)).toEqual(['log/0', 'log/1', 'log/2']);
    expect(puts[0]).toMatchObject({ method: 'PUT', operation: 'PutObject', bucket, status: 200, region: HZ });
    await fetch(`${emulator.adminUrl}/requests`, { method: 'DELETE' });
    expect(emulator.admin.requests()).toEqual([]);
  });

  it('counts failed requests with their error code', async () => {
    emulator.admin.clearRequests();
    await failure(oss.getObject({ bucket, key: 'missing' }));
    expect(emulator.admin.requests({ errorCode: 'NoSuchKey' })).toHaveLength(1);
  });

  it('shows buckets and rules in GET state', async () => {
    const state = (await (await fetch(`${emulator.adminUrl}/state`)).json()) as { buckets: Array<{ name: string; region: string }> };
    expect(state.buckets).toContainEqual(expect.objectContaining({ name: bucket, region: HZ }));
  });

  it('answers unknown sub-resources with NotImplemented', async () => {
    const res = await fetch(`${emulator.endpoints[HZ]}/${bucket}?lifecycle`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>NotImplemented</Code>');
  });

  it('answers anonymous requests with AccessDenied, with a request id in header and body', async () => {
    const res = await fetch(`${emulator.endpoints[HZ]}/${bucket}/k`);
    const body = await res.text();
    expect(res.status).toBe(403);
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain(`<RequestId>${res.headers.get('x-oss-request-id')}</RequestId>`);
    expect(res.headers.get('x-oss-ec')).toBeTruthy();
    expect(res.headers.get('server')).toBe('AliyunOSS');
  });
});

describe('admin reset', () => {
  it('drops every bucket and the request log', async () => {
    const emu = await startEmulator({ regions: { [HZ]: 0 } });
    const client = clientFor(emu);
    await client.putBucket({ bucket: 'reset-me' });
    expect((await fetch(`${emu.adminUrl}/reset`, { method: 'POST' })).status).toBe(200);
    expect(await client.listBuckets()).toEqual([]);
    expect(emu.admin.requests({ operation: 'PutBucket' })).toEqual([]);
    client.destroy();
    await emu.stop();
  });
});

describe('persistence with a data dir', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-data-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const reports: string[] = [];
  const start = () => startEmulator({ regions: { [HZ]: 0, [BJ]: 0 }, dataDir: dir, ruleStartingMs: 50, log: (line) => reports.push(line) });

  it('keeps buckets, objects, tags, versioning and rules across a restart', async () => {
    const first = await start();
    const a = clientFor(first);
    await a.putBucket({ bucket: 'keep-src' });
    await a.putBucket({ bucket: 'keep-dst', region: BJ });
    await a.putBucketTags({ bucket: 'keep-src' }, [{ key: 'team', value: 'storage' }]);
    await a.putObject({ bucket: 'keep-src', key: 'doc.txt', body: 'persisted bytes', metadata: { who: 'me' } });
    const { ruleId } = await a.putBucketReplication(
      { bucket: 'keep-src' },
      {
        prefixes: [],
        actions: ['ALL'],
        destination: { bucket: 'keep-dst', location: `oss-${BJ}` },
        historicalObjectReplication: 'enabled',
      },
    );
    a.destroy();
    await first.stop();

    const second = await start();
    const b = clientFor(second);
    expect((await b.listBuckets()).map((x) => x.name)).toEqual(['keep-dst', 'keep-src']);
    const got = await b.getObject({ bucket: 'keep-src', key: 'doc.txt' });
    expect({ body: got.body.toString(), metadata: got.metadata }).toEqual({ body: 'persisted bytes', metadata: { who: 'me' } });
    expect(await b.getBucketTags({ bucket: 'keep-src' })).toEqual([{ key: 'team', value: 'storage' }]);
    expect((await b.getBucketReplication({ bucket: 'keep-src' })).rules.map((r) => r.id)).toEqual([ruleId]);
    expect(await b.getBucketLocation({ bucket: 'keep-dst' })).toBe(BJ);
    b.destroy();
    await second.stop();
  });

  it('answers 500 InternalError with a request id when a handler throws, and keeps serving', async () => {
    // A hand-edited data file without its object map makes ListObjects throw a TypeError inside the handler.
    writeFileSync(
      join(dir, 'buckets', 'broken-bucket.json'),
      JSON.stringify({ name: 'broken-bucket', region: HZ, createdAt: 0, tags: [], rules: [] }),
    );
    const emu = await start();
    const client = clientFor(emu);
    const error = await failure(client.listObjectsV2({ bucket: 'broken-bucket' }));
    expect(error).toMatchObject({ code: 'InternalError', status: 500 });
    expect((error as OssError).requestId).toMatch(/^[0-9A-F]{24}$/);
    expect(reports).toEqual([expect.stringContaining('internal error in ListObjectsV2')]);
    expect((await client.getObject({ bucket: 'keep-src', key: 'doc.txt' })).body.toString()).toBe('persisted bytes');
    client.destroy();
    await emu.stop();
    rmSync(join(dir, 'buckets', 'broken-bucket.json'));
  });

  it('leaves no temp files behind and ignores a torn temp file from a crash', async () => {
    const buckets = join(dir, 'buckets');
    expect(readdirSync(buckets).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    writeFileSync(join(buckets, 'keep-src.json.deadbeef.tmp'), '{"half":');
    const again = await start();
    const c = clientFor(again);
    expect((await c.getObject({ bucket: 'keep-src', key: 'doc.txt' })).body.toString()).toBe('persisted bytes');
    c.destroy();
    await again.stop();
  });
});

describe('startEmulator options', () => {
  it('rejects regions given as a list instead of a region -> port map', async () => {
    await expect(startEmulator({ regions: ['cn-hangzhou'] as unknown as Record<string, number> })).rejects.toThrow(
      'map region names to ports',
    );
  });
});
