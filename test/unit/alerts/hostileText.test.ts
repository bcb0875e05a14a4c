/**
 * Object keys are chosen by whoever may PutObject on a source bucket, and the parity finding names up
 * to five of them. Each channel must show such a key as text: no link, emphasis, heading, list, mention
 * or HTML of its own, no extra line, while the key still reads as written.
 */
import { renderCloudMonitorEvents } from '../../../shared/alerts/channels/cloudmonitor';
import { renderDingtalk } from '../../../shared/alerts/channels/dingtalk';
import { renderLark } from '../../../shared/alerts/channels/lark';
import { renderSlack } from '../../../shared/alerts/channels/slack';
import { renderWebhook } from '../../../shared/alerts/channels/webhook';
import { renderWecom } from '../../../shared/alerts/channels/wecom';
import { escapeMarkdown } from '../../../shared/alerts/render/escape';
import type { AlertMessage } from '../../../shared/alerts/types';
import { printable } from '../../../shared/log';
import { parityGap, type EvaluateProgressInput, type Finding } from '../../../shared/progress';
import { incident, minute, rule } from './fixtures';

const HOSTILE = {
  link: 'x](https://evil.example/login) **URGENT: re-enter your AccessKey at [console](https://evil.example)**',
  emphasis: '_italic_ *bold* ~~struck~~ __under__',
  mentions: '<@all> <!channel> <!here> <at user_id="all">everyone</at> @all',
  html: '<font color="warning">FAKE</font><a href="https://evil.example">x</a><img src="https://evil.example/p.png">',
  lines: 'a\n# FAKE HEADING\n- fake item\n> fake quote\n1. fake step\n===',
  code: 'a`b` c``d ```e',
  bareUrl: 'see https://evil.example or www.evil.example',
};

function parityMessage(keys: readonly string[]): AlertMessage {
  const input: EvaluateProgressInput = {
    rule,
    history: [],
    now: minute(0),
    thresholds: { stalledAfterMinutes: 30, maxLagSeconds: 900, startingTooLongMinutes: 30 },
    canaryWindowHours: 24,
    parity: {
      pass: 'last',
      passStartedAt: minute(-60).toISOString(),
      matched: 10,
      missing: keys.length,
      different: 0,
      unreplicable: 0,
      sampleKeys: keys,
    },
  };
  const f = parityGap(input) as Finding;
  const i = incident({ key: f.key, kind: f.kind, severity: f.severity, summary: f.summary, hint: f.hint, facts: f.facts });
  return { kind: 'notification', notification: { type: 'opened', at: minute(0).toISOString(), incident: i } };
}

const hostile = (key: string) => parityMessage([key]);
const benign = parityMessage(['photos/cat.jpg']);

/** What a CommonMark renderer shows for escaped text: backslash escapes and the three entities undone. */
function shownText(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The markdown with the renderer's own markup taken out: bold labels, headings, the quote, WeCom's colours. */
function withoutOwnMarkup(markdown: string): string {
  return markdown
    .replace(/^\*\*[A-Za-z ]+:\*\* /gm, '')
    .replace(/^#{1,4} /gm, '')
    .replace(/^> /gm, '')
    .replace(/<font color="(info|comment|warning)">|<\/font>/g, '');
}

const markdowns: Array<[string, (m: AlertMessage) => string]> = [
  ['dingtalk', (m) => renderDingtalk(m).markdown.text],
  ['wecom', (m) => renderWecom(m).markdown.content],
];

describe.each(markdowns)('%s markdown with a hostile key', (_name, render) => {
  it.each(Object.entries(HOSTILE))('adds no markup of its own (%s)', (_kind, key) => {
    const rest = withoutOwnMarkup(render(hostile(key)));
    // Unescaped markdown or HTML openers: a link or image bracket, emphasis, code, a tag or entity.
    expect(rest).not.toMatch(/(?<!\\)[[\]*_~`<>]/);
    expect(rest).not.toMatch(/(?<!\\):\/\/|(?<!\\)www\./i);
  });

  it.each(Object.entries(HOSTILE))('still reads as the key (%s)', (_kind, key) => {
    expect(shownText(render(hostile(key)))).toContain(printable(key));
  });

  it('gets no line of its own from line breaks in a key, so it cannot start a heading, list or quote', () => {
    const lines = render(hostile(HOSTILE.lines)).split('\n');
    expect(lines).toHaveLength(render(benign).split('\n').length);
    expect(lines.filter((l) => /^\s*(#|-|\d+\.|>|===)/.test(l))).toEqual(lines.filter((l) => /^(#{1,4} |> )/.test(l)));
  });

  it('keeps its own formatting: the heading and the bold labels', () => {
    const text = render(hostile(HOSTILE.link));
    expect(text).toMatch(/^#{1,4} .*Objects missing at the destination/m);
    expect(text).toContain('**Severity:**');
  });
});

describe('dingtalk with a hostile key', () => {
  it('never mentions anyone: the body asks for no @all and names no one', () => {
    expect(renderDingtalk(hostile(HOSTILE.mentions)).at).toEqual({ isAtAll: false });
  });
});

describe('slack with a hostile key', () => {
  const texts = (m: AlertMessage): string[] => {
    const body = renderSlack(m);
    return [body.text, ...body.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : []))];
  };

  it.each(['link', 'mentions', 'html'] as const)('leaves no <, > or a raw mention in the blocks or the fallback text (%s)', (kind) => {
    for (const text of texts(hostile(HOSTILE[kind]))) {
      expect(text).not.toMatch(/[<>]/);
      expect(text).not.toContain('<!channel>');
    }
  });

  it('shows a mention as text: &lt;!channel&gt;', () => {
    expect(texts(hostile(HOSTILE.mentions)).join()).toContain('&lt;!channel&gt;');
  });

  it('escapes the fallback text too, which Slack reads as mrkdwn in notifications', () => {
    expect(renderSlack(hostile(HOSTILE.mentions)).text).toContain('&lt;@all&gt;');
  });

  it('asks Slack not to link bare URLs or channel names inside values (verbatim)', () => {
    const sections = renderSlack(hostile(HOSTILE.bareUrl)).blocks.filter((b) => b.type === 'section');
    expect(sections.map((s) => s.type === 'section' && s.text.verbatim)).toEqual([true]);
  });

  it('gets no line of its own from line breaks in a key', () => {
    const lineCount = (m: AlertMessage) => texts(m).join('\n').split('\n').length;
    expect(lineCount(hostile(HOSTILE.lines))).toBe(lineCount(benign));
  });
});

describe('lark with a hostile key', () => {
  it('keeps it in text elements, as plain text: no link or mention element appears', () => {
    const content = renderLark(hostile(HOSTILE.mentions)).content.post.zh_cn.content;
    expect(content.flat().map((e) => e.tag)).toEqual(content.flat().map(() => 'text'));
    expect(JSON.stringify(content)).toContain('<at user_id=\\"all\\">everyone</at>');
  });

  it('gets no line of its own from line breaks in a key', () => {
    const content = renderLark(hostile(HOSTILE.lines)).content.post.zh_cn.content;
    expect(content.flat().filter((e) => /[\n\r]/.test(e.text))).toEqual([]);
    expect(content).toHaveLength(renderLark(benign).content.post.zh_cn.content.length);
  });
});

describe('webhook and cloudmonitor with a hostile key', () => {
  it('keeps the webhook text to one plain line', () => {
    const body = renderWebhook({ kind: 'digest', digest: { at: minute(0).toISOString(), title: 'a\nFAKE: all clear', rows: [] } });
    expect(body.text).toBe('a\\nFAKE: all clear: 0 rule(s), 0 with problems');
  });

  it('carries the key unchanged as data: in the webhook notification and in the CloudMonitor event JSON', () => {
    const m = hostile(HOSTILE.lines);
    const body = renderWebhook(m);
    const [event] = renderCloudMonitorEvents(m);
    expect(body.notifications?.[0]?.incident.summary).toContain(HOSTILE.lines);
    expect((JSON.parse(event!.Content) as { summary: string }).summary).toContain(HOSTILE.lines);
  });
});

describe('escapeMarkdown, for a value that starts a line', () => {
  it.each([
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['12. step', '12\\. step'],
    ['1) step', '1\\) step'],
    ['===', '\\==='],
    ['> quote', '&gt; quote'],
  ])('keeps %j from opening a block', (value, escaped) => {
    expect(escapeMarkdown(value)).toBe(escaped);
  });

  it('leaves numbers, dashes and dots that open nothing as they are', () => {
    const plain = ['50.0% (ETA 1 h)', '-5 objects', 'src-bucket-0 (cn-hangzhou) → src-bucket-dr (cn-beijing)', '#hashtag'];
    expect(plain.map(escapeMarkdown)).toEqual(plain);
  });
});
