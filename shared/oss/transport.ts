import * as http from 'node:http';
import * as https from 'node:https';
import { OssNetworkError, OssTimeoutError } from './errors';

export interface HttpRequest {
  readonly operation: string;
  readonly method: string;
  /** Full URL including the encoded query. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Sends one HTTP request and buffers the whole answer. One attempt: no retries here. */
export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Closes kept-alive sockets. */
  destroy(): void;
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function networkError(request: HttpRequest, error: NodeJS.ErrnoException, reusedSocket: boolean): OssNetworkError {
  const code = typeof error.code === 'string' ? error.code : 'ENETWORK';
  // Node's socket messages name the address and the code, never request headers.
  return new OssNetworkError(request.operation, code, error.message, { cause: error, reusedSocket });
}

function readBody(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
    res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
  });
}

interface Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

function sendWith(agents: Agents, request: HttpRequest): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const lib = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? agents.https : agents.http;
    const headers: Record<string, string> = { ...request.headers, 'content-length': String(request.body?.length ?? 0) };
    const req = lib.request(url, { method: request.method, headers, agent });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    // One deadline for the whole attempt: connect, upload, headers and body.
    const timer = setTimeout(() => {
      finish(() => reject(new OssTimeoutError(request.operation, request.timeoutMs)));
      req.destroy();
    }, request.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(networkError(request, error, req.reusedSocket))));
    req.on('response', (res) => {
      readBody(res).then(
        (body) => finish(() => resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body })),
        (error: NodeJS.ErrnoException) => finish(() => reject(networkError(request, error, false))),
      );
    });
    req.end(request.body);
  });
}

/** A transport on Node's own http/https with one keep-alive agent per protocol. */
export function createNodeTransport(): Transport {
  const agents: Agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  return {
    send: (request) => sendWith(agents, request),
    destroy: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
