import { type OssErrorBody, parseOssErrorBody } from '../xml';
import { redactText } from '../log';
import { parseRetryAfter } from '../retry';
import { HEADER_EC, HEADER_ERR, HEADER_REQUEST_ID, HEADER_RETRY_AFTER, SECRET_ERROR_FIELDS } from './constants';
import { OssError } from './errors';
import type { HttpResponse } from './transport';

export interface ErrorContext {
  readonly operation: string;
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  /** Strings scrubbed from anything the error keeps (secret, token, signature). */
  readonly secrets: readonly string[];
  readonly now: Date;
}

const SNIPPET_LENGTH = 200;

function tryParse(text: string): OssErrorBody | undefined {
  if (text.trim() === '') return undefined;
  try {
    const body = parseOssErrorBody(text);
    return body.code ? body : undefined;
  } catch {
    return undefined;
  }
}

/** HEAD answers have no body; OSS puts the error XML, base64-encoded, in `x-oss-err`. */
function errorText(response: HttpResponse, method: string): string {
  if (method.toUpperCase() !== 'HEAD') return response.body.toString('utf8');
  const encoded = response.headers[HEADER_ERR];
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
}

/** What a bodiless error most likely means, as OSS's own SDKs assume. */
export function syntheticCode(status: number, hasKey: boolean): string {
  switch (status) {
    case 404:
      return hasKey ? 'NoSuchKey' : 'NoSuchBucket';
    case 412:
      return 'PreconditionFailed';
    case 403:
      return 'AccessDenied';
    case 304:
      return 'NotModified';
    default:
      return 'UnknownError';
  }
}

function safeDetails(extra: Record<string, string>, secrets: readonly string[]): Record<string, string> | undefined {
  const kept = Object.entries(extra)
    .filter(([name]) => !SECRET_ERROR_FIELDS.has(name))
    .map(([name, value]) => [name, redactText(value, secrets)] as const);
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function fallbackMessage(response: HttpResponse, ctx: ErrorContext, text: string): { code: string; message: string } {
  if (ctx.method.toUpperCase() === 'HEAD' || text.trim() === '') {
    return { code: syntheticCode(response.status, ctx.key !== undefined), message: `HTTP ${response.status} without an error body` };
  }
  const snippet = redactText(text.slice(0, SNIPPET_LENGTH), ctx.secrets).replace(/\s+/g, ' ').trim();
  return { code: 'UnknownError', message: `HTTP ${response.status} with a body that is not an OSS error: ${snippet}` };
}

/** Turns an error answer into a typed OssError, without anything secret in it. */
export function decodeErrorResponse(response: HttpResponse, ctx: ErrorContext): OssError {
  const text = errorText(response, ctx.method);
  const body = tryParse(text);
  const fallback = body ? undefined : fallbackMessage(response, ctx, text);
  // Every field a server sends back is scrubbed: an echo may put the token anywhere, the code included.
  const scrub = (text: string | undefined): string | undefined => (text === undefined ? undefined : redactText(text, ctx.secrets));
  const fields = {
    code: scrub(body?.code ?? fallback?.code) ?? 'UnknownError',
    status: response.status,
    operation: ctx.operation,
    requestId: scrub(body?.requestId || response.headers[HEADER_REQUEST_ID]),
    hostId: scrub(body?.hostId),
    ec: scrub(body?.ec || response.headers[HEADER_EC]),
    bucket: ctx.bucket,
    key: ctx.key,
    details: body ? safeDetails(body.extra, ctx.secrets) : undefined,
    retryAfterMs: parseRetryAfter(response.headers[HEADER_RETRY_AFTER], ctx.now),
  };
  const message = body ? redactText(body.message, ctx.secrets) : (fallback?.message ?? '');
  return new OssError(fields, message);
}
