import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request exactly as it arrived on the wire. */
export interface CapturedRequest {
  readonly method: string;
  /** Raw request target: percent-encoded path and query. */
  readonly url: string;
  /** Node lower-cases incoming header names. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface CaptureServer {
  readonly endpoint: string;
  readonly requests: CapturedRequest[];
  close(): Promise<void>;
}

const OK_BODY = '<?xml version="1.0" encoding="UTF-8"?><Ok/>';

function flatten(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

/** A loopback server on an ephemeral port that records every request and answers 200 with a tiny XML body. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '/', headers: flatten(req) });
      res.writeHead(200, { 'content-type': 'application/xml', 'x-oss-request-id': '000000000000000000000000' });
      res.end(OK_BODY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
