import { renderDingtalk } from '../render/dingtalk';
import type { Channel } from '../types';
import { checkErrcode } from './http';
import { httpChannel } from './httpChannel';
import { dingtalkSignedUrl } from './signers';

/** DingTalk throttles a robot for 10 minutes after 20 messages in a minute. */
export const DINGTALK_PER_MINUTE = 20;

export interface WebhookChannelOptions {
  readonly name: string;
  /** The full webhook URL including its token. */
  readonly url: string;
  readonly secret?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** DingTalk custom robot; signs each request (`timestamp` + `sign` query) when a secret is configured. */
export function dingtalkChannel(o: WebhookChannelOptions): Channel {
  return httpChannel({
    ...o,
    type: 'dingtalk',
    secrets: [o.url, o.secret],
    perMinute: DINGTALK_PER_MINUTE,
    buildRequest: (m, now) => ({
      url: o.secret ? dingtalkSignedUrl(o.url, o.secret, now.getTime()) : o.url,
      body: JSON.stringify(renderDingtalk(m)),
    }),
    check: checkErrcode,
  });
}
