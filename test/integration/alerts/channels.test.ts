import { dingtalkChannel, deliver, larkChannel, slackChannel, webhookChannel, wecomChannel } from '../../../shared/alerts';
import { message, noSleep } from './fixtures';
import { Receiver } from './receiver';
import { dingtalkService, larkService, signedWebhookService, slackService, wecomService } from './services';

const DING_TOKEN = 'ding-token-0123456789';
const DING_SECRET = 'SECding0123456789abcdef';
const LARK_SECRET = 'lark-secret-0123456789';
const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const HOOK_SECRET = 'whsec-0123456789';

let rx: Receiver;

beforeAll(async () => {
  rx = await new Receiver()
    .on('/robot/send', dingtalkService(DING_TOKEN, DING_SECRET))
    .on('/open-apis/bot/v2/hook/lark-token-abc', larkService(LARK_SECRET))
    .on('/cgi-bin/webhook/send', wecomService(WECOM_KEY))
    .on('/services/T000/B000/slacktoken', slackService())
    .on('/hooks/autopilot', signedWebhookService(HOOK_SECRET))
    .start();
});
afterAll(async () => rx.close());

const send = (channel: Parameters<typeof deliver>[0][number]) =>
  deliver([channel], [message()], { sleep: noSleep, retry: { maxAttempts: 1 } });

describe('channels against stand-ins that check credentials and signatures', () => {
  it('DingTalk: signs timestamp and sign in the query and is accepted', async () => {
    const ch = dingtalkChannel({ name: 'ops', url: rx.url(`/robot/send?access_token=${DING_TOKEN}`), secret: DING_SECRET });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: true, delivered: 1 });
    expect(rx.hits('/robot/send').at(-1)!.body).toContain('src-bucket-0');
  });

  it('DingTalk: errcode other than 0 on HTTP 200 is a failure', async () => {
    const ch = dingtalkChannel({ name: 'ops', url: rx.url(`/robot/send?access_token=${DING_TOKEN}`), secret: 'SECwrong-secret-value' });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: false, failure: { code: 'ALERT_REJECTED', serviceCode: '310000', status: 200 } });
  });

  it('Lark: puts timestamp and sign in the body and is accepted', async () => {
    const ch = larkChannel({ name: 'lark', url: rx.url('/open-apis/bot/v2/hook/lark-token-abc'), secret: LARK_SECRET });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: true, delivered: 1 });
  });

  it('Lark: a non-zero code is a failure', async () => {
    const ch = larkChannel({ name: 'lark', url: rx.url('/open-apis/bot/v2/hook/lark-token-abc'), secret: 'wrong-lark-secret' });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: false, failure: { code: 'ALERT_REJECTED', serviceCode: '19021' } });
  });

  it('WeCom: sends markdown with the key in the URL and is accepted', async () => {
    const ch = wecomChannel({ name: 'wecom', url: rx.url(`/cgi-bin/webhook/send?key=${WECOM_KEY}`) });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: true, delivered: 1 });
  });

  it('Slack: the literal body ok is success', async () => {
    const ch = slackChannel({ name: 'slack', url: rx.url('/services/T000/B000/slacktoken') });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: true, delivered: 1 });
  });

  it('Webhook: the receiver verifies X-Autopilot-Signature over the raw body', async () => {
    const ch = webhookChannel({ name: 'hook', url: rx.url('/hooks/autopilot'), secret: HOOK_SECRET });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: true, delivered: 1 });
    expect(JSON.parse(rx.hits('/hooks/autopilot').at(-1)!.body)).toMatchObject({ type: 'incident.opened', version: 1 });
  });

  it('Webhook: a wrong secret is refused with 401 and reported as a non-retryable failure', async () => {
    const ch = webhookChannel({ name: 'hook', url: rx.url('/hooks/autopilot'), secret: 'not-the-secret' });
    const { results } = await send(ch);
    expect(results[0]).toMatchObject({ ok: false, failure: { code: 'ALERT_HTTP_STATUS', status: 401, retryable: false } });
  });
});
