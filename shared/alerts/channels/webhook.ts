import { renderWebhook } from '../render/webhook';
import type { Channel } from '../types';
import type { WebhookChannelOptions } from './dingtalk';
import { checkStatus } from './http';
import { httpChannel } from './httpChannel';
import { WEBHOOK_SIGNATURE_HEADER, webhookSignatureHeader } from './signers';

/**
 * Generic JSON webhook (see render/webhook.ts for the body). With a secret, each request carries
 * `X-Autopilot-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Any 2xx is success.
 * A receiver recomputes the HMAC over the raw body, compares in constant time and rejects a `t` more
 * than WEBHOOK_TOLERANCE_SECONDS (300 s) from its clock, which bounds replays (verifyWebhookSignature
 * does all three). Without a secret nothing is signed: the URL alone authenticates the sender.
 */
export function webhookChannel(o: WebhookChannelOptions): Channel {
  return httpChannel({
    ...o,
    type: 'webhook',
    secrets: [o.url, o.secret],
    buildRequest: (m, now) => {
      const body = JSON.stringify(renderWebhook(m));
      if (!o.secret) return { url: o.url, body };
      const ts = Math.floor(now.getTime() / 1000);
      return { url: o.url, body, headers: { [WEBHOOK_SIGNATURE_HEADER]: webhookSignatureHeader(o.secret, body, ts) } };
    },
    check: checkStatus,
  });
}
