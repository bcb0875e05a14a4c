import { OssError, OssNetworkError, OssRetryExhaustedError, OssTimeoutError } from '../../../shared/oss/errors';
import { errorXml } from './helpers/localServer';
import { clientFor, useLocalOss } from './helpers/testClient';

const tagsXml = '<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>';
const rule = {
  prefixes: [],
  actions: ['ALL' as const],
  destination: { bucket: 'dst', location: 'oss-cn-beijing' },
  historicalObjectReplication: 'enabled' as const,
};

const local = useLocalOss({ timeoutMs: 200 });

const serverBusy = { status: 503, body: errorXml({ Code: 'ServiceUnavailable', Message: 'busy' }) };

describe('retries over HTTP', () => {
  it('retries a 503 and returns the later success', async () => {
    local.server.respond((_r, i) => (i === 0 ? serverBusy : { body: tagsXml }));
    const tags = await local.client.getBucketTags({ bucket: 'b' });
    expect(tags).toEqual([{ key: 'a', value: '1' }]);
    expect(local.server.requests).toHaveLength(2);
  });

  it('retries after the server resets the connection', async () => {
    local.server.respond((_r, i) => (i === 0 ? { reset: true } : { body: tagsXml }));
    await expect(local.client.getBucketTags({ bucket: 'b' })).resolves.toHaveLength(1);
    expect(local.server.requests).toHaveLength(2);
  });

  it('does not retry a 403', async () => {
    local.server.respond(() => ({ status: 403, body: errorXml({ Code: 'AccessDenied', Message: 'AccessDenied' }) }));
    const err = await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    expect((err as OssError).code).toBe('AccessDenied');
    expect(local.server.requests).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    local.server.respond(() => ({ status: 404, body: errorXml({ Code: 'NoSuchBucket', Message: 'none' }) }));
    await expect(local.client.getBucketTags({ bucket: 'b' })).rejects.toBeInstanceOf(OssError);
    expect(local.server.requests).toHaveLength(1);
  });

  it('gives up on a silent server with OssRetryExhaustedError after the whole budget of timeouts', async () => {
    local.server.respond(() => ({ hang: true }));
    const err = await local.client.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssRetryExhaustedError);
    expect((err as OssRetryExhaustedError).attempts).toBe(4);
    expect((err as OssRetryExhaustedError).cause).toBeInstanceOf(OssTimeoutError);
    expect(local.server.requests).toHaveLength(4);
  });

  it('makes a single-attempt delete once, even when the server answers 503', async () => {
    local.server.respond(() => serverBusy);
    await expect(local.client.deleteObject({ bucket: 'b', key: 'k' }, { singleAttemptMs: 100 })).rejects.toBeInstanceOf(OssError);
    expect(local.server.requests).toHaveLength(1);
  });

  it('abandons a single-attempt delete after its own time, not the client timeout', async () => {
    local.server.respond(() => ({ hang: true }));
    const started = Date.now();
    const err = await local.client.deleteObject({ bucket: 'b', key: 'k' }, { singleAttemptMs: 50 }).catch((e: unknown) => e);
    expect([err instanceof OssTimeoutError, local.server.requests.length, Date.now() - started < 200]).toEqual([true, 1, true]);
  });

  it('waits at least Retry-After before the next attempt', async () => {
    local.server.respond((_r, i) => (i === 0 ? { ...serverBusy, headers: { 'retry-after': '1' } } : { body: tagsXml }));
    await local.client.getBucketTags({ bucket: 'b' });
    const [first, second] = local.server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('does not repeat PutBucketReplication after a timeout (it may have been applied)', async () => {
    local.server.respond(() => ({ hang: true }));
    const err = await local.client.putBucketReplication({ bucket: 'src' }, rule).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OssTimeoutError);
    expect(local.server.requests).toHaveLength(1);
  });

  it('does not repeat PutBucketReplication after a reset on a fresh socket', async () => {
    const fresh = clientFor(local.server);
    local.server.respond(() => ({ reset: true }));
    const err = await fresh.putBucketReplication({ bucket: 'src' }, rule).catch((e: unknown) => e);
    fresh.destroy();
    expect(err).toBeInstanceOf(OssNetworkError);
    expect(local.server.requests).toHaveLength(1);
  });

  it('repeats PutBucketReplication after a 503 (OSS did not apply it)', async () => {
    local.server.respond((_r, i) => (i === 0 ? serverBusy : { headers: { 'x-oss-replication-rule-id': 'r-1' } }));
    await expect(local.client.putBucketReplication({ bucket: 'src' }, rule)).resolves.toEqual({ ruleId: 'r-1' });
    expect(local.server.requests).toHaveLength(2);
  });

  it('uses a custom retry decision', async () => {
    const once = clientFor(local.server, { shouldRetry: () => false });
    local.server.respond(() => serverBusy);
    const err = await once.getBucketTags({ bucket: 'b' }).catch((e: unknown) => e);
    once.destroy();
    expect((err as OssError).status).toBe(503);
    expect(local.server.requests).toHaveLength(1);
  });
});
