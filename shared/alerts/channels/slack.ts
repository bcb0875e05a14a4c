import { failure } from '../errors';
import { renderSlack } from '../render/slack';
import type { Channel, DeliveryFailure } from '../types';
import type { WebhookChannelOptions } from './dingtalk';
import { checkStatus, type HttpResponse } from './http';
import { httpChannel } from './httpChannel';

/** Slack answers the literal body `ok`; errors are 4xx with a plain-text reason such as `invalid_payload`. */
function checkSlack(res: HttpResponse): DeliveryFailure | undefined {
  const bad = checkStatus(res);
  if (bad) return { ...bad, serviceCode: res.text.slice(0, 100) };
  if (res.text.trim() === 'ok') return undefined;
  return failure('ALERT_REJECTED', `unexpected answer: ${res.text.slice(0, 200)}`, { status: res.status });
}

/** Slack incoming webhook: the URL is the secret. */
export function slackChannel(o: Omit<WebhookChannelOptions, 'secret'>): Channel {
  return httpChannel({
    ...o,
    type: 'slack',
    secrets: [o.url],
    buildRequest: (m) => ({ url: o.url, body: JSON.stringify(renderSlack(m)) }),
    check: checkSlack,
  });
}
