import { dingtalkChannel, deliver, slackChannel, webhookChannel, wecomChannel } from '../../../shared/alerts';
import type { AlertMessage } from '../../../shared/alerts';
import { message, noSleep } from './fixtures';
import { Receiver } from './receiver';
import { dingtalkService, signedWebhookService, slackService, wecomService } from './services';

const DING_TOKEN = 'ding-token-secret-abcdef';
const DING_SECRET = 'SECdelivery0123456789';
const HOOK_SECRET = 'whsec-delivery-0123';
const WECOM_KEY = 'wecom-key-secret-4567';

let rx: Receiver;
let failNext500 = 0;

beforeAll(async () => {
  const ding = dingtalkService(DING_TOKEN, DING_SECRET);
  rx = await new Receiver()
    .on('/robot/send', ding)
    .on('/flaky/robot/send', (r) => (failNext500-- > 0 ? { status: 500, body: 'upstream error' } : ding(r)))
    .on('/down/services/T1/B1/slacksecret', () => ({ status: 500, body: 'internal error' }))
    .on('/hang/hooks/x', () => ({ hang: true }))
    .on('/services/T9/B9/slackok', slackService())
    .on('/hooks/signed', signedWebhookService(HOOK_SECRET))
    .on('/cgi-bin/webhook/send', wecomService(WECOM_KEY))
    .start();
});
afterAll(async () => rx.close());

const ding = (path = '/robot/send', secret = DING_SECRET) =>
  dingtalkChannel({ name: 'ops', url: rx.url(`${path}?access_token=${DING_TOKEN}`), secret });

describe('deliver over HTTP', () => {
  it('retries a channel answering 500 until it succeeds', async () => {
    failNext500 = 2;
    const before = rx.hits('/flaky/robot/send').length;
    const { results } = await deliver([ding('/flaky/robot/send')], [message()], { sleep: noSleep });
    expect(results[0]).toMatchObject({ ok: true, attempts: 3 });
    expect(rx.hits('/flaky/robot/send').length - before).toBe(3);
  });

  it('keeps delivering to the others while one channel answers 500 and another never answers', async () => {
    const down = slackChannel({ name: 'down', url: rx.url('/down/services/T1/B1/slacksecret') });
    const hung = webhookChannel({ name: 'hung', url: rx.url('/hang/hooks/x'), timeoutMs: 150 });
    const ok = [
      ding(),
      slackChannel({ name: 'slack', url: rx.url('/services/T9/B9/slackok') }),
      webhookChannel({ name: 'hook', url: rx.url('/hooks/signed'), secret: HOOK_SECRET }),
    ];
    const { results } = await deliver([down, hung, ...ok], [message()], { sleep: noSleep, retry: { maxAttempts: 2 }, timeoutMs: 1000 });
    expect(results.map((r) => [r.channel, r.ok])).toEqual([
      ['down', false],
      ['hung', false],
      ['ops', true],
      ['slack', true],
      ['hook', true],
    ]);
    expect(results[0]).toMatchObject({ attempts: 2, failure: { code: 'ALERT_HTTP_STATUS', status: 500 } });
    expect(results[1]).toMatchObject({ attempts: 2, failure: { code: 'ALERT_TIMEOUT' } });
    expect(rx.hits('/hang/hooks/x')).toHaveLength(2);
  });

  it('batches 25 notifications to one DingTalk robot into at most 20 requests and loses none', async () => {
    const before = rx.hits('/robot/send').length;
    const messages: AlertMessage[] = Array.from({ length: 25 }, (_, i) => message(i));
    const { results, rateLimitState } = await deliver([ding()], messages, { sleep: noSleep });
    const bodies = rx
      .hits('/robot/send')
      .slice(before)
      .map((r) => r.body);
    expect(bodies.length).toBeLessThanOrEqual(20);
    const seen = new Set(bodies.flatMap((b) => [...b.matchAll(/src-bucket-(\d+) \(cn-hangzhou\)/g)].map((m) => Number(m[1]))));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(results[0]).toMatchObject({ ok: true, merged: true });
    expect(rateLimitState.sent['ops']).toHaveLength(bodies.length);
  });

  it('carries the minute budget across calls through the returned state', async () => {
    const first = await deliver(
      [ding()],
      Array.from({ length: 19 }, (_, i) => message(i)),
      { sleep: noSleep },
    );
    const before = rx.hits('/robot/send').length;
    const second = await deliver([ding()], [message(1), message(2), message(3)], { sleep: noSleep, rateLimitState: first.rateLimitState });
    expect(rx.hits('/robot/send').length - before).toBe(1);
    expect(second.results[0]).toMatchObject({ ok: true, merged: true, delivered: 1 });
  });

  it('never lets a URL token or secret into results or logs, even on failures', async () => {
    const lines: string[] = [];
    const logger = {
      info: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      warn: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
    };
    const channels = [
      ding('/robot/send', 'SECwrong-secret-value'),
      slackChannel({ name: 'down', url: rx.url('/down/services/T1/B1/slacksecret') }),
      wecomChannel({ name: 'wecom', url: rx.url('/cgi-bin/webhook/send?key=wrong-wecom-key-999') }),
      webhookChannel({ name: 'hook', url: rx.url('/hooks/signed'), secret: 'whsec-wrong-value' }),
    ];
    const out = await deliver(channels, [message()], { sleep: noSleep, retry: { maxAttempts: 2 }, logger });
    const text = JSON.stringify(out.results) + lines.join('\n');
    expect(out.results.every((r) => !r.ok)).toBe(true);
    for (const secret of [DING_TOKEN, 'SECwrong-secret-value', 'slacksecret', 'wrong-wecom-key-999', 'whsec-wrong-value']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('access_token=***');
  });
});
