import { renderCloudMonitorEvents, renderCloudMonitorMetrics } from '../../../shared/alerts/channels/cloudmonitor';
import { renderDingtalk } from '../../../shared/alerts/channels/dingtalk';
import { renderLark } from '../../../shared/alerts/channels/lark';
import { renderSlack } from '../../../shared/alerts/channels/slack';
import { renderWebhook } from '../../../shared/alerts/channels/webhook';
import { renderWecom, WECOM_MAX_MARKDOWN_BYTES } from '../../../shared/alerts/channels/wecom';
import type { AlertMessage, Digest } from '../../../shared/alerts/types';
import type { DigestRow } from '../../../shared/progress';
import { minute, notification, rule } from './fixtures';

const opened: AlertMessage = { kind: 'notification', notification: notification('opened') };
const resolved: AlertMessage = { kind: 'notification', notification: notification('resolved') };
const retired: AlertMessage = { kind: 'notification', notification: notification('retired') };

const row = (i: number): DigestRow => ({
  rule: { ...rule, bucket: `src-bucket-${i}`, ruleId: `autopilot-rule-${i}` },
  status: 'doing',
  backfill: 0.5,
  eta: { kind: 'estimated', seconds: 3600, at: minute(60).toISOString() },
  lagSeconds: 42,
  lastCanary: { ok: true, at: minute(0).toISOString(), latencySeconds: 8 },
  findings: [],
});
const digest = (n: number): Digest => ({ at: minute(10).toISOString(), rows: Array.from({ length: n }, (_, i) => row(i)) });

/** Every human-facing rendering of a notification, as text. */
const renderings: Array<[string, (m: AlertMessage) => string]> = [
  ['dingtalk', (m) => renderDingtalk(m).markdown.text],
  ['wecom', (m) => renderWecom(m).markdown.content],
  ['lark', (m) => JSON.stringify(renderLark(m))],
  ['slack', (m) => JSON.stringify(renderSlack(m).blocks)],
  [
    'cloudmonitor',
    (m) =>
      renderCloudMonitorEvents(m)
        .map((e) => e.Content)
        .join(),
  ],
];

describe.each(renderings)('%s rendering of an incident', (_name, render) => {
  it('names the buckets, regions, rule id and the diagnosis', () => {
    const text = render(opened);
    for (const word of ['src-bucket', 'src-bucket-dr', 'cn-hangzhou', 'cn-beijing', 'autopilot-dr-1', 'stuck at 42.0%']) {
      expect(text).toContain(word);
    }
  });
});

describe.each(renderings.slice(0, 4))('%s rendering of a recovery', (_name, render) => {
  it('says the incident is resolved', () => {
    expect(render(resolved)).toMatch(/RESOLVED|Recovered/);
  });
});

describe.each(renderings.slice(0, 4))('%s rendering of a retirement (source bucket deleted)', (_name, render) => {
  it('says the bucket is no longer managed and never claims a recovery', () => {
    const text = render(retired);
    expect(text).toContain('NO LONGER MANAGED');
    expect(text).toContain('Source bucket deleted');
    expect(text).not.toMatch(/RESOLVED|Recovered/);
  });
});

describe('dingtalk', () => {
  it('renders a markdown message whose title is the incident headline', () => {
    const body = renderDingtalk(opened);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('[ALERT] Backfill stalled: src-bucket → src-bucket-dr');
  });
});

describe('wecom', () => {
  it('truncates a digest over 4096 bytes without splitting a character and says so', () => {
    const big = digest(80);
    const content = renderWecom({ kind: 'digest', digest: { ...big, title: '复制进度' } }).markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(WECOM_MAX_MARKDOWN_BYTES);
    expect(content).toMatch(/…\(truncated\)$/);
    expect(content).not.toContain('\uFFFD');
  });

  it('leaves a small message untouched', () => {
    expect(renderWecom(opened).markdown.content).not.toContain('truncated');
  });
});

describe('lark', () => {
  it('renders a post with the title in zh_cn and one element list per line', () => {
    const body = renderLark(opened);
    expect(body.msg_type).toBe('post');
    expect(body.content.post.zh_cn.title).toContain('Backfill stalled');
    expect(body.content.post.zh_cn.content.every((line) => line.every((e) => e.tag === 'text'))).toBe(true);
  });
});

describe('slack', () => {
  it('gives a plain-text fallback alongside the blocks', () => {
    const body = renderSlack(opened);
    expect(body.text).toContain('Backfill stalled');
    expect(body.blocks[0]).toMatchObject({ type: 'header' });
  });

  it('escapes Slack control characters in content', () => {
    const n = notification('opened');
    const m: AlertMessage = { kind: 'notification', notification: { ...n, incident: { ...n.incident, summary: 'a <b> & c' } } };
    expect(JSON.stringify(renderSlack(m).blocks)).toContain('a &lt;b&gt; &amp; c');
  });

  it('stays within 50 blocks for a large digest', () => {
    expect(renderSlack({ kind: 'digest', digest: digest(120) }).blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('digest', () => {
  it('has one entry per rule with status, backfill, ETA, lag and last canary', () => {
    const text = renderDingtalk({ kind: 'digest', digest: digest(2) }).markdown.text;
    expect(text).toContain('src-bucket-0 (cn-hangzhou) → src-bucket-dr (cn-beijing)');
    expect(text).toContain('src-bucket-1 (cn-hangzhou) → src-bucket-dr (cn-beijing)');
    expect(text).toContain('50.0% (ETA 1 h)');
    expect(text).toContain('**Lag:** 42 s');
    expect(text).toContain('ok 10 min ago (latency 8 s)');
  });
});

describe('webhook', () => {
  it('renders structured JSON with an event type and the notification', () => {
    const body = renderWebhook(opened);
    expect(body).toMatchObject({ version: 1, type: 'incident.opened', notifications: [{ incident: { rule } }] });
  });

  it('gives a retirement its own event type, so receivers do not read it as a recovery', () => {
    expect(renderWebhook(retired).type).toBe('incident.retired');
  });

  it('renders a batch as one incident.batch body carrying every notification', () => {
    const body = renderWebhook({ kind: 'batch', notifications: [notification(), notification('resolved')] });
    expect(body.type).toBe('incident.batch');
    expect(body.notifications).toHaveLength(2);
  });
});

describe('cloudmonitor', () => {
  it('names events after the finding kind and sends time in unix milliseconds', () => {
    const [e] = renderCloudMonitorEvents(opened, '123');
    expect(e).toMatchObject({ EventName: 'ReplicationBackfillStalled', GroupId: '123', Time: String(Date.parse(notification().at)) });
    expect(JSON.parse(e!.Content)).toMatchObject({ type: 'opened', bucket: 'src-bucket', ruleId: 'autopilot-dr-1' });
  });

  it('names a retirement event with its own suffix', () => {
    expect(renderCloudMonitorEvents(retired)[0]!.EventName).toBe('ReplicationBackfillStalledRetired');
  });

  it('emits lag, backfill, canary success and latency metrics with bucket and rule dimensions', () => {
    const items = renderCloudMonitorMetrics(digest(1));
    expect(items.map((i) => [i.MetricName, JSON.parse(i.Values).value])).toEqual([
      ['replication_lag_seconds', 42],
      ['historical_progress', 0.5],
      ['canary_success', 1],
      ['canary_latency_seconds', 8],
    ]);
    expect(JSON.parse(items[0]!.Dimensions)).toEqual({ src: 'src-bucket-0', dst: 'src-bucket-dr', rule: 'autopilot-rule-0' });
  });
});
