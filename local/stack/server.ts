/**
 * The stack's one HTTP server: the dashboard page and its JSON, the dashboard's rule buttons (pause,
 * resume, run a canary), the webhook inbox the policy's webhook channel posts to, and the endpoint the
 * emulator delivers bucket CloudEvents to. It answers only loopback hosts and same-site pages
 * (local/localOnly.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { refusalOf } from '../localOnly';
import { DASHBOARD_HTML } from './dashboard';
import type { WebhookInbox } from './inbox';
import { RULE_ACTIONS, ruleRefOf, type ActionAnswer, type RuleAction, type RuleRef } from './ruleActions';

export const ROUTES = { events: '/events', inbox: '/inbox', status: '/api/status', rules: '/api/rules/' } as const;
const MAX_BODY = 1024 * 1024;
const MAX_ACTION_BODY = 4096;

export interface ServerDeps {
  readonly inbox: WebhookInbox;
  /** Routes one emulator delivery to bucket-events; false when the emulator should retry it. */
  readonly onEvent: (body: Buffer) => Promise<boolean>;
  readonly status: () => Promise<unknown>;
  /** `POST /api/rules/<pause|resume|canary>` with `{"bucket", "ruleId"}`. */
  readonly onRuleAction: (action: RuleAction, rule: RuleRef) => Promise<ActionAnswer>;
  readonly onError: (what: string, error: unknown) => void;
}

function readBody(req: IncomingMessage, max: number = MAX_BODY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
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

const json = (res: ServerResponse, answer: ActionAnswer): void => send(res, answer.status, 'application/json', JSON.stringify(answer.body));

/**
 * A rule button. JSON only: a page of another site could send a form or text/plain POST without asking
 * first, but not JSON (the browser asks with a preflight this server never grants), besides the Origin
 * and Host checks every route has.
 */
async function ruleAction(req: IncomingMessage, res: ServerResponse, action: RuleAction, deps: ServerDeps): Promise<void> {
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return json(res, { status: 415, body: { error: 'send {"bucket", "ruleId"} as application/json' } });
  }
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, MAX_ACTION_BODY)).toString('utf8'));
  } catch {
    return json(res, { status: 400, body: { error: 'the body is not JSON (at most 4 KB)' } });
  }
  const ref = ruleRefOf(body);
  if (typeof ref === 'string') return json(res, { status: 400, body: { error: ref } });
  return json(res, await deps.onRuleAction(action, ref));
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://stack').pathname;
  const action = path.startsWith(ROUTES.rules) ? RULE_ACTIONS.find((a) => path === `${ROUTES.rules}${a}`) : undefined;
  if (req.method === 'POST' && action) return ruleAction(req, res, action, deps);
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
