import { failure } from '../errors';
import { escapeSlack, plainLine } from '../render/escape';
import { toDoc, type DocSection } from '../render/model';
import { truncateChars } from '../render/truncate';
import type { AlertMessage, Channel, DeliveryFailure } from '../types';
import { checkStatus, type HttpResponse } from './http';
import { httpChannel, type WebhookChannelOptions } from './httpChannel';

/** Block Kit limits: header text 150, section text 3000, 50 blocks per message. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const MAX_BLOCKS = 50;

export type SlackBlock =
  | { readonly type: 'header'; readonly text: { readonly type: 'plain_text'; readonly text: string } }
  | { readonly type: 'section'; readonly text: { readonly type: 'mrkdwn'; readonly text: string; readonly verbatim: true } }
  | { readonly type: 'context'; readonly elements: Array<{ readonly type: 'mrkdwn'; readonly text: string }> };

export interface SlackBody {
  /** Notification fallback and what clients without blocks show. */
  readonly text: string;
  readonly blocks: SlackBlock[];
}

function sectionText(s: DocSection): string {
  const lines = s.lines.map((l) => (l.label ? `*${escapeSlack(l.label)}:* ${escapeSlack(l.text)}` : escapeSlack(l.text)));
  return truncateChars(`*${escapeSlack(s.heading)}*\n${lines.join('\n')}`, SECTION_MAX);
}

/**
 * Slack incoming-webhook body: a header, one section per incident or rule, and a fallback `text` (which
 * Slack also reads as mrkdwn, so it is escaped too). `verbatim` stops Slack from turning a bare URL or a
 * channel name inside a value into a link.
 */
export function renderSlack(message: AlertMessage): SlackBody {
  const doc = toDoc(message);
  const sections = doc.sections.map((s): SlackBlock => ({
    type: 'section',
    text: { type: 'mrkdwn', text: sectionText(s), verbatim: true },
  }));
  const room = MAX_BLOCKS - 2;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateChars(plainLine(doc.title), HEADER_MAX) } },
    ...sections.slice(0, room),
  ];
  if (sections.length > room) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${sections.length - room} more` }] });
  const first = doc.sections[0]?.lines[0]?.text;
  const fallback = first && doc.sections.length === 1 ? `${doc.title}: ${first}` : doc.title;
  return { text: truncateChars(escapeSlack(fallback), SECTION_MAX), blocks };
}

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
