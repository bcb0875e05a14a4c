import { failure } from '../errors';
import { plainLine } from '../render/escape';
import { toDoc, type Doc } from '../render/model';
import type { AlertMessage, Channel, DeliveryFailure } from '../types';
import { checkStatus, parseJson, type HttpResponse } from './http';
import { httpChannel, type WebhookChannelOptions } from './httpChannel';
import { larkSign } from './signers';

/** Lark rejects bodies over 20 KB; leave room for the signature fields and JSON escaping. */
export const LARK_MAX_CONTENT_BYTES = 16000;

export type LarkElement = { readonly tag: 'text'; readonly text: string };

export interface LarkPostBody {
  readonly msg_type: 'post';
  readonly content: {
    readonly post: { readonly zh_cn: { readonly title: string; readonly content: LarkElement[][] } };
  };
}

/** Text elements are plain text (links and mentions are elements of their own): each is kept to one line. */
function docLines(doc: Doc): LarkElement[][] {
  const lines: LarkElement[][] = [];
  for (const section of doc.sections) {
    if (doc.sections.length > 1 || section.heading !== doc.title) lines.push([{ tag: 'text', text: plainLine(section.heading) }]);
    for (const line of section.lines) {
      lines.push([{ tag: 'text', text: plainLine(line.label ? `${line.label}: ${line.text}` : line.text) }]);
    }
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
  return { msg_type: 'post', content: { post: { zh_cn: { title: plainLine(doc.title), content } } } };
}

/** Lark answers 200 with `code` != 0 on failure (e.g. 19021 for a bad signature). */
function checkLark(res: HttpResponse): DeliveryFailure | undefined {
  const bad = checkStatus(res);
  if (bad) return bad;
  const json = parseJson(res.text);
  if (json?.['code'] === 0) return undefined;
  return failure('ALERT_REJECTED', `code ${String(json?.['code'])}: ${String(json?.['msg'] ?? res.text.slice(0, 200))}`, {
    serviceCode: String(json?.['code']),
    status: res.status,
  });
}

/** Lark/Feishu custom bot; `timestamp` (seconds, as a string) and `sign` go in the body when signed. */
export function larkChannel(o: WebhookChannelOptions): Channel {
  return httpChannel({
    ...o,
    type: 'lark',
    secrets: [o.url, o.secret],
    buildRequest: (m, now) => {
      const body = renderLark(m);
      if (!o.secret) return { url: o.url, body: JSON.stringify(body) };
      const ts = Math.floor(now.getTime() / 1000);
      return { url: o.url, body: JSON.stringify({ timestamp: String(ts), sign: larkSign(o.secret, ts), ...body }) };
    },
    check: checkLark,
  });
}
