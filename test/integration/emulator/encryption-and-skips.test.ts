/**
 * Server-side encryption headers (written by PutObject and CopyObject, read by HeadObject, through our
 * client and through ali-oss), the headers a REPLACE copy carries, key-encoded listings, and the
 * silent-drop replication fault over the admin HTTP API.
 */
import OSS from 'ali-oss';
import { startEmulator, type RunningEmulator, type SkipFault } from '../../../local/emulator';
import { OssClient } from '../../../shared/oss/client';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
let emulator: RunningEmulator;
let oss: OssClient;

beforeAll(async () => {
  emulator = await startEmulator({ regions: { [HZ]: 0, [BJ]: 0 }, ruleStartingMs: 50, replicationDelayMs: 20, tickMs: 10 });
  oss = new OssClient({ region: HZ, credentials: emulator.credentials[0]!, endpoint: { kind: 'map', endpoints: emulator.endpoints } });
});
afterAll(async () => {
  oss?.destroy();
  await emulator?.stop();
});

const admin = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
  const res = await fetch(`${emulator.adminUrl}/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: await res.json() };
};

async function until(probe: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 5000;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('server-side encryption', () => {
  it('is stored from PutObject and reported by HeadObject, to our client and to ali-oss', async () => {
    await oss.putBucket({ bucket: 'sse-put' });
    await oss.putObject({ bucket: 'sse-put', key: 'kms', body: 'k', encryption: { algorithm: 'KMS', keyId: 'key-1' } });
    await oss.putObject({ bucket: 'sse-put', key: 'plain', body: 'p' });
    expect((await oss.headObject({ bucket: 'sse-put', key: 'kms' })).encryption).toEqual({ algorithm: 'KMS', keyId: 'key-1' });
    expect((await oss.headObject({ bucket: 'sse-put', key: 'plain' })).encryption).toBeUndefined();
    const credentials = emulator.credentials[0]!;
    const ali = new OSS({
      region: `oss-${HZ}`,
      endpoint: emulator.endpoints[HZ]!,
      accessKeyId: credentials.accessKeyId,
      accessKeySecret: credentials.accessKeySecret,
      bucket: 'sse-put',
    });
    const head = await ali.head('kms');
    expect((head.res.headers as Record<string, string>)['x-oss-server-side-encryption']).toBe('KMS');
  });

  it('refuses an algorithm OSS does not have with InvalidEncryptionAlgorithmError', async () => {
    await oss.putBucket({ bucket: 'sse-bad' });
    await expect(oss.putObject({ bucket: 'sse-bad', key: 'k', body: 'x', encryption: { algorithm: 'ROT13' } })).rejects.toMatchObject({
      code: 'InvalidEncryptionAlgorithmError',
      status: 400,
    });
  });

  it('a REPLACE copy onto itself keeps what the request sends: metadata, content type, encryption', async () => {
    await oss.putBucket({ bucket: 'sse-copy' });
    await oss.putObject({
      bucket: 'sse-copy',
      key: 'k',
      body: 'x',
      contentType: 'text/csv',
      metadata: { team: 'a' },
      encryption: { algorithm: 'AES256' },
    });
    const head = await oss.headObject({ bucket: 'sse-copy', key: 'k' });
    await oss.copyObject({
      bucket: 'sse-copy',
      key: 'k',
      source: { bucket: 'sse-copy', key: 'k' },
      metadataDirective: 'REPLACE',
      ...(head.contentType ? { contentType: head.contentType } : {}),
      metadata: head.metadata,
      ...(head.encryption ? { encryption: head.encryption } : {}),
    });
    expect(await oss.headObject({ bucket: 'sse-copy', key: 'k' })).toMatchObject({
      contentType: 'text/csv',
      metadata: { team: 'a' },
      encryption: { algorithm: 'AES256' },
    });
  });
});

it('listObjectsV2 with encodingType url hands back keys that XML cannot carry raw', async () => {
  await oss.putBucket({ bucket: 'list-encoded' });
  // XML parsing turns a raw CR LF into LF: only the url-encoded answer keeps the key as it is.
  const key = 'line\r\nbreak';
  await oss.putObject({ bucket: 'list-encoded', key, body: 'x' });
  const page = await oss.listObjectsV2({ bucket: 'list-encoded', encodingType: 'url' });
  expect(page.contents.map((o) => o.key)).toEqual([key]);
});

describe('replication skips over the admin API', () => {
  it('drop the next N writes of a rule, list what they dropped, and clear', async () => {
    await oss.putBucket({ bucket: 'skip-src' });
    await oss.putBucket({ bucket: 'skip-dst', region: BJ });
    const { ruleId } = await oss.putBucketReplication(
      { bucket: 'skip-src' },
      {
        prefixes: [],
        actions: ['ALL'],
        destination: { bucket: 'skip-dst', location: `oss-${BJ}` },
        historicalObjectReplication: 'enabled',
      },
    );
    const added = await admin('POST', 'replication/skips', { bucket: 'skip-src', ruleId, count: 2 });
    expect(added.status).toBe(200);
    for (const key of ['k1', 'k2', 'k3']) await oss.putObject({ bucket: 'skip-src', key, body: key });
    await until(async () => (await oss.listObjectsV2({ bucket: 'skip-dst', region: BJ })).contents.length === 1);
    expect((await oss.listObjectsV2({ bucket: 'skip-dst', region: BJ })).contents.map((o) => o.key)).toEqual(['k3']);
    const listed = (await admin('GET', 'replication/skips')).json as SkipFault[];
    expect(listed.map((f) => f.skipped.map((s) => s.key))).toEqual([['k1', 'k2']]);
    expect((await admin('DELETE', 'replication/skips')).status).toBe(200);
    expect((await admin('GET', 'replication/skips')).json).toEqual([]);
  });

  it('answers 400 with the reason for a spec without prefix or count', async () => {
    const res = await admin('POST', 'replication/skips', { bucket: 'skip-src' });
    expect(res).toEqual({ status: 400, json: { error: expect.stringMatching(/prefix, a count or both/) } });
  });
});
