import { Redactor } from './redact';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** True when a message at `level` passes a logger configured at `threshold`. */
function levelEnabled(level: Exclude<LogLevel, 'silent'>, threshold: LogLevel): boolean {
  return RANK[level] >= RANK[threshold];
}

export type LogFields = Readonly<Record<string, unknown>>;

/**
 * What code that only reports needs from a logger (ensure, alert delivery): a Logger is one, and so
 * is any object with these methods.
 */
export interface Log {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Structured JSON-lines logger. Every line passes through the redactor. */
export interface Logger extends Log {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  /** A logger whose lines also carry `fields` (e.g. bucket, rule). Shares sink and secrets. */
  child(fields: LogFields): Logger;
  /** Never print this exact value (e.g. the invocation's STS keys), in this logger and its children. */
  addSecret(value: string | undefined): void;
  /** The redactor, for code that builds summaries or alerts outside the logger. */
  readonly redactor: Redactor;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Fields on every line: requestId, function, ... */
  readonly fields?: LogFields;
  /** Where finished lines go; stdout by default (FC ships stdout to SLS). */
  readonly sink?: (line: string) => void;
  readonly now?: () => Date;
  readonly redactor?: Redactor;
}

type Emitting = Exclude<LogLevel, 'silent'>;

/**
 * @example
 * const log = createLogger({ level: 'info', fields: { requestId, function: 'verify' } });
 * log.child({ bucket }).warn('canary late', { dueAt });
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const shared: Shared = {
    level: options.level ?? 'info',
    sink: options.sink ?? writeStdout,
    now: options.now ?? (() => new Date()),
    redactor: options.redactor ?? new Redactor(),
  };
  return build(shared, options.fields ?? {});
}

interface Shared {
  readonly level: LogLevel;
  readonly sink: (line: string) => void;
  readonly now: () => Date;
  readonly redactor: Redactor;
}

function build(shared: Shared, context: LogFields): Logger {
  const emit = (level: Emitting) => (msg: string, fields?: LogFields) => {
    if (!levelEnabled(level, shared.level)) return;
    shared.sink(formatLine(shared, level, msg, { ...context, ...fields }));
  };
  return {
    level: shared.level,
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => build(shared, { ...context, ...fields }),
    addSecret: (value) => shared.redactor.addSecret(value),
    redactor: shared.redactor,
  };
}

/** level, msg and time come first and cannot be overwritten by fields. */
function formatLine(shared: Shared, level: Emitting, msg: string, fields: LogFields): string {
  const redacted = shared.redactor.redact(fields) as Record<string, unknown>;
  const head = { level, msg: shared.redactor.redactString(msg), time: shared.now().toISOString() };
  return JSON.stringify({ ...head, ...withoutReserved(redacted) });
}

function withoutReserved(fields: Record<string, unknown>): Record<string, unknown> {
  const { level: _level, msg: _msg, time: _time, ...rest } = fields;
  return rest;
}

function writeStdout(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A logger that drops everything, for code paths and tests that do not care. */
export function silentLogger(): Logger {
  return createLogger({ level: 'silent' });
}
