/**
 * A loopback alert inbox that checks signatures the way the real services define them: our webhook's
 * `X-Autopilot-Signature` (HMAC-SHA256 over `t.body`, fresh timestamp) and DingTalk's `timestamp` +
 * `sign` query (HMAC-SHA256 of `timestamp\nsecret`, ms, at most an hour old). A request with a bad
 * signature is answered as the service would (401 / errcode 310000) and not counted as received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dingtalkSign, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../../shared/alerts';

export const HOOK_SECRET = 'whsec-e2e-0123456789';
export const DING_SECRET = 'SEC-e2e-ding-abcdef';

export type Mode = 'ok' | 'fail500' | 'hang';

export interface Delivered {
  readonly channel: 'hook' | 'ding';
  readonly body: Record<string, unknown>;
  readonly text: string;
}

export class Inbox {
  readonly delivered: Delivered[] = [];
  /** Requests refused because the signature did not verify. */
  rejected = 0;
  /** Requests answered with a failure or left hanging on purpose. */
  failedOnPurpose = 0;
  readonly mode: Record<'hook' | 'ding', Mode> = { hook: 'ok', ding: 'ok' };
  private server?: Server;
  private base = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  env(): Record<string, string> {
    return { HOOK_URL: `${this.base}/hook`, HOOK_SECRET, DING_URL: `${this.base}/robot/send?access_token=e2e-token`, DING_SECRET };
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Messages for one channel that mention `needle` (e.g. a bucket name). */
  about(channel: 'hook' | 'ding', needle: string): Delivered[] {
    return this.delivered.filter((d) => d.channel === channel && d.text.includes(needle));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const channel = url.pathname === '/hook' ? 'hook' : 'ding';
    if (!this.signed(channel, req, url, raw)) {
      this.rejected += 1;
      return reply(
        res,
        channel === 'hook' ? 401 : 200,
        channel === 'hook' ? { error: 'bad signature' } : { errcode: 310000, errmsg: 'sign not match' },
      );
    }
    const mode = this.mode[channel];
    if (mode !== 'ok') {
      this.failedOnPurpose += 1;
      if (mode === 'hang') return;
      return reply(res, 500, { error: 'internal' });
    }
    this.delivered.push({ channel, body: JSON.parse(raw) as Record<string, unknown>, text: raw });
    reply(res, 200, channel === 'hook' ? { ok: true } : { errcode: 0, errmsg: 'ok' });
  }

  private signed(channel: 'hook' | 'ding', req: IncomingMessage, url: URL, raw: string): boolean {
    if (channel === 'hook')
      return verifyWebhookSignature(
        HOOK_SECRET,
        req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string | undefined,
        raw,
        new Date(),
      );
    const timestamp = Number(url.searchParams.get('timestamp'));
    const fresh = Number.isInteger(timestamp) && Math.abs(Date.now() - timestamp) < 3_600_000;
    return (
      fresh && url.searchParams.get('access_token') === 'e2e-token' && url.searchParams.get('sign') === dingtalkSign(DING_SECRET, timestamp)
    );
  }
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
