export { createLogger, LOG_LEVELS, silentLogger, type Log, type LogFields, type Logger, type LoggerOptions, type LogLevel } from './logger';
export { printable, printableJson } from './printable';
export { MASK, Redactor, redactText, redactUrl } from './redact';
