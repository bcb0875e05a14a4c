import type { CredentialsProvider } from '../oss';
import { readConfig, type RuntimeConfig } from './config';
import type { FcContext } from './fcContext';
import { credentialsFromContext } from './credentialsFromContext';
import { deadlineFromTimeout, type Deadline } from './deadline';
import { decodeEvent } from './events';
import { classifyError } from './classifyError';
import { RetryableError } from './errors';
import { createLogger, type Logger } from '../log';

/** What every job receives from the wrapper; jobs never touch context or env themselves. */
export interface HandlerDeps {
  readonly name: string;
  readonly requestId: string;
  readonly log: Logger;
  readonly config: RuntimeConfig;
  readonly context: FcContext;
  readonly credentials: CredentialsProvider;
  readonly deadline: Deadline;
  readonly now: () => Date;
}

export type HandlerResponse<R> =
  | { readonly ok: true; readonly function: string; readonly requestId: string; readonly result: R }
  | { readonly ok: false; readonly function: string; readonly requestId: string; readonly reason: string; readonly message: string };

export type FcCallback = (error: Error | null, result?: unknown) => void;

/** Serves both FC forms: `async (event, context)` and `(event, context, callback)`. */
export type FcHandler<R> = {
  (event: unknown, context?: FcContext): Promise<HandlerResponse<R>>;
  (event: unknown, context: FcContext | undefined, callback: FcCallback): void;
};

export interface HandlerOptions {
  /** Overrides for tests and the local stack. */
  readonly config?: RuntimeConfig;
  readonly sink?: (line: string) => void;
  readonly now?: () => Date;
}

/**
 * Wraps a job as an FC handler: decodes the event, builds a per-invocation logger, credentials and
 * deadline, then maps the outcome. Transient failures are rethrown so FC retries the invocation;
 * permanent ones are logged and returned as `{ ok: false, reason }`, because a throw would make
 * FC retry something that can never succeed.
 * @example export const handler = createHandler('verify', (input, deps) => runVerify(deps, input));
 */
export function createHandler<R>(
  name: string,
  run: (input: unknown, deps: HandlerDeps) => Promise<R>,
  options: HandlerOptions = {},
): FcHandler<R> {
  const invoke = (event: unknown, context: FcContext = {}): Promise<HandlerResponse<R>> => invokeOnce(name, run, options, event, context);
  function handler(event: unknown, context?: FcContext, callback?: FcCallback): Promise<HandlerResponse<R>> | void {
    if (typeof callback !== 'function') return invoke(event, context);
    invoke(event, context).then(
      (response) => callback(null, response),
      (error: Error) => callback(error),
    );
  }
  return handler as FcHandler<R>;
}

async function invokeOnce<R>(
  name: string,
  run: (input: unknown, deps: HandlerDeps) => Promise<R>,
  options: HandlerOptions,
  event: unknown,
  context: FcContext,
): Promise<HandlerResponse<R>> {
  const now = options.now ?? (() => new Date());
  const started = now().getTime();
  const requestId = context.requestId ?? `local-${started.toString(36)}`;
  const base = { function: name, requestId };
  let log = createLogger({ fields: base, sink: options.sink, now });
  protectCredentials(log, context);
  try {
    const config = options.config ?? readConfig();
    log = createLogger({ level: config.logLevel, fields: base, sink: options.sink, now, redactor: log.redactor });
    // Local runs sign with the ALIBABA_CLOUD_* keys instead: they are this invocation's keys too.
    const envCredentials = config.envCredentials();
    log.addSecret(envCredentials?.accessKeySecret);
    log.addSecret(envCredentials?.securityToken);
    const deadline = deadlineFromTimeout(context.function?.timeout, started, () => now().getTime());
    const deps: HandlerDeps = {
      name,
      requestId,
      log,
      config,
      context,
      credentials: credentialsFromContext(context, config),
      deadline,
      now,
    };
    const result = await run(decodeEvent(toDecodable(event)), deps);
    const safe = log.redactor.redact(result) as R;
    log.info('invocation done', { ok: true, durationMs: now().getTime() - started });
    return { ok: true, ...base, result: safe };
  } catch (error) {
    return failed(error, log, base, now().getTime() - started);
  }
}

function failed<R>(error: unknown, log: Logger, base: { function: string; requestId: string }, durationMs: number): HandlerResponse<R> {
  const verdict = classifyError(error, log.redactor);
  if (verdict.retry) {
    if (error instanceof RetryableError && error.expected)
      log.info('invocation deferred, FC will retry', { reason: verdict.reason, error, durationMs });
    else log.warn('invocation failed, FC will retry', { reason: verdict.reason, error, durationMs });
    throw verdict.rethrow;
  }
  log.error('invocation failed permanently', { reason: verdict.reason, error, durationMs });
  return { ok: false, ...base, reason: verdict.reason, message: verdict.message };
}

function protectCredentials(log: Logger, context: FcContext): void {
  log.addSecret(context.credentials?.accessKeyId);
  log.addSecret(context.credentials?.accessKeySecret);
  log.addSecret(context.credentials?.securityToken);
}

/** Undefined (a test or console invocation without a body) decodes as an empty object. */
function toDecodable(event: unknown): Buffer | string | object {
  if (event === undefined || event === null) return {};
  if (typeof event === 'string' || typeof event === 'object') return event;
  return String(event);
}
