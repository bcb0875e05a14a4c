import type { OssClient } from '../../../shared/oss/client';
import { OssError, OssNetworkError, OssRetryExhaustedError, OssTimeoutError } from '../../../shared/oss/errors';
import { errorXml, startLocalServer, type LocalServer } from './helpers/localServer';
import { clientFor } from './helpers/testClient';

let server: LocalServer;
let client: OssClient;
const tagsXml = '<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>';
const rule = { prefixes: [], actions: ['ALL' as const], destination: { bucket: 'dst', location: 'oss-cn-beijing' }, historicalObjectReplication: 'enabled' as const };

beforeAll(async () => {
  server = await startLocalServer();
  client = clientFor(server, { timeoutMs: 200 });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const serverBusy = { status: 503, body: errorXml({ Code: 'ServiceUnavailable', Message: 'busy' }) };

describe('retries over HTTP', () => {
  it('retries a 503 and returns the later success', async () => {
    server.respond((_r, i) => (i === 0 ? serverBusy : { body: tagsXml }));
    const tags = await client.getBucketTags({ bucket: 'b' });
    expect(tags).toEqual([{ key: 'a', value: '1' }]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries after the server resets the connection', async () => {
    server.respond((_r, i) => (i === 0 ? { reset: true } : { body: tagsXml }));
    await expect(client.getBucketTags({ bucket: 'b' })).resolves.toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 403', async () => {
    server.respond(() => ({ status: 403, body: errorXml({ Code: 'AccessDenied', Message: 'AccessDenied' }) }));
    const err = await client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    expect((err as OssError).code).toBe('AccessDenied');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    server.respond(() => ({ status: 404, body: errorXml({ Code: 'NoSuchBucket', Message: 'none' }) }));
    await expect(client.getBucketTags({ bucket: 'b' })).rejects.toBeInstanceOf(OssError);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a silent server with OssRetryExhaustedError after the whole budget of timeouts', async () => {
    server.respond(() => ({ hang: true }));
    const err = await client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssRetryExhaustedError);
    expect((err as OssRetryExhaustedError).attempts).toBe(4);
    expect((err as OssRetryExhaustedError).cause).toBeInstanceOf(OssTimeoutError);
    expect(server.requests).toHaveLength(4);
  });

  it('waits at least Retry-After before the next attempt', async () => {
    server.respond((_r, i) => (i === 0 ? { ...serverBusy, headers: { 'retry-after': '1' } } : { body: tagsXml }));
    await client.getBucketTags({ bucket: 'b' });
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('does not repeat PutBucketReplication after a timeout (it may have been applied)', async () => {
    server.respond(() => ({ hang: true }));
    const err = await client.putBucketReplication({ bucket: 'src' }, rule).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat PutBucketReplication after a reset on a fresh socket', async () => {
    const fresh = clientFor(server);
    server.respond(() => ({ reset: true }));
    const err = await fresh.putBucketReplication({ bucket: 'src' }, rule).catch((e: unknown) => e);
    fresh.destroy();
    expect(err).toBeInstanceOf(OssNetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('repeats PutBucketReplication after a 503 (OSS did not apply it)', async () => {
    server.respond((_r, i) => (i === 0 ? serverBusy : { headers: { 'x-oss-replication-rule-id': 'r-1' } }));
    await expect(client.putBucketReplication({ bucket: 'src' }, rule)).resolves.toEqual({ ruleId: 'r-1' });
    expect(server.requests).toHaveLength(2);
  });

  it('uses a custom retry decision', async () => {
    const once = clientFor(server, { shouldRetry: () => false });
    server.respond(() => serverBusy);
    const err = await once.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    once.destroy();
    expect((err as OssError).status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });
});
