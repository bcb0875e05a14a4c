/**
 * The local stack's server answers only the machine it runs on: a page in the user's browser
 * (another site, or a DNS name rebound to 127.0.0.1) can neither post fake alerts to the inbox,
 * post fake bucket events for bucket-events to act on, press the dashboard's rule buttons (pause,
 * resume, run a canary), nor read the dashboard JSON with the emulator's keys.
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
const actions: string[] = [];

beforeAll(async () => {
  server = createStackServer({
    inbox,
    onEvent: async (body) => {
      events.push(body.toString('utf8'));
      return true;
    },
    status: async () => ({ emulator: { accessKeySecret: 'shown-on-the-dashboard' } }),
    onRuleAction: async (action, rule) => {
      actions.push(`${action} ${rule.bucket}/${rule.ruleId}`);
      return { status: 200, body: { ok: true } };
    },
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

  const rule = JSON.stringify({ bucket: 'demo-photos', ruleId: 'autopilot-dr-1' });
  const local = () => ({ host: `127.0.0.1:${port}`, 'content-type': 'application/json' });

  it.each([
    ['pause', 'from a page of another site', () => ({ ...local(), origin: 'https://evil.example' })],
    ['resume', 'from a cross-site fetch', () => ({ ...local(), 'sec-fetch-site': 'cross-site' })],
    ['canary', 'to a rebound DNS name', () => ({ ...local(), host: `rebind.evil.example:${port}` })],
  ])('refuses the %s button %s with 403 and does not act', async (action, _label, headers) => {
    const res = await send('POST', `${ROUTES.rules}${action}`, headers(), rule);
    expect([res.status, actions]).toEqual([403, []]);
  });

  it('refuses a rule button sent as a form or text (what a page of another site could send without asking), with 415', async () => {
    const res = await send('POST', `${ROUTES.rules}pause`, { host: `127.0.0.1:${port}`, 'content-type': 'text/plain' }, rule);
    expect([res.status, actions]).toEqual([415, []]);
  });

  it('refuses a rule button without a valid bucket and rule, with 400', async () => {
    const res = await send('POST', `${ROUTES.rules}pause`, local(), JSON.stringify({ bucket: 'Bad_Name', ruleId: 'r' }));
    expect([res.status, JSON.parse(res.body), actions]).toEqual([400, { error: 'bucket must be a valid bucket name' }, []]);
  });

  it('passes a rule button from the dashboard page itself to the stack', async () => {
    const page = { ...local(), origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' };
    const res = await send('POST', `${ROUTES.rules}pause`, page, rule);
    expect([res.status, actions.splice(0)]).toEqual([200, ['pause demo-photos/autopilot-dr-1']]);
  });
});
