import { isTransient } from '../oss';
import type { Redactor } from '../log';

/** How the handler wrapper treats a failure. */
export type ErrorVerdict =
  | { readonly retry: true; readonly reason: string; readonly rethrow: Error }
  | { readonly retry: false; readonly reason: string; readonly message: string };

/** What FC sees when it is asked to retry: the code and a redacted message, never the raw error. */
export class InvocationRetryError extends Error {
  override readonly name = 'InvocationRetryError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Transient: OSS network/timeout/5xx/429/exhausted retries (shared/oss `isTransient`), or any error
 * carrying `retryable: true` (RuntimeError subclasses and other modules' errors). Everything else
 * is permanent. The reason is the error's stable `code`, or its name when it has none.
 */
export function classifyError(error: unknown, redactor: Redactor): ErrorVerdict {
  const reason = reasonOf(error);
  const message = redactor.redactString(error instanceof Error ? error.message : String(error));
  if (isTransient(error) || isMarkedRetryable(error)) {
    return { retry: true, reason, rethrow: new InvocationRetryError(reason, message) };
  }
  return { retry: false, reason, message };
}

function isMarkedRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if (error instanceof Error) return error.name;
  }
  return 'UnknownError';
}
