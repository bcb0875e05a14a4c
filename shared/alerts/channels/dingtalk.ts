import { escapeMarkdown, plainLine } from '../render/escape';
import { docToMarkdown } from '../render/markdown';
import { toDoc } from '../render/model';
import { truncateUtf8 } from '../render/truncate';
import type { AlertMessage, Channel } from '../types';
import { checkErrcode } from './http';
import { httpChannel, type WebhookChannelOptions } from './httpChannel';
import { dingtalkSignedUrl } from './signers';

/** DingTalk does not document a markdown limit; stay well under its request size limit. */
export const DINGTALK_MAX_TEXT_BYTES = 18000;

export interface DingtalkMarkdownBody {
  readonly msgtype: 'markdown';
  readonly markdown: { readonly title: string; readonly text: string };
  readonly at: { readonly isAtAll: false };
}

/** DingTalk robot markdown message; `title` is what the notification preview shows. */
export function renderDingtalk(message: AlertMessage): DingtalkMarkdownBody {
  const doc = toDoc(message);
  const text = truncateUtf8(`#### ${escapeMarkdown(doc.title)}\n\n${docToMarkdown(doc)}`, DINGTALK_MAX_TEXT_BYTES);
  // The title is what the conversation list shows, as plain text.
  return { msgtype: 'markdown', markdown: { title: plainLine(doc.title), text }, at: { isAtAll: false } };
}

/** DingTalk throttles a robot for 10 minutes after 20 messages in a minute. */
export const DINGTALK_PER_MINUTE = 20;

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
