/**
 * Writes OSS-shaped answers: common headers on everything (request id, Server, Date), XML content
 * type for string bodies, and error XML (in the body, or base64 in `x-oss-err` for HEAD).
 */
import type { ServerResponse } from 'node:http';
import { buildOssErrorBody, buildOssErrorHeader, type OssErrorBody } from '../../../shared/xml';
import type { OssServiceError } from '../errors';
import type { OperationResult } from '../operations/context';
import { httpDate } from '../util/time';

export interface ResponseMeta {
  readonly requestId: string;
  readonly method: string;
  readonly now: number;
}

function commonHeaders(meta: ResponseMeta): Record<string, string> {
  return {
    server: 'AliyunOSS',
    date: httpDate(meta.now),
    'x-oss-request-id': meta.requestId,
    'x-oss-server-time': '1',
  };
}

export function sendResult(res: ServerResponse, result: OperationResult, meta: ResponseMeta): void {
  const body = typeof result.body === 'string' ? Buffer.from(result.body, 'utf8') : (result.body ?? Buffer.alloc(0));
  const headers: Record<string, string> = { ...commonHeaders(meta), ...result.headers };
  if (typeof result.body === 'string') headers['content-type'] = 'application/xml';
  // HEAD answers describe the object but carry no body; their Content-Length is the object's.
  if (meta.method !== 'HEAD') headers['content-length'] = String(body.length);
  res.writeHead(result.status, headers);
  res.end(meta.method === 'HEAD' || result.status === 304 ? undefined : body);
}

export function errorBody(error: OssServiceError, requestId: string, hostId: string): OssErrorBody {
  return {
    code: error.code,
    message: error.message,
    requestId,
    hostId,
    ec: error.ec,
    recommendDoc: `https://api.aliyun.com/troubleshoot?q=${error.ec}`,
    extra: { ...error.extra },
  };
}

export function sendError(res: ServerResponse, error: OssServiceError, meta: ResponseMeta & { hostId: string }): void {
  const body = errorBody(error, meta.requestId, meta.hostId);
  const headers: Record<string, string> = { ...commonHeaders(meta), ...error.headers, 'x-oss-ec': error.ec };
  if (meta.method === 'HEAD') {
    headers['x-oss-err'] = buildOssErrorHeader(body);
    headers['content-length'] = '0';
    res.writeHead(error.status, headers);
    res.end();
    return;
  }
  const xml = Buffer.from(buildOssErrorBody(body), 'utf8');
  headers['content-type'] = 'application/xml';
  headers['content-length'] = String(xml.length);
  res.writeHead(error.status, headers);
  res.end(xml);
}
