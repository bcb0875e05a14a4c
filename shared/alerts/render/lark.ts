import type { AlertMessage } from '../types';
import { toDoc, type Doc } from './model';

/** Lark rejects bodies over 20 KB; leave room for the signature fields and JSON escaping. */
export const LARK_MAX_CONTENT_BYTES = 16000;

export type LarkElement = { readonly tag: 'text'; readonly text: string };

export interface LarkPostBody {
  readonly msg_type: 'post';
  readonly content: {
    readonly post: { readonly zh_cn: { readonly title: string; readonly content: LarkElement[][] } };
  };
}

function docLines(doc: Doc): LarkElement[][] {
  const lines: LarkElement[][] = [];
  for (const section of doc.sections) {
    if (doc.sections.length > 1 || section.heading !== doc.title) lines.push([{ tag: 'text', text: section.heading }]);
    for (const line of section.lines) lines.push([{ tag: 'text', text: line.label ? `${line.label}: ${line.text}` : line.text }]);
    lines.push([{ tag: 'text', text: '' }]);
  }
  return lines;
}

/** Keeps whole lines until the budget is used, then says how many were left out. */
function fit(lines: LarkElement[][], maxBytes: number): LarkElement[][] {
  const kept: LarkElement[][] = [];
  let bytes = 0;
  for (const [i, line] of lines.entries()) {
    const size = Buffer.byteLength(JSON.stringify(line), 'utf8');
    if (bytes + size > maxBytes) {
      kept.push([{ tag: 'text', text: `…(${lines.length - i} more lines truncated)` }]);
      break;
    }
    kept.push(line);
    bytes += size;
  }
  return kept;
}

/** Lark/Feishu rich-text `post` message. */
export function renderLark(message: AlertMessage): LarkPostBody {
  const doc = toDoc(message);
  const content = fit(docLines(doc), LARK_MAX_CONTENT_BYTES);
  return { msg_type: 'post', content: { post: { zh_cn: { title: doc.title, content } } } };
}
