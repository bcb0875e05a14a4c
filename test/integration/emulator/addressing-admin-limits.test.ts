/**
 * Interface points of the emulator a reviewer checks first, over real HTTP: virtual-host
 * addressing with any `Host: <bucket>.<name>` sent to 127.0.0.1, one bucket namespace listed by
 * every region's port, the admin API's request log and overall count-limited faults, and oversize
 * or invalid inputs answered with OSS error XML.
 */
import { startEmulator, type RequestLogEntry, type RunningEmulator } from '../../../local/emulator';
import type { Credentials } from '../../../shared/signing/types';
import { errorCode, rawOss, viaHost, type RawRequest } from './helpers/rawOss';

const HZ = 'cn-hangzhou';
const BJ = 'cn-beijing';
const MAX_BODY = 4096;

let emulator: RunningEmulator;
let creds: Credentials;
let counter = 0;
const unique = (stem: string) => `${stem}-${(counter += 1)}`;

beforeAll(async () => {
  emulator = await startEmulator({ regions: { [HZ]: 0, [BJ]: 0 }, maxBodyBytes: MAX_BODY });
  creds = emulator.credentials[0]!;
});

afterAll(async () => {
  await emulator?.stop();
});

const oss = (req: RawRequest, region = HZ) => rawOss(emulator.endpoints[region]!, region, creds, req);

describe('virtual-host addressing', () => {
  it.each(['v1', 'v4'] as const)('creates a bucket, puts and gets an object with Host: <bucket>.<any name> (%s)', async (version) => {
    const bucket = unique(`vhost-${version}`);
    const send = (host: string, req: Omit<RawRequest, 'bucket'>) =>
      viaHost(emulator.endpoints[HZ]!, host, HZ, creds, { ...req, bucket }, version);
    expect((await send(`${bucket}.example.test`, { method: 'PUT' })).status).toBe(200);
    const put = await send(`${bucket}.anything.local:8080`, {
      method: 'PUT',
      key: 'dir/a b.txt',
      body: 'over a virtual host',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);
    const got = await send(`${bucket}.whatever`, { method: 'GET', key: 'dir/a b.txt' });
    expect({ status: got.status, body: got.body }).toEqual({ status: 200, body: 'over a virtual host' });
    // Proof it was addressed by Host, not by path: path style sees the same object under /<bucket>/<key>.
    expect((await oss({ method: 'GET', bucket, key: 'dir/a b.txt' })).body).toBe('over a virtual host');
  });

  it('answers NoSuchBucket naming the bucket from the Host header', async () => {
    const res = await viaHost(emulator.endpoints[HZ]!, 'no-such-vhost.example.test', HZ, creds, {
      method: 'GET',
      bucket: 'no-such-vhost',
      key: 'k',
    });
    expect([res.status, errorCode(res.body), res.body.match(/<BucketName>([^<]*)</)?.[1]]).toEqual([404, 'NoSuchBucket', 'no-such-vhost']);
  });
});

describe('ListBuckets', () => {
  it('lists the buckets of every region, each with its Location, on every region port', async () => {
    const inHz = unique('list-all');
    const inBj = unique('list-all');
    expect((await oss({ method: 'PUT', bucket: inHz }, HZ)).status).toBe(200);
    expect((await oss({ method: 'PUT', bucket: inBj }, BJ)).status).toBe(200);
    for (const region of [HZ, BJ]) {
      const body = (await oss({ method: 'GET', query: [['prefix', 'list-all-']] }, region)).body;
      const listed = [...body.matchAll(/<Bucket>.*?<Location>([^<]*)<\/Location>.*?<Name>([^<]*)<\/Name>.*?<\/Bucket>/g)].map((m) => [
        m[2],
        m[1],
      ]);
      expect(listed).toEqual([
        [inHz, `oss-${HZ}`],
        [inBj, `oss-${BJ}`],
      ]);
    }
  });
});

async function adminJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.adminUrl}/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('admin API over HTTP', () => {
  afterEach(async () => {
    await adminJson('DELETE', 'faults');
  });

  it('logs method, operation, bucket, key, status, region and time of each request', async () => {
    const bucket = unique('logged');
    await oss({ method: 'PUT', bucket }, BJ);
    await oss({ method: 'GET', bucket, key: 'missing' }, BJ);
    const entries = await adminJson<RequestLogEntry[]>('GET', `requests?bucket=${bucket}`);
    expect(
      entries.map(({ method, operation, bucket: b, key, status, region }) => ({ method, operation, bucket: b, key, status, region })),
    ).toEqual([
      { method: 'PUT', operation: 'PutBucket', bucket, key: undefined, status: 200, region: BJ },
      { method: 'GET', operation: 'GetObject', bucket, key: 'missing', status: 404, region: BJ },
    ]);
    for (const e of entries) expect(Math.abs(Date.parse(e.time) - Date.now())).toBeLessThan(60_000);
  });

  it('applies a fault without an operation to any operation, for the next N calls only', async () => {
    const bucket = unique('faulted');
    await oss({ method: 'PUT', bucket });
    await adminJson('POST', 'faults', { bucket, errorCode: 'ServiceUnavailable', count: 2 });
    const statuses = [];
    for (const req of [
      { method: 'GET', bucket, query: [['tagging', null]] },
      { method: 'PUT', bucket, key: 'k', body: 'x' },
      { method: 'PUT', bucket, key: 'k', body: 'x' },
    ] as RawRequest[]) {
      const res = await oss(req);
      statuses.push([res.status, errorCode(res.body) ?? null]);
    }
    expect(statuses).toEqual([
      [503, 'ServiceUnavailable'],
      [503, 'ServiceUnavailable'],
      [200, null],
    ]);
    expect(await adminJson('GET', 'faults')).toEqual([]);
  });

  it('answers 404 when pausing a rule that does not exist', async () => {
    const bucket = unique('nopause');
    await oss({ method: 'PUT', bucket });
    const res = await fetch(`${emulator.adminUrl}/replication/pause`, { method: 'POST', body: JSON.stringify({ bucket, ruleId: 'nope' }) });
    expect(res.status).toBe(404);
  });
});

describe('oversize and invalid inputs', () => {
  let bucket: string;
  beforeAll(async () => {
    bucket = unique('limits');
    await oss({ method: 'PUT', bucket });
  });

  it('answers EntityTooLarge for an object body over maxBodyBytes, and keeps serving', async () => {
    const res = await oss({ method: 'PUT', bucket, key: 'big', body: Buffer.alloc(MAX_BODY + 1) });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'EntityTooLarge']);
    expect((await oss({ method: 'PUT', bucket, key: 'small', body: 'ok' })).status).toBe(200);
  });

  it('answers InvalidArgument for user metadata over 8 KB', async () => {
    const res = await oss({ method: 'PUT', bucket, key: 'meta', body: 'x', headers: { 'x-oss-meta-big': 'm'.repeat(8 * 1024) } });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidArgument']);
  });

  it('answers InvalidObjectName for a key over 1023 bytes', async () => {
    const res = await oss({ method: 'PUT', bucket, key: 'k'.repeat(1024), body: 'x' });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidObjectName']);
  });

  it.each([
    ['64 characters', 'b'.repeat(64)],
    ['upper case', 'Upper-case'],
    ['a leading hyphen', '-leading'],
  ])('answers InvalidBucketName for a name with %s', async (_label, name) => {
    const res = await oss({ method: 'PUT', bucket: name });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'InvalidBucketName']);
  });

  it.each([
    ['PutBucketVersioning', [['versioning', null]]],
    ['PutBucketTags', [['tagging', null]]],
    ['PutBucketRTC', [['rtc', null]]],
  ] as const)('answers MalformedXML for a broken %s document', async (_op, query) => {
    const res = await oss({ method: 'PUT', bucket, query: [...query], body: '<Broken' });
    expect([res.status, errorCode(res.body)]).toEqual([400, 'MalformedXML']);
  });
});
