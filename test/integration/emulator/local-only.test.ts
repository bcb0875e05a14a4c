/**
 * A web page in the user's browser must not drive the emulator: the admin API answers only
 * requests to a loopback Host from no page or a same-site page, and the OSS API refuses pages of
 * other sites (its default credentials are public) while it keeps answering virtual-host names
 * such as `<bucket>.oss-cn-hangzhou.aliyuncs.com` sent to 127.0.0.1, as ali-oss sends them.
 */
import { startEmulator, type RunningEmulator } from '../../../local/emulator';
import { aliOss, REGION } from './helpers/aliOss';
import { errorCode, rawHttp, rawOss } from './helpers/rawOss';

let emulator: RunningEmulator;
let port: string;

beforeAll(async () => {
  emulator = await startEmulator({ regions: { [REGION]: 0 } });
  port = new URL(emulator.endpoints[REGION]!).port;
});
afterAll(async () => {
  await emulator?.stop();
});

const admin = (method: string, path: string, headers: Record<string, string>, body = '') =>
  rawHttp(emulator.endpoints[REGION]!, {
    method,
    path: `/_emulator/${path}`,
    headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
    body,
  });

describe('admin API', () => {
  // Headers are built in the test: the port is known only once the emulator listens.
  it.each([
    ['a DNS name that resolves to 127.0.0.1 (rebinding)', (p: string) => ({ host: `rebind.evil.example:${p}` })],
    ['a name whose first label is no bucket', (p: string) => ({ host: `a.b:${p}` })],
    ['a page of another site', (p: string) => ({ host: `127.0.0.1:${p}`, origin: 'https://evil.example' })],
    ['a cross-site fetch without Origin', (p: string) => ({ host: `127.0.0.1:${p}`, 'sec-fetch-site': 'cross-site' })],
  ])('never resets for %s', async (_label, headers) => {
    await aliOss(emulator, true).putBucket('survives-reset');
    const res = await admin('POST', 'reset', headers(port), '{}');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(emulator.admin.state().buckets.map((b) => b.name)).toContain('survives-reset');
  });

  it('answers 403 with the reason in JSON for a loopback name reached from a page of another site', async () => {
    const res = await admin('POST', 'reset', { host: `127.0.0.1:${port}`, origin: 'https://evil.example' }, '{}');
    expect([res.status, JSON.parse(res.body).error]).toEqual([403, expect.stringContaining('another site')]);
  });

  // A Host whose first label is a bucket name is a virtual-host OSS request: signed, so it reaches nothing.
  it('answers 403 for a rebinding name that is not a bucket host, and the OSS API (not the admin) for one that is', async () => {
    expect((await admin('GET', 'state', { host: `a.b:${port}` })).status).toBe(403);
    const asOss = await admin('GET', 'state', { host: `rebind.evil.example:${port}` });
    expect([asOss.status, errorCode(asOss.body)]).toEqual([403, 'AccessDenied']);
  });

  it('refuses to add a fault for a foreign page, and adds none', async () => {
    const res = await admin(
      'POST',
      'faults',
      { host: `localhost:${port}`, origin: 'http://attacker.example' },
      JSON.stringify({ errorCode: 'InternalError' }),
    );
    expect(res.status).toBe(403);
    expect(emulator.admin.faults()).toEqual([]);
  });

  it.each([
    ['127.0.0.1 without Origin', (p: string) => ({ host: `127.0.0.1:${p}` })],
    [
      'localhost from a loopback page',
      (p: string) => ({ host: `localhost:${p}`, origin: `http://localhost:${p}`, 'sec-fetch-site': 'same-origin' }),
    ],
  ])('answers %s', async (_label, headers) => {
    expect((await admin('GET', 'state', headers(port))).status).toBe(200);
  });
});

describe('OSS API', () => {
  it('keeps answering ali-oss, whose Host is <bucket>.oss-<region>.aliyuncs.com sent to 127.0.0.1', async () => {
    const oss = aliOss(emulator, true, 'vhost-still-works');
    await aliOss(emulator, true).putBucket('vhost-still-works');
    await oss.put('k', Buffer.from('x'));
    expect((await oss.get('k')).content.toString()).toBe('x');
  });

  it('refuses a correctly signed request from a page of another site with 403 AccessDenied', async () => {
    const res = await rawOss(emulator.endpoints[REGION]!, REGION, emulator.credentials[0]!, {
      method: 'GET',
      headers: { origin: 'https://evil.example' },
    });
    expect([res.status, errorCode(res.body)]).toEqual([403, 'AccessDenied']);
  });
});
