/**
 * The stack's one HTTP server: the dashboard page and its JSON, the webhook inbox the policy's
 * webhook channel posts to, and the endpoint the emulator delivers bucket CloudEvents to. It answers
 * only loopback hosts and same-site pages (local/localOnly.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { refusalOf } from '../localOnly';
import { DASHBOARD_HTML } from './dashboard';
import type { WebhookInbox } from './inbox';

export const ROUTES = { events: '/events', inbox: '/inbox', status: '/api/status' } as const;
const MAX_BODY = 1024 * 1024;

export interface ServerDeps {
  readonly inbox: WebhookInbox;
  /** Routes one emulator delivery to bucket-events; false when the emulator should retry it. */
  readonly onEvent: (body: Buffer) => Promise<boolean>;
  readonly status: () => Promise<unknown>;
  readonly onError: (what: string, error: unknown) => void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://stack').pathname;
  if (req.method === 'GET' && (path === '/' || path === '/index.html')) return send(res, 200, 'text/html; charset=utf-8', DASHBOARD_HTML);
  if (req.method === 'GET' && path === ROUTES.status) return send(res, 200, 'application/json', JSON.stringify(await deps.status()));
  if (req.method === 'POST' && path === ROUTES.inbox) {
    deps.inbox.receive((await readBody(req)).toString('utf8'));
    return send(res, 200, 'application/json', '{"ok":true}');
  }
  if (req.method === 'POST' && path === ROUTES.events) {
    // Like FC's async invocation: a transient failure is retried, here by the emulator's delivery
    // retries, which only stop on a 2xx.
    const done = await deps.onEvent(await readBody(req));
    return done ? send(res, 200, 'application/json', '{"ok":true}') : send(res, 503, 'application/json', '{"ok":false,"retry":true}');
  }
  send(res, 404, 'text/plain', 'not found');
}

export function createStackServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    // Every route: the dashboard shows the emulator's keys, the inbox and events endpoints drive alerts and ensure.
    const refusal = refusalOf(req.headers);
    if (refusal) {
      req.resume();
      return send(res, 403, 'application/json', JSON.stringify({ error: `local stack: ${refusal}` }));
    }
    route(req, res, deps).catch((error: unknown) => {
      deps.onError(`${req.method} ${req.url}`, error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.end();
    });
  });
}

export { close, listen } from '../serverLifecycle';
