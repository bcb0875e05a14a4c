/**
 * Errors of the FC runtime glue. Every error has a stable `code`; callers branch on `instanceof`
 * and `code`, never on `message`. Messages name variables and fields, never secret values.
 */

/** Base class: `retryable` tells the handler wrapper whether FC should retry the invocation. */
export class RuntimeError extends Error {
  override readonly name: string = 'RuntimeError';
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

/** An environment variable is missing or has an invalid value. */
export class ConfigError extends RuntimeError {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('InvalidConfig', `${variable}: ${message}`, options);
  }
}

/** No credentials in context nor environment: the function has no RAM role. */
export class MissingCredentialsError extends RuntimeError {
  override readonly name = 'MissingCredentialsError';
  constructor() {
    super(
      'NoRole',
      'the function has no role: set `role` in s.yaml (context.credentials is empty and ' +
        'ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set)',
    );
  }
}

/** The invocation body is not a JSON document. */
export class EventDecodeError extends RuntimeError {
  override readonly name = 'EventDecodeError';
  constructor(message: string, options?: ErrorOptions) {
    super('InvalidEvent', message, options);
  }
}

/** The time budget of the invocation is used up; FC may retry the whole invocation. */
export class DeadlineExceededError extends RuntimeError {
  override readonly name = 'DeadlineExceededError';
  constructor(readonly operation: string) {
    super('DeadlineExceeded', `${operation}: the invocation deadline has passed`, { retryable: true });
  }
}

/**
 * Mark an error from job code as worth retrying (FC retries async invocations on a thrown error).
 * `expected` marks a retry that is the design working (e.g. another invocation holds the bucket's
 * lease), which the handler logs at info rather than as a warning.
 */
export class RetryableError extends RuntimeError {
  override readonly name = 'RetryableError';
  readonly expected: boolean;
  constructor(code: string, message: string, options?: ErrorOptions & { expected?: boolean }) {
    super(code, message, { ...options, retryable: true });
    this.expected = options?.expected ?? false;
  }
}

/** A failure that retrying will not fix: the handler returns `{ ok: false, reason: code }`. */
export class PermanentError extends RuntimeError {
  override readonly name = 'PermanentError';
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, { ...options, retryable: false });
  }
}
