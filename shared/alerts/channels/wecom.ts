import { escapeMarkdown } from '../render/escape';
import { docToMarkdown } from '../render/markdown';
import { toDoc, type DocLine } from '../render/model';
import { truncateUtf8 } from '../render/truncate';
import type { AlertMessage, Channel } from '../types';
import { checkErrcode } from './http';
import { httpChannel, type WebhookChannelOptions } from './httpChannel';

/** WeCom rejects markdown content over 4096 UTF-8 bytes. */
export const WECOM_MAX_MARKDOWN_BYTES = 4096;

export interface WecomMarkdownBody {
  readonly msgtype: 'markdown';
  readonly markdown: { readonly content: string };
}

/** Highlights the words a reader scans for; WeCom supports `info`, `comment` and `warning`. */
function color(line: DocLine, escaped: string): string {
  if (line.label === 'Severity') return `<font color="${line.text === 'critical' ? 'warning' : 'comment'}">${escaped}</font>`;
  if (!line.label && line.text.startsWith('Recovered:')) return `<font color="info">${escaped}</font>`;
  return escaped;
}

/** WeCom group robot markdown, truncated on a line boundary to the 4096-byte limit. */
export function renderWecom(message: AlertMessage): WecomMarkdownBody {
  const doc = toDoc(message);
  const content = truncateUtf8(`# ${escapeMarkdown(doc.title)}\n${docToMarkdown(doc, { color })}`, WECOM_MAX_MARKDOWN_BYTES);
  return { msgtype: 'markdown', markdown: { content } };
}

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
