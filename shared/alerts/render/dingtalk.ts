import type { AlertMessage } from '../types';
import { docToMarkdown } from './markdown';
import { toDoc } from './model';
import { truncateUtf8 } from './truncate';

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
  const text = truncateUtf8(`#### ${doc.title}\n\n${docToMarkdown(doc)}`, DINGTALK_MAX_TEXT_BYTES);
  return { msgtype: 'markdown', markdown: { title: doc.title, text }, at: { isAtAll: false } };
}
