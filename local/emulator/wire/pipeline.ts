/**
 * One OSS request from socket to answer: read, address, route, inject faults, authenticate,
 * check the endpoint, run the operation, answer (errors as OSS XML, never a crash), log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultDecision, FaultInjector } from '../admin/faults';
import type { RequestLog } from '../admin/requestLog';
import { sleep } from '../../../shared/retry';
import { crossSiteRefusal } from '../../localOnly';
import { OssErrors, OssServiceError } from '../errors';
import type { OperationContext, Services } from '../operations/context';
import { OPERATIONS } from '../operations/registry';
import { newRequestId } from '../util/ids';
import { resolveAddress } from './addressing';
import type { CredentialStore } from './auth';
import { authenticate } from './auth';
import { readBody } from './readBody';
import type { WireRequest } from './request';
import { flattenHeaders, parseQuery } from './request';
import { sendError, sendResult } from './respond';
import type { OperationName } from './route';
import { resolveOperation } from './route';

export interface PipelineDeps {
  readonly svc: Services;
  readonly credentials: CredentialStore;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  readonly maxBodyBytes: number;
  /** Answer AccessDenied (wrong endpoint) for a bucket addressed through another region's port. */
  readonly enforceBucketRegion: boolean;
  /** Where unexpected handler errors are reported (never with request secrets). */
  readonly onInternalError: (error: unknown, operation: string) => void;
}

/** Operations a bucket may be addressed for through any region's endpoint. */
const ANY_ENDPOINT: ReadonlySet<OperationName> = new Set(['ListBuckets', 'PutBucket', 'GetBucketLocation']);

interface Exchange {
  readonly req: WireRequest;
  operation: string;
  /** The path had a malformed escape: answered with InvalidArgument, still with a request id. */
  readonly badUri?: boolean;
  fault?: 'error' | 'reset' | 'latency';
}

export async function handleOssRequest(raw: IncomingMessage, res: ServerResponse, region: string, deps: PipelineDeps): Promise<void> {
  const started = Date.now();
  const { body, tooLarge } = await readBody(raw, deps.maxBodyBytes);
  const ex = exchange(raw, region, body, deps.svc.clock().getTime());
  const meta = { requestId: ex.req.requestId, method: ex.req.method, now: ex.req.receivedAt, hostId: ex.req.host };
  let status: number;
  let errorCode: string | undefined;
  try {
    if (tooLarge) throw OssErrors.entityTooLarge(deps.maxBodyBytes);
    const result = await run(ex, raw, deps);
    if (result === 'reset') return logEntry(deps, ex, 0, started, 'ConnectionReset');
    sendResult(res, result, meta);
    status = result.status;
  } catch (error) {
    const ossError = asOssError(error, ex.operation, deps);
    sendError(res, ossError, meta);
    status = ossError.status;
    errorCode = ossError.code;
  }
  logEntry(deps, ex, status, started, errorCode);
}

function exchange(raw: IncomingMessage, region: string, body: Buffer, now: number): Exchange {
  const url = raw.url ?? '/';
  const q = url.indexOf('?');
  const headers = flattenHeaders(raw.headers);
  const base = {
    method: (raw.method ?? 'GET').toUpperCase(),
    host: headers.host ?? '',
    headers,
    body,
    region,
    requestId: newRequestId(),
    receivedAt: now,
  };
  try {
    const address = resolveAddress(base.host, q < 0 ? url : url.slice(0, q));
    const query = parseQuery(q < 0 ? '' : url.slice(q + 1));
    return {
      req: { ...base, query, ...(address.bucket ? { bucket: address.bucket } : {}), ...(address.key ? { key: address.key } : {}) },
      operation: 'Unknown',
    };
  } catch {
    return { req: { ...base, query: [] }, operation: 'Unknown', badUri: true };
  }
}

async function run(ex: Exchange, raw: IncomingMessage, deps: PipelineDeps) {
  if (ex.badUri) throw OssErrors.invalidArgument('The request URI is not valid.');
  // Virtual hosts are DNS names, so only the Origin half of the local-only rule applies here: the
  // default credentials are public, and a page of another site must not use them (README).
  if (crossSiteRefusal(ex.req.headers))
    throw OssErrors.accessDenied('The emulator does not answer requests from a web page of another site.');
  const operation = resolveOperation(ex.req);
  ex.operation = operation;
  const decision = deps.faults.decide({ operation, bucket: ex.req.bucket, region: ex.req.region });
  if (await applyFault(ex, raw, decision)) return 'reset' as const;
  const now = new Date(ex.req.receivedAt);
  authenticate(ex.req, deps.credentials, now);
  checkEndpoint(ex.req, operation, deps);
  const ctx: OperationContext = { req: ex.req, svc: deps.svc, now: ex.req.receivedAt };
  return OPERATIONS[operation](ctx);
}

/** Returns true when the connection was reset (nothing more may be written). */
async function applyFault(ex: Exchange, raw: IncomingMessage, d: FaultDecision): Promise<boolean> {
  if (d.latencyMs > 0) {
    ex.fault = 'latency';
    await sleep(d.latencyMs);
  }
  if (d.reset) {
    ex.fault = 'reset';
    raw.socket.destroy();
    return true;
  }
  if (d.error) {
    ex.fault = 'error';
    throw OssErrors.injected(d.error.code, d.error.status);
  }
  return false;
}

function checkEndpoint(req: WireRequest, operation: OperationName, deps: PipelineDeps): void {
  if (!deps.enforceBucketRegion || ANY_ENDPOINT.has(operation) || req.bucket === undefined) return;
  const bucket = deps.svc.store.find(req.bucket);
  if (bucket && bucket.region !== req.region) throw OssErrors.wrongEndpoint(`oss-${bucket.region}.aliyuncs.com`);
}

function asOssError(error: unknown, operation: string, deps: PipelineDeps): OssServiceError {
  if (error instanceof OssServiceError) return error;
  deps.onInternalError(error, operation);
  return OssErrors.internalError();
}

function logEntry(deps: PipelineDeps, ex: Exchange, status: number, started: number, errorCode?: string): void {
  deps.log.record({
    time: new Date(ex.req.receivedAt).toISOString(),
    method: ex.req.method,
    operation: ex.operation,
    ...(ex.req.bucket ? { bucket: ex.req.bucket } : {}),
    ...(ex.req.key ? { key: ex.req.key } : {}),
    status,
    region: ex.req.region,
    requestId: ex.req.requestId,
    ...(errorCode ? { errorCode } : {}),
    durationMs: Date.now() - started,
    ...(ex.fault ? { fault: ex.fault } : {}),
  });
}
