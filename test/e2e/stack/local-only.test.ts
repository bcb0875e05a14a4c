/**
 * The local stack's server answers only the machine it runs on: a page in the user's browser
 * (another site, or a DNS name rebound to 127.0.0.1) can neither post fake alerts to the inbox,
 * post fake bucket events for bucket-events to act on, nor read the dashboard JSON with the
 * emulator's keys.
 */
import type { Server } from 'node:http';
import { close, createStackServer, listen, ROUTES } from '../../../local/stack/server';
import { WebhookInbox } from '../../../local/stack/inbox';
import { rawHttp } from '../../integration/emulator/helpers/rawOss';

let server: Server;
let base: string;
let port: string;
const inbox = new WebhookInbox();
const events: string[] = [];

beforeAll(async () => {
  server = createStackServer({
    inbox,
    onEvent: async (body) => {
      events.push(body.toString('utf8'));
      return true;
    },
    status: async () => ({ emulator: { accessKeySecret: 'shown-on-the-dashboard' } }),
    onError: () => undefined,
  });
  port = String(await listen(server, 0, '127.0.0.1'));
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await close(server);
});

const send = (method: string, path: string, headers: Record<string, string>, body = '') =>
  rawHttp(base, { method, path, headers: { 'content-length': String(Buffer.byteLength(body)), ...headers }, body });

describe('local stack server', () => {
  it.each([
    ['from a page of another site', () => ({ host: `127.0.0.1:${port}`, origin: 'https://evil.example' })],
    ['to a rebound DNS name', () => ({ host: `rebind.evil.example:${port}` })],
  ])('refuses a fake alert %s with 403 and keeps it out of the inbox', async (_label, headers) => {
    const before = inbox.count;
    const res = await send('POST', ROUTES.inbox, headers(), '{"text":"fake incident"}');
    expect(res.status).toBe(403);
    expect(inbox.count).toBe(before);
  });

  it('refuses a fake bucket event from a cross-site fetch and does not route it', async () => {
    const res = await send(
      'POST',
      ROUTES.events,
      { host: `localhost:${port}`, 'sec-fetch-site': 'cross-site' },
      '{"type":"oss:BucketCreated:PutBucket"}',
    );
    expect(res.status).toBe(403);
    expect(events).toEqual([]);
  });

  it('does not show the dashboard JSON (with the emulator keys) to a rebound DNS name', async () => {
    const res = await send('GET', ROUTES.status, { host: `rebind.evil.example:${port}` });
    expect([res.status, res.body.includes('shown-on-the-dashboard')]).toEqual([403, false]);
  });

  it('answers the machine itself: the webhook channel, the emulator and the dashboard page', async () => {
    expect(
      (await send('POST', ROUTES.inbox, { host: `127.0.0.1:${port}`, 'content-type': 'application/json' }, '{"text":"real"}')).status,
    ).toBe(200);
    expect((await send('POST', ROUTES.events, { host: `127.0.0.1:${port}` }, '{}')).status).toBe(200);
    expect(
      (await send('GET', ROUTES.status, { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'sec-fetch-site': 'same-origin' }))
        .status,
    ).toBe(200);
  });
});
