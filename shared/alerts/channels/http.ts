import { failure, parseRetryAfter, statusFailure } from '../errors';
import type { DeliveryFailure } from '../types';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpRequest {
  readonly url: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpResponse {
  readonly status: number;
  readonly text: string;
  readonly retryAfterMs?: number;
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The socket-level code behind a fetch failure (`ECONNREFUSED`, ...), never its message, which may carry the URL. */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'fetch failed';
}

/**
 * POSTs JSON with a timeout. Resolves with the response or a failure; never rejects. Failure messages
 * name only the error kind, never the URL.
 */
export async function postJson(
  req: HttpRequest,
  options: { timeoutMs?: number; signal?: AbortSignal; now?: () => Date } = {},
): Promise<HttpResponse | DeliveryFailure> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...req.headers },
      body: req.body,
      signal,
    });
    const text = await res.text();
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), options.now?.() ?? new Date());
    return retryAfterMs === undefined ? { status: res.status, text } : { status: res.status, text, retryAfterMs };
  } catch (err) {
    if (isTimeout(err)) return failure('ALERT_TIMEOUT', 'request timed out', { retryable: true });
    return failure('ALERT_NETWORK', `network error: ${networkCode(err)}`, { retryable: true });
  }
}

export function isFailure(x: HttpResponse | DeliveryFailure): x is DeliveryFailure {
  return 'code' in x;
}

/** Non-2xx is a failure on every channel; the body check below it is per channel. */
export function checkStatus(res: HttpResponse): DeliveryFailure | undefined {
  return res.status >= 200 && res.status < 300 ? undefined : statusFailure(res.status, res.text, res.retryAfterMs);
}

/** DingTalk and WeCom answer 200 even on failure; `errcode` 0 is the only success. */
export function checkErrcode(res: HttpResponse): DeliveryFailure | undefined {
  const bad = checkStatus(res);
  if (bad) return bad;
  const json = parseJson(res.text);
  const code = json?.['errcode'];
  if (code === 0) return undefined;
  return failure('ALERT_REJECTED', `errcode ${String(code)}: ${String(json?.['errmsg'] ?? res.text.slice(0, 200))}`, { serviceCode: String(code), status: res.status });
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
