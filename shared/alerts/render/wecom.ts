import type { AlertMessage } from '../types';
import { docToMarkdown } from './markdown';
import { toDoc, type DocLine } from './model';
import { truncateUtf8 } from './truncate';

/** WeCom rejects markdown content over 4096 UTF-8 bytes. */
export const WECOM_MAX_MARKDOWN_BYTES = 4096;

export interface WecomMarkdownBody {
  readonly msgtype: 'markdown';
  readonly markdown: { readonly content: string };
}

/** Highlights the words a reader scans for; WeCom supports `info`, `comment` and `warning`. */
function color(line: DocLine): string {
  if (line.label === 'Severity') return `<font color="${line.text === 'critical' ? 'warning' : 'comment'}">${line.text}</font>`;
  if (!line.label && line.text.startsWith('Recovered:')) return `<font color="info">${line.text}</font>`;
  return line.text;
}

/** WeCom group robot markdown, truncated on a line boundary to the 4096-byte limit. */
export function renderWecom(message: AlertMessage): WecomMarkdownBody {
  const doc = toDoc(message);
  const content = truncateUtf8(`# ${doc.title}\n${docToMarkdown(doc, { color })}`, WECOM_MAX_MARKDOWN_BYTES);
  return { msgtype: 'markdown', markdown: { content } };
}
