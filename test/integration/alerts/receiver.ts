import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface Reply {
  readonly status?: number;
  readonly body?: string | object;
  /** Never answer (to exercise timeouts). */
  readonly hang?: boolean;
}

export type Handler = (req: Received) => Reply;

/** A loopback HTTP server that records every request and answers through per-path handlers. */
export class Receiver {
  readonly requests: Received[] = [];
  private readonly handlers = new Map<string, Handler>();
  private server?: Server;
  private base = '';

  on(path: string, handler: Handler): this {
    this.handlers.set(path, handler);
    return this;
  }

  url(pathAndQuery: string): string {
    return `${this.base}${pathAndQuery}`;
  }

  hits(path: string): Received[] {
    return this.requests.filter((r) => r.url.pathname === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const received: Received = {
      method: req.method ?? '',
      url: new URL(req.url ?? '/', this.base),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(received);
    const handler = this.handlers.get(received.url.pathname);
    const reply = handler ? handler(received) : { status: 404, body: 'no handler' };
    if (reply.hang) return;
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { 'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json' });
    res.end(body);
  }
}
