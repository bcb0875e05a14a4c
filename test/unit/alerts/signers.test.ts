import { createHmac } from 'node:crypto';
import { WEBHOOK_TOLERANCE_SECONDS } from '../../../shared/alerts/channels/signers';
import {
  dingtalkSign,
  dingtalkSignedUrl,
  larkSign,
  verifyWebhookSignature,
  webhookSignature,
  webhookSignatureHeader,
} from '../../../shared/alerts';

// Expected values are computed here from each service's documented formula (reference/alerts.md).
const secret = 'SEC000000000000000000000000000000000000000000000000000000000000000';

describe('dingtalkSign', () => {
  it('is base64 HMAC-SHA256 keyed by the secret over "<timestamp ms>\\n<secret>"', () => {
    const ts = 1716170000123;
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    expect(dingtalkSign(secret, ts)).toBe(expected);
  });

  it('puts timestamp and the URL-encoded sign in the query, keeping the access token', () => {
    const ts = 1716170000123;
    const url = new URL(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=tok', secret, ts));
    expect(url.searchParams.get('access_token')).toBe('tok');
    expect(url.searchParams.get('timestamp')).toBe(String(ts));
    expect(url.searchParams.get('sign')).toBe(dingtalkSign(secret, ts));
    expect(url.search).not.toMatch(/sign=[^&]*[+/=]/);
  });
});

describe('larkSign', () => {
  it('is base64 HMAC-SHA256 keyed by "<timestamp s>\\n<secret>" over an empty message', () => {
    const ts = 1716170000;
    const expected = createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64');
    expect(larkSign(secret, ts)).toBe(expected);
  });

  it('differs from the DingTalk scheme for the same inputs', () => {
    expect(larkSign(secret, 1716170000)).not.toBe(dingtalkSign(secret, 1716170000));
  });
});

describe('webhookSignature', () => {
  const body = '{"type":"incident.opened"}';

  it('is hex HMAC-SHA256 keyed by the secret over "<t>.<body>"', () => {
    const expected = createHmac('sha256', 'whsec').update(`1716170000.${body}`).digest('hex');
    expect(webhookSignature('whsec', body, 1716170000)).toBe(expected);
    expect(webhookSignatureHeader('whsec', body, 1716170000)).toBe(`t=1716170000,v1=${expected}`);
  });

  it('verifies a fresh header over the same body', () => {
    const header = webhookSignatureHeader('whsec', body, 1716170000);
    expect(verifyWebhookSignature('whsec', header, body, new Date(1716170000 * 1000))).toBe(true);
  });

  it('rejects a tampered body', () => {
    const header = webhookSignatureHeader('whsec', body, 1716170000);
    expect(verifyWebhookSignature('whsec', header, body + ' ', new Date(1716170000 * 1000))).toBe(false);
  });

  it('accepts a timestamp up to WEBHOOK_TOLERANCE_SECONDS (300 s) away in either direction', () => {
    const header = webhookSignatureHeader('whsec', body, 1716170000);
    expect(WEBHOOK_TOLERANCE_SECONDS).toBe(300);
    for (const offset of [-300, 300])
      expect(verifyWebhookSignature('whsec', header, body, new Date((1716170000 + offset) * 1000))).toBe(true);
    expect(verifyWebhookSignature('whsec', header, body, new Date((1716170000 - 301) * 1000))).toBe(false);
  });

  it('rejects a timestamp outside the tolerance (replay)', () => {
    const header = webhookSignatureHeader('whsec', body, 1716170000);
    expect(verifyWebhookSignature('whsec', header, body, new Date((1716170000 + 301) * 1000))).toBe(false);
  });
});
