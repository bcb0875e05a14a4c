/** The JSON admin API under `/_emulator/` on every port. Thin: parse, call EmulatorAdmin, answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OssServiceError } from '../errors';
import { readBody } from '../wire/readBody';
import type { EmulatorAdmin } from './admin';
import type { FaultSpec } from './faults';
import type { RequestLogFilter } from './requestLog';
import type { SkipSpec } from '../replication/skips';

export const ADMIN_PREFIX = '/_emulator/';

type Route = (admin: EmulatorAdmin, body: unknown, query: URLSearchParams) => unknown | Promise<unknown>;

const ruleRef = (body: unknown): { bucket: string; ruleId: string } => {
  const { bucket, ruleId } = (body ?? {}) as { bucket?: unknown; ruleId?: unknown };
  if (typeof bucket !== 'string' || typeof ruleId !== 'string') throw new AdminError(400, 'bucket and ruleId are required');
  return { bucket, ruleId };
};

function logFilter(q: URLSearchParams): RequestLogFilter {
  const pick = (name: string) => q.get(name) ?? undefined;
  const status = pick('status');
  return {
    method: pick('method'),
    operation: pick('operation'),
    bucket: pick('bucket'),
    key: pick('key'),
    region: pick('region'),
    errorCode: pick('errorCode'),
    since: pick('since'),
    ...(status ? { status: Number(status) } : {}),
  };
}

const ROUTES: Readonly<Record<string, Route>> = {
  'POST reset': (a, body) => a.reset({ subscriptions: (body as { subscriptions?: boolean } | undefined)?.subscriptions === true }),
  'GET requests': (a, _b, q) => a.requests(logFilter(q)),
  'DELETE requests': (a) => a.clearRequests(),
  'GET faults': (a) => a.faults(),
  'POST faults': (a, body) => a.addFault((body ?? {}) as FaultSpec),
  'DELETE faults': (a) => a.clearFaults(),
  'POST replication/pause': (a, body) => a.pauseReplication(ruleRef(body).bucket, ruleRef(body).ruleId),
  'POST replication/resume': (a, body) => a.resumeReplication(ruleRef(body).bucket, ruleRef(body).ruleId),
  'POST replication/tick': (a) => a.tick(),
  'GET replication/skips': (a) => a.replicationSkips(),
  'POST replication/skips': (a, body) => a.skipReplication((body ?? {}) as SkipSpec),
  'DELETE replication/skips': (a) => a.clearReplicationSkips(),
  'POST timings': (a, body) => a.setTimings((body ?? {}) as Parameters<EmulatorAdmin['setTimings']>[0]),
  'GET subscriptions': (a) => a.subscriptions(),
  'POST subscriptions': (a, body) => a.subscribe((body ?? {}) as Parameters<EmulatorAdmin['subscribe']>[0]),
  'DELETE subscriptions': (a) => a.clearSubscriptions(),
  'GET deliveries': (a) => a.deliveries(),
  'POST events/flush': (a) => a.flushEvents(),
  'GET state': (a) => a.state(),
};

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AdminError(400, 'body is not valid JSON');
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload ?? { ok: true });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** 403 for a request the admin API must not answer (local/localOnly.ts); its body is read and dropped. */
export async function refuseAdminRequest(req: IncomingMessage, res: ServerResponse, reason: string): Promise<void> {
  await readBody(req, 1024 * 1024);
  send(res, 403, { error: `admin API: ${reason}` });
}

export async function handleAdminRequest(req: IncomingMessage, res: ServerResponse, admin: EmulatorAdmin): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const route = ROUTES[`${req.method ?? 'GET'} ${url.pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, '')}`];
  const { body } = await readBody(req, 1024 * 1024);
  if (!route) return send(res, 404, { error: `no admin route ${req.method} ${url.pathname}` });
  try {
    send(res, 200, await route(admin, parseJson(body), url.searchParams));
  } catch (error) {
    if (error instanceof AdminError) return send(res, error.status, { error: error.message });
    if (error instanceof OssServiceError) return send(res, error.status, { error: error.message, code: error.code });
    send(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}
