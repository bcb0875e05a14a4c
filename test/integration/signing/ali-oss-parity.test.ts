/**
 * Parity with the official ali-oss SDK (6.23.0). ali-oss sends each request to a loopback capture
 * server; the captured wire request (method, path, query, headers) is then re-signed by our code and
 * checked by verifyRequest. This exercises exactly what goes over the wire, not SDK internals.
 */
import OSS from 'ali-oss';
import {
  authorizationV1,
  authorizationV4,
  parseSigningDate,
  signRequest,
  verifyRequest,
  type Credentials,
  type IncomingRequest,
} from '../../../shared/signing';
import { startCaptureServer, type CaptureServer } from './helpers/captureServer';
import { parseQuery, toIncoming, withoutAuthorization } from './helpers/wireRequest';

/** The parts of the ali-oss client this test drives (`request` is internal and untyped). */
interface AliOssClient {
  listBuckets(query: Record<string, string>): Promise<unknown>;
  getBucketInfo(name: string): Promise<unknown>;
  putBucketTags(name: string, tags: Record<string, string>): Promise<unknown>;
  put(name: string, body: Buffer, options?: { headers?: Record<string, string> }): Promise<unknown>;
  request(params: Record<string, unknown>): Promise<unknown>;
}

type Version = 'v1' | 'v4';

// ali-oss warns on every STS client without a refresh callback; that advice does not apply here.
let warn: jest.SpyInstance;
beforeAll(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterAll(() => {
  warn.mockRestore();
});
type Call = (client: AliOssClient) => Promise<unknown>;

const AK = 'LTAI5tParityTestKey';
const SECRET = 'parity-test-secret-0123456789';
const TOKEN = 'CAIS-sts-token/with+odd=chars';
const BUCKET = 'parity-bkt';
const REGION = 'cn-hangzhou';
const REPLICATION_XML =
  '<?xml version="1.0" encoding="UTF-8"?><ReplicationConfiguration><Rule><Destination>' +
  '<Bucket>parity-bkt-dr</Bucket><Location>oss-cn-beijing</Location></Destination></Rule></ReplicationConfiguration>';

const subres =
  (method: string, sub: Record<string, string>, extra: Record<string, unknown> = {}): Call =>
  (c) =>
    c.request({ method, bucket: BUCKET, subres: sub, successStatuses: [200], ...extra });

/** Requests whose Authorization our signer must reproduce byte for byte. */
const TABLE: ReadonlyArray<readonly [string, Call, boolean]> = [
  ['ListBuckets', (c) => c.listBuckets({}), false],
  ['GetBucketInfo', (c) => c.getBucketInfo(BUCKET), false],
  ['PutBucketTags', (c) => c.putBucketTags(BUCKET, { owner: 'ops', 'replication-policy': 'dr-beijing' }), false],
  ['GetBucketReplication', subres('GET', { replication: '' }), false],
  [
    'PutBucketReplication',
    subres('POST', { replication: '', comp: 'add' }, { content: Buffer.from(REPLICATION_XML), mime: 'application/xml' }),
    false,
  ],
  ['GetBucketReplicationProgress', subres('GET', { replicationProgress: '' }, { query: { 'rule-id': 'x' } }), false],
  ['PutObject with a space and unicode in the key', (c) => c.put('目录/文件 1.txt', Buffer.from('a')), false],
  ['PutObject with + in the key', (c) => c.put('a+b.txt', Buffer.from('b')), false],
  [
    'PutObject with x-oss-meta headers',
    (c) => c.put('meta.txt', Buffer.from('c'), { headers: { 'x-oss-meta-Author': ' Alice ', 'X-OSS-Meta-Team': 'dr' } }),
    false,
  ],
  ['GetBucketReplication with an STS token', subres('GET', { replication: '' }), true],
];

/** Requests ali-oss signs in a spelling our signer does not produce; the verifier must still accept them. */
const TOLERATED: ReadonlyArray<readonly [string, Call]> = [
  ['V4 query sorted with localeCompare', subres('GET', { acl: '' }, { query: { Zeta: '1', alpha: '2' } })],
  ['V4 empty-string query value signed as k=', subres('GET', { versions: '' }, { query: { prefix: '' } })],
];

function clientFor(server: CaptureServer, version: Version, sts: boolean): AliOssClient {
  const options = {
    accessKeyId: AK,
    accessKeySecret: SECRET,
    region: `oss-${REGION}`,
    bucket: BUCKET,
    endpoint: server.endpoint,
    secure: false,
    authorizationV4: version === 'v4',
    ...(sts ? { stsToken: TOKEN } : {}),
  };
  return new OSS(options) as unknown as AliOssClient;
}

async function capture(server: CaptureServer, version: Version, sts: boolean, call: Call): Promise<IncomingRequest> {
  const before = server.requests.length;
  // ali-oss may fail to parse our stub body after sending; only the captured request matters here.
  await call(clientFor(server, version, sts)).catch(() => undefined);
  expect(server.requests.length).toBe(before + 1);
  const captured = server.requests[before];
  if (!captured) throw new Error('ali-oss sent no request');
  return toIncoming(captured);
}

function credsFor(sts: boolean, secret = SECRET): Credentials {
  return { accessKeyId: AK, accessKeySecret: secret, ...(sts ? { securityToken: TOKEN } : {}) };
}

function sentAt(req: IncomingRequest): Date {
  const date = parseSigningDate(req.headers['x-oss-date'] ?? '');
  if (!date) throw new Error('ali-oss sent no parseable x-oss-date');
  return date;
}

function ours(req: IncomingRequest, version: Version, sts: boolean): string {
  const unsigned = withoutAuthorization(req);
  return version === 'v1' ? authorizationV1(unsigned, credsFor(sts)) : authorizationV4(unsigned, credsFor(sts), { region: REGION });
}

describe.each(['v1', 'v4'] as const)('ali-oss parity (%s)', (version) => {
  let server: CaptureServer;
  const captured = new Map<string, IncomingRequest>();

  beforeAll(async () => {
    server = await startCaptureServer();
    for (const [name, call, sts] of TABLE) captured.set(name, await capture(server, version, sts, call));
    for (const [name, call] of TOLERATED) captured.set(name, await capture(server, version, false, call));
  });
  afterAll(async () => {
    await server.close();
  });

  const get = (name: string): IncomingRequest => captured.get(name) ?? fail(`no capture for ${name}`);
  const stsOf = (name: string): boolean => TABLE.find(([n]) => n === name)?.[2] ?? false;

  it.each(TABLE.map(([name]) => name))('our Authorization equals ali-oss for %s', (name) => {
    const req = get(name);
    expect(ours(req, version, stsOf(name))).toBe(req.headers['authorization']);
  });

  it.each(TABLE.map(([name]) => name))('verifyRequest accepts ali-oss %s', (name) => {
    const req = get(name);
    const lookup = (ak: string): Credentials | undefined => (ak === AK ? credsFor(stsOf(name)) : undefined);
    expect(verifyRequest(req, lookup, { now: sentAt(req), region: REGION })).toEqual({ ok: true, accessKeyId: AK, version });
  });

  it.each(TABLE.map(([name]) => name))('verifyRequest rejects ali-oss %s under another secret', (name) => {
    const req = get(name);
    const result = verifyRequest(req, () => credsFor(stsOf(name), `${SECRET}-other`), { now: sentAt(req) });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'SignatureDoesNotMatch' });
  });

  // Guards the tolerance cases: if ali-oss ever signed these like the spec, they would test nothing.
  if (version === 'v4') {
    it.each(TOLERATED.map(([name]) => name))('our spec-order signer differs from ali-oss for %s', (name) => {
      const req = get(name);
      expect(ours(req, version, false)).not.toBe(req.headers['authorization']);
    });
  }

  it.each(TOLERATED.map(([name]) => name))('verifyRequest accepts ali-oss spelling: %s', (name) => {
    const req = get(name);
    expect(verifyRequest(req, () => credsFor(false), { now: sentAt(req) })).toMatchObject({ ok: true, version });
  });
});

describe('ali-oss V4 parity through signRequest', () => {
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(TABLE.map(([name, call, sts]) => [name, call, sts] as const))(
    'signRequest at ali-oss date gives the same Authorization for %s',
    async (_name, call, sts) => {
      const req = await capture(server, 'v4', sts, call);
      const headers = signRequest(withoutAuthorization(req), credsFor(sts), { version: 'v4', region: REGION, now: sentAt(req) });
      expect(headers['Authorization']).toBe(req.headers['authorization']);
    },
  );
});

describe('ali-oss presigned URLs', () => {
  const offline = (version: Version): OSS =>
    new OSS({
      accessKeyId: AK,
      accessKeySecret: SECRET,
      stsToken: TOKEN,
      bucket: BUCKET,
      region: `oss-${REGION}`,
      authorizationV4: version === 'v4',
    });

  function incomingFromUrl(url: string, method: string): IncomingRequest {
    const parsed = new URL(url);
    return {
      method,
      bucket: BUCKET,
      key: decodeURIComponent(parsed.pathname.slice(1)),
      query: parseQuery(parsed.search.slice(1)),
      headers: {},
    };
  }

  it('verifyRequest accepts an ali-oss V1 signatureUrl with an STS token', () => {
    const url = offline('v1').signatureUrl('目录/文件 1.txt', { expires: 600, method: 'GET' });
    const result = verifyRequest(incomingFromUrl(url, 'GET'), () => credsFor(true), { now: new Date() });
    expect(result).toEqual({ ok: true, accessKeyId: AK, version: 'v1' });
  });

  it('verifyRequest accepts an ali-oss signatureUrlV4 with an STS token', async () => {
    const client = offline('v4') as unknown as { signatureUrlV4: (m: string, e: number, r: object, k: string) => Promise<string> };
    const url = await client.signatureUrlV4('GET', 600, { headers: {} }, 'a+b.txt');
    const result = verifyRequest(incomingFromUrl(url, 'GET'), () => credsFor(true), { now: new Date() });
    expect(result).toEqual({ ok: true, accessKeyId: AK, version: 'v4' });
  });
});
