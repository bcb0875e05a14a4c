import type { OssClient } from '../../../shared/oss/client';
import { verifyRequest } from '../../../shared/signing';
import type { Credentials, VerifyResult } from '../../../shared/signing/types';
import { toIncoming } from './helpers/incoming';
import { errorXml, startLocalServer, type LocalServer } from './helpers/localServer';
import { clientFor, TEST_CREDENTIALS } from './helpers/testClient';

let server: LocalServer;
const verdicts: VerifyResult[] = [];
const lookup = (id: string): Credentials | undefined => (id === TEST_CREDENTIALS.accessKeyId ? TEST_CREDENTIALS : undefined);
const tagsXml = '<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>';

/** Verifies every request like OSS; answers 503 to the first `failures` requests that verify. */
function verifyingServer(failures: number, region = 'cn-hangzhou'): void {
  server.respond((req, i) => {
    const verdict = verifyRequest(toIncoming(req), lookup, { now: new Date(), region });
    verdicts.push(verdict);
    if (!verdict.ok) return { status: verdict.status, body: errorXml({ Code: verdict.code, Message: verdict.message }) };
    return i < failures ? { status: 503, body: errorXml({ Code: 'ServiceUnavailable', Message: 'busy' }) } : { body: tagsXml };
  });
}

/** A clock that moves one second per reading, so that each attempt carries another date. */
function steppingClock(): () => Date {
  let t = Date.now();
  return () => new Date((t += 1000));
}

let client: OssClient;
beforeAll(async () => {
  server = await startLocalServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  verdicts.length = 0;
});
afterEach(() => client.destroy());

describe('request signatures as the verifier sees them', () => {
  it('signs every attempt so that each one verifies (V4)', async () => {
    client = clientFor(server, { now: steppingClock() });
    verifyingServer(2);
    await client.getBucketTags({ bucket: 'src' });
    expect(verdicts.map((v) => v.ok && v.version)).toEqual(['v4', 'v4', 'v4']);
  });

  it('signs every attempt afresh with a new date (V4)', async () => {
    client = clientFor(server, { now: steppingClock() });
    verifyingServer(2);
    await client.getBucketTags({ bucket: 'src' });
    const dates = new Set(server.requests.map((r) => r.headers['x-oss-date']));
    const auths = new Set(server.requests.map((r) => r.headers['authorization']));
    expect([dates.size, auths.size]).toEqual([3, 3]);
  });

  it('produces V1 signatures that verify', async () => {
    client = clientFor(server, { signatureVersion: 'v1' });
    verifyingServer(1);
    await client
      .putBucketReplication(
        { bucket: 'src' },
        {
          prefixes: [],
          actions: ['ALL'],
          destination: { bucket: 'dst', location: 'oss-cn-beijing' },
          historicalObjectReplication: 'enabled',
        },
      )
      .catch(() => undefined);
    expect(verdicts.map((v) => v.ok && v.version)).toEqual(['v1', 'v1']);
  });

  it('signs object keys with spaces, plus and unicode so that they verify', async () => {
    client = clientFor(server);
    verifyingServer(0);
    await client.putObject({ bucket: 'src', key: 'canary/a b+c/数据 ü.txt', body: 'x', metadata: { run: '1' } }).catch(() => undefined);
    expect(verdicts.map((v) => v.ok)).toEqual([true]);
  });

  it('signs with the bucket region, not the client region', async () => {
    client = clientFor(server, { endpoint: { kind: 'map', endpoints: { 'cn-hangzhou': server.base } } });
    verifyingServer(0, 'cn-beijing');
    await client.getBucketTags({ bucket: 'dst', region: 'cn-beijing' });
    expect(verdicts.map((v) => v.ok)).toEqual([true]);
  });

  it('signs ListBuckets (no bucket) so that it verifies', async () => {
    client = clientFor(server);
    verifyingServer(0);
    await client.listBuckets().catch(() => undefined);
    expect(verdicts.map((v) => v.ok)).toEqual([true]);
  });

  it('asks the credentials provider on every attempt and sends its current token', async () => {
    let calls = 0;
    client = clientFor(server, { credentials: () => ({ ...TEST_CREDENTIALS, securityToken: `token-${++calls}` }) });
    server.respond((_r, i) =>
      i < 2 ? { status: 503, body: errorXml({ Code: 'ServiceUnavailable', Message: 'busy' }) } : { body: tagsXml },
    );
    await client.getBucketTags({ bucket: 'src' });
    expect(server.requests.map((r) => r.headers['x-oss-security-token'])).toEqual(['token-1', 'token-2', 'token-3']);
  });

  it('surfaces a rejected signature as SignatureDoesNotMatch without retrying', async () => {
    client = clientFor(server, { credentials: { ...TEST_CREDENTIALS, accessKeySecret: 'wrong-secret-value' } });
    verifyingServer(0);
    await expect(client.getBucketTags({ bucket: 'src' })).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(server.requests).toHaveLength(1);
  });
});
