import * as http from 'node:http';
import * as https from 'node:https';
import { MAX_RESPONSE_BYTES } from './constants';
import { OssNetworkError, OssResponseTooLargeError, OssTimeoutError } from './errors';

export interface HttpRequest {
  readonly operation: string;
  readonly method: string;
  /** Full URL including the encoded query. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly timeoutMs: number;
  /** The most of the answer body read; MAX_RESPONSE_BYTES when omitted. */
  readonly maxBodyBytes?: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Sends one HTTP request and buffers the answer, up to its size cap. One attempt: no retries here. */
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

/**
 * Buffers the body up to `limit` bytes. Over it (announced by Content-Length, or seen while streaming)
 * reading stops and `onTooLarge` runs, which destroys the socket: the rest is never read.
 */
function readBody(res: http.IncomingMessage, limit: number, onTooLarge: (announced?: number) => void, head: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A HEAD answer's Content-Length is the object's size; no body follows it.
    const announced = head ? NaN : Number(res.headers['content-length']);
    if (Number.isFinite(announced) && announced > limit) return onTooLarge(announced);
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return onTooLarge();
      chunks.push(chunk);
    });
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
    const limit = request.maxBodyBytes ?? MAX_RESPONSE_BYTES;
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
      const tooLarge = (announced?: number): void => {
        finish(() => reject(new OssResponseTooLargeError(request.operation, limit, announced)));
        res.destroy();
        req.destroy();
      };
      readBody(res, limit, tooLarge, request.method.toUpperCase() === 'HEAD').then(
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
