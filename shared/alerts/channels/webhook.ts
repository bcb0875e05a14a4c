import { plainLine } from '../render/escape';
import { toDoc } from '../render/model';
import type { AlertMessage, Digest, Notification, Channel } from '../types';
import { checkStatus } from './http';
import { httpChannel, type WebhookChannelOptions } from './httpChannel';
import { WEBHOOK_SIGNATURE_HEADER, webhookSignatureHeader } from './signers';

export const WEBHOOK_SCHEMA_VERSION = 1;

export type WebhookEventType =
  'incident.opened' | 'incident.reminder' | 'incident.resolved' | 'incident.retired' | 'incident.batch' | 'digest';

/**
 * The generic webhook body: structured data for machines plus `text` for people. Stable field names;
 * `version` changes only when a field changes meaning.
 */
export interface WebhookBody {
  readonly version: typeof WEBHOOK_SCHEMA_VERSION;
  readonly type: WebhookEventType;
  readonly at: string;
  /** The headline, plain text on one line: a receiver that renders markup escapes it first. */
  readonly text: string;
  readonly notifications?: readonly Notification[];
  readonly digest?: Digest;
}

export function renderWebhook(message: AlertMessage): WebhookBody {
  const text = plainLine(toDoc(message).title);
  const base = { version: WEBHOOK_SCHEMA_VERSION, text } as const;
  switch (message.kind) {
    case 'notification':
      return { ...base, type: `incident.${message.notification.type}`, at: message.notification.at, notifications: [message.notification] };
    case 'batch':
      return { ...base, type: 'incident.batch', at: message.notifications[0]?.at ?? '', notifications: message.notifications };
    case 'digest':
      return { ...base, type: 'digest', at: message.digest.at, digest: message.digest };
  }
}

/**
 * Generic JSON webhook (renderWebhook above is the body). With a secret, each request carries
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
