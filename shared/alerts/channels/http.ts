import { redactUrl } from '../../log';
import { parseRetryAfter } from '../../retry';
import { failure, statusFailure } from '../errors';
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
 * The most of a webhook's answer that is read. Chat services answer a few hundred bytes
 * (`{"errcode":0,"errmsg":"ok"}`, `ok`); anything past this is not read at all.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** The body, or undefined when it is over `limit` (then `stop` has closed the connection). */
async function readCapped(res: Response, limit: number, stop: () => void): Promise<string | undefined> {
  const announced = Number(res.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > limit) return void stop();
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks).toString('utf8');
    size += value.byteLength;
    if (size > limit) {
      stop();
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
}

/**
 * A redirect is not followed: fetch would re-send the body (and a DingTalk or Lark signature) to
 * whatever host the answer names. The operator updates the channel URL instead.
 */
function redirectFailure(res: Response): DeliveryFailure {
  const location = res.headers.get('location');
  const to = location ? ` to ${redactUrl(new URL(location, res.url || 'http://invalid/').toString())}` : '';
  return failure(
    'ALERT_REDIRECT',
    `HTTP ${res.status} redirect${to}: redirects are not followed; set the channel URL to the address that accepts the POST`,
    { status: res.status },
  );
}

/**
 * POSTs JSON with a timeout, never following redirects, and reads at most MAX_ANSWER_BYTES of the
 * answer. Resolves with the response or a failure; never rejects. Failure messages name only the error
 * kind, never the URL; the answer text is returned as sent (the channel scrubs it).
 */
export async function postJson(
  req: HttpRequest,
  options: { timeoutMs?: number; signal?: AbortSignal; now?: () => Date } = {},
): Promise<HttpResponse | DeliveryFailure> {
  const stop = new AbortController();
  const signals = [AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS), stop.signal, ...(options.signal ? [options.signal] : [])];
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...req.headers },
      body: req.body,
      signal: AbortSignal.any(signals),
      redirect: 'manual',
    });
    if (res.status >= 300 && res.status < 400) {
      stop.abort();
      return redirectFailure(res);
    }
    const text = await readCapped(res, MAX_ANSWER_BYTES, () => stop.abort());
    if (text === undefined)
      return failure('ALERT_ANSWER_TOO_LARGE', `HTTP ${res.status} with an answer over ${MAX_ANSWER_BYTES} bytes; not read`, {
        status: res.status,
      });
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
  return failure('ALERT_REJECTED', `errcode ${String(code)}: ${String(json?.['errmsg'] ?? res.text.slice(0, 200))}`, {
    serviceCode: String(code),
    status: res.status,
  });
}

export function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
