import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Raw request target, e.g. `/bucket/key?x=1`. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly at: number;
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Destroy the socket instead of answering. */
  readonly reset?: boolean;
  /** Never answer. */
  readonly hang?: boolean;
}

export type Responder = (req: RecordedRequest, index: number) => Reply;

/** A tiny scripted HTTP server on 127.0.0.1 that records every request it receives. */
export interface LocalServer {
  readonly base: string;
  readonly requests: RecordedRequest[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

function answer(res: http.ServerResponse, req: http.IncomingMessage, reply: Reply): void {
  if (reply.reset) {
    req.socket.destroy();
    return;
  }
  if (reply.hang) return;
  res.statusCode = reply.status ?? 200;
  res.setHeader('x-oss-request-id', '5C3D9175B6FC201293AD0000');
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.end(reply.body ?? '');
}

export async function startLocalServer(): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => ({});
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      requests.push(recorded);
      answer(res, req, responder(recorded, requests.length - 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    respond: (r) => {
      responder = r;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function errorXml(fields: Record<string, string>): string {
  const children = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${children}</Error>`;
}
