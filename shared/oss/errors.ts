import { isRetryableCode, isRetryableStatus } from '../retry';

/**
 * Errors of the OSS client. Every error has a stable `code`; callers branch on the predicates at the
 * end of this file (isOssError, isTransient: they read the brand below) and on `code`, never on
 * `message`; `instanceof` only inside the client itself. Messages never carry keys, tokens or signatures.
 */

/**
 * Which of the classes below an error is, readable from any copy of this module. A function's sidecar
 * (esbuild.config.mjs SIDECARS) bundles its own copy: an error index.js's client throws is no
 * `instanceof` the sidecar's OssError, so the predicates at the end of this file ask the brand, which
 * both copies read from the one registered symbol. A getter on the prototype: no instance gains a field.
 */
const BRAND = Symbol.for('oss-replication-autopilot.OssErrorClass');
type Branded = 'OssError' | 'OssNetworkError' | 'OssTimeoutError' | 'OssRetryExhaustedError';
const brandOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { [BRAND]?: unknown })[BRAND] : undefined;
const isBranded = (error: unknown, ...classes: readonly Branded[]): boolean => classes.some((c) => brandOf(error) === c);

export interface OssErrorFields {
  /** OSS error code from the XML body (or `x-oss-err` on HEAD), e.g. `NoSuchBucket`. */
  readonly code: string;
  readonly status: number;
  readonly operation: string;
  readonly requestId?: string;
  readonly hostId?: string;
  /** OSS `EC` detail code, e.g. `0015-00000101`. */
  readonly ec?: string;
  readonly bucket?: string;
  readonly key?: string;
  /** Other children of the error body (ArgumentName, ...), minus anything secret. */
  readonly details?: Readonly<Record<string, string>>;
  /** From a `Retry-After` header, when the server sent one. */
  readonly retryAfterMs?: number;
}

/** OSS answered with an error status. */
export class OssError extends Error implements OssErrorFields {
  override readonly name = 'OssError';
  get [BRAND](): Branded {
    return 'OssError';
  }
  readonly code: string;
  readonly status: number;
  readonly operation: string;
  readonly requestId?: string;
  readonly hostId?: string;
  readonly ec?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly details?: Readonly<Record<string, string>>;
  readonly retryAfterMs?: number;

  constructor(fields: OssErrorFields, message: string, options?: ErrorOptions) {
    super(
      `${fields.operation}: ${fields.code} (${fields.status}): ${message}` + (fields.requestId ? ` [request ${fields.requestId}]` : ''),
      options,
    );
    this.code = fields.code;
    this.status = fields.status;
    this.operation = fields.operation;
    this.requestId = fields.requestId;
    this.hostId = fields.hostId;
    this.ec = fields.ec;
    this.bucket = fields.bucket;
    this.key = fields.key;
    this.details = fields.details;
    if (fields.retryAfterMs !== undefined) this.retryAfterMs = fields.retryAfterMs;
  }
}

/**
 * The request never got an HTTP answer: reset, refused, DNS, TLS. `code` is the socket error code.
 * `reusedSocket` is true when the failure happened on a kept-alive socket the server may have closed
 * while idle: such a request most likely never reached the server.
 */
export class OssNetworkError extends Error {
  override readonly name = 'OssNetworkError';
  get [BRAND](): Branded {
    return 'OssNetworkError';
  }
  readonly reusedSocket: boolean;
  constructor(
    readonly operation: string,
    readonly code: string,
    message: string,
    options?: ErrorOptions & { reusedSocket?: boolean },
  ) {
    super(`${operation}: network error ${code}: ${message}`, options);
    this.reusedSocket = options?.reusedSocket ?? false;
  }
}

/** No answer within the per-attempt timeout. */
export class OssTimeoutError extends Error {
  override readonly name = 'OssTimeoutError';
  get [BRAND](): Branded {
    return 'OssTimeoutError';
  }
  readonly code = 'RequestTimeout';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
    options?: ErrorOptions,
  ) {
    super(`${operation}: no answer within ${timeoutMs} ms`, options);
  }
}

/**
 * The answer is larger than the client reads (`limitBytes`): reading stopped there and the socket was
 * destroyed, so a hostile or broken server cannot make a function buffer gigabytes. Not transient:
 * the same request would get the same answer.
 */
export class OssResponseTooLargeError extends Error {
  override readonly name = 'OssResponseTooLargeError';
  readonly code = 'ResponseTooLarge';
  constructor(
    readonly operation: string,
    readonly limitBytes: number,
    /** From Content-Length when the server announced it; undefined for a streamed answer. */
    readonly announcedBytes?: number,
  ) {
    super(
      `${operation}: the answer is larger than the ${limitBytes} bytes this client reads` +
        (announcedBytes !== undefined ? ` (Content-Length ${announcedBytes})` : ''),
    );
  }
}

/**
 * An answer holds a value this code does not know (OSS added it later) and the caller cannot decide
 * anything without judging it, e.g. a bucket's versioning state: it stops instead of guessing.
 * Not transient: the answer stays the same until OSS or this code changes.
 */
export class OssUnrecognisedValueError extends Error {
  override readonly name = 'OssUnrecognisedValueError';
  readonly code = 'UnrecognisedValue';
  constructor(
    readonly operation: string,
    readonly field: string,
    readonly value: string,
    readonly bucket?: string,
  ) {
    super(
      `${operation}${bucket ? ` on ${bucket}` : ''}: ${field} "${value.slice(0, 64)}" is a value this version does not know; nothing was decided on it`,
    );
  }
}

/** Every attempt failed with a retryable error; `cause` is the last one. */
export class OssRetryExhaustedError extends Error {
  override readonly name = 'OssRetryExhaustedError';
  get [BRAND](): Branded {
    return 'OssRetryExhaustedError';
  }
  readonly code = 'RetryExhausted';
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly lastError: Error,
  ) {
    super(`${operation}: gave up after ${attempts} attempts: ${lastError.message}`, { cause: lastError });
  }
}

/** The client was configured in a way that cannot work (e.g. no endpoint for a region). */
export class OssConfigError extends Error {
  override readonly name = 'OssConfigError';
  readonly code = 'InvalidClientConfig';
  constructor(message: string) {
    super(message);
  }
}

/** The credentials provider failed or returned something unusable. The provider's error is the cause. */
export class OssCredentialsError extends Error {
  override readonly name = 'OssCredentialsError';
  readonly code = 'CredentialsUnavailable';
  constructor(
    readonly operation: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${operation}: ${message}`, options);
  }
}

export function isOssError(error: unknown, code?: string): error is OssError {
  return isBranded(error, 'OssError') && (code === undefined || (error as OssError).code === code);
}

/** One failed attempt that another attempt may fix: network, timeout, 5xx, 429, throttling codes (shared/retry). */
export function isRetryableFailure(error: unknown): boolean {
  if (isBranded(error, 'OssNetworkError', 'OssTimeoutError')) return true;
  return isOssError(error) && (isRetryableStatus(error.status) || isRetryableCode(error.code));
}

/** True for errors a later retry (of the invocation) may fix: a retryable failure, or retries that ran out. */
export function isTransient(error: unknown): boolean {
  return isBranded(error, 'OssRetryExhaustedError') || isRetryableFailure(error);
}
