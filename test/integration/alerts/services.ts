import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Handler, Received } from './receiver';

/**
 * Stand-ins for the real services: each checks credentials and signatures the way the service documents
 * it (reference/alerts.md), computed here independently of the code under test.
 */

const HOUR_MS = 3600_000;

function json(body: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function sameBase64(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** DingTalk robot: `access_token`, then `timestamp` (ms, within an hour) and `sign` in the query. */
export function dingtalkService(token: string, secret: string): Handler {
  return (r: Received) => {
    if (r.url.searchParams.get('access_token') !== token) return { body: { errcode: 300001, errmsg: 'token is not exist' } };
    const ts = Number(r.url.searchParams.get('timestamp'));
    if (!Number.isFinite(ts) || Math.abs(Date.now() - ts) > HOUR_MS) return { body: { errcode: 310000, errmsg: 'invalid timestamp' } };
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    if (!sameBase64(r.url.searchParams.get('sign') ?? '', expected)) return { body: { errcode: 310000, errmsg: 'sign not match' } };
    const body = json(r.body);
    if (body?.['msgtype'] !== 'markdown') return { body: { errcode: 40035, errmsg: 'missing msgtype' } };
    return { body: { errcode: 0, errmsg: 'ok' } };
  };
}

/** Lark bot: `timestamp` (seconds, string) and `sign` in the JSON body; the key is "<ts>\n<secret>". */
export function larkService(secret: string): Handler {
  return (r: Received) => {
    const body = json(r.body);
    const ts = Number(body?.['timestamp']);
    if (typeof body?.['timestamp'] !== 'string' || Math.abs(Date.now() / 1000 - ts) > 3600)
      return { body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
    const expected = createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64');
    if (!sameBase64(String(body['sign'] ?? ''), expected)) return { body: { code: 19021, msg: 'sign match fail' } };
    if (body['msg_type'] !== 'post') return { body: { code: 9499, msg: 'Bad Request' } };
    return { body: { code: 0, msg: 'success', data: {} } };
  };
}

/** WeCom robot: the `key` is the credential; markdown content at most 4096 bytes. */
export function wecomService(key: string): Handler {
  return (r: Received) => {
    if (r.url.searchParams.get('key') !== key) return { body: { errcode: 93000, errmsg: 'invalid webhook url' } };
    const content = (json(r.body)?.['markdown'] as { content?: string } | undefined)?.content ?? '';
    if (Buffer.byteLength(content) > 4096) return { body: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' } };
    return { body: { errcode: 0, errmsg: 'ok' } };
  };
}

/** Slack: literal `ok`, or 400 `no_text` when the fallback text is missing. */
export function slackService(): Handler {
  return (r: Received) => (typeof json(r.body)?.['text'] === 'string' ? { body: 'ok' } : { status: 400, body: 'no_text' });
}

/** Our webhook: `X-Autopilot-Signature: t=<s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function signedWebhookService(secret: string): Handler {
  return (r: Received) => {
    const header = String(r.headers['x-autopilot-signature'] ?? '');
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    if (!m) return { status: 401, body: 'missing signature' };
    const expected = createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest('hex');
    if (m[2] !== expected || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return { status: 401, body: 'bad signature' };
    return { status: 204, body: '' };
  };
}

function popEncode(s: string): string {
  return encodeURIComponent(s).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
}

/** CloudMonitor RPC endpoint: checks the HMAC-SHA1 RPC signature over the form body and answers Code 200. */
export function cloudMonitorService(accessKeySecret: string): Handler {
  return (r: Received) => {
    const params = new URLSearchParams(r.body);
    const canonical = [...params.entries()]
      .filter(([k]) => k !== 'Signature')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`)
      .join('&');
    const expected = createHmac('sha1', `${accessKeySecret}&`)
      .update(`POST&%2F&${popEncode(canonical)}`)
      .digest('base64');
    if (params.get('Signature') !== expected)
      return { status: 400, body: { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' } };
    return { body: { Code: '200', Message: 'success', RequestId: 'req-1' } };
  };
}
