import { renderWecom } from '../render/wecom';
import type { Channel } from '../types';
import type { WebhookChannelOptions } from './dingtalk';
import { checkErrcode } from './http';
import { httpChannel } from './httpChannel';

export const WECOM_PER_MINUTE = 20;

/** WeCom group robot: no signing, the `key` in the URL is the credential. */
export function wecomChannel(o: Omit<WebhookChannelOptions, 'secret'>): Channel {
  return httpChannel({
    ...o,
    type: 'wecom',
    secrets: [o.url],
    perMinute: WECOM_PER_MINUTE,
    buildRequest: (m) => ({ url: o.url, body: JSON.stringify(renderWecom(m)) }),
    check: checkErrcode,
  });
}
