/**
 * What reaches the operator: runCli hands each command an io that keeps these promises, whatever the
 * command prints.
 * - Text: every line goes through shared/log printable, so no escape sequence from an object key or a
 *   remote error reaches the terminal (commands also make each value printable where they build a line,
 *   which keeps a newline inside a key from forging a line; this is the net under them).
 * - `--json`: stdout carries exactly one JSON document, success or failure, `{"command", "ok", ...}`;
 *   a failure without a result of its own is `{"command", "ok": false, "error": {"code", "message",
 *   "hint"}}`. Human text goes to stderr. `status --watch --json` is a stream: one document a line.
 */
import { printable, printableJson } from '../shared/log';
import type { CliIo } from './io';

/** Every line printable; the line ends between lines are the command's own. */
export function safeText(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** A JSON document as printed: JSON.stringify's escapes plus those of printableJson. */
export function jsonText(value: unknown, indent?: number): string {
  return printableJson(JSON.stringify(value, null, indent));
}

export interface JsonError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

/** The io a command writes to and what runCli does when it ends. */
export interface CommandOutput {
  readonly io: CliIo;
  /** Prints what is due once the command returned `exit` or threw `error`. */
  finish(exit: number, error?: JsonError): void;
}

/** Text mode: both streams made safe; nothing is held back. */
function textOutput(io: CliIo): CommandOutput {
  return { io: { ...io, out: (t) => io.out(safeText(t)), err: (t) => io.err(safeText(t)) }, finish: () => undefined };
}

function withOk(doc: unknown, command: string | undefined, ok: boolean): Record<string, unknown> {
  const fields = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : { result: doc };
  const { command: named, ok: _ok, ...rest } = fields;
  return { command: named ?? command ?? null, ok, ...rest };
}

/**
 * `--json`: the command's document is held until it ends, then printed once with `ok` (exit code 0)
 * after `command`. A command that threw, or ended in failure without a document, gets the failure
 * document; its stderr text is still shown, and is the message when nothing better is known.
 */
function jsonOutput(io: CliIo, command: string | undefined, stream: boolean): CommandOutput {
  const docs: unknown[] = [];
  let lastErr: string | undefined;
  const out = (text: string): void => {
    if (stream) io.out(jsonText(withOk(JSON.parse(text), command, true)));
    else docs.push(JSON.parse(text));
  };
  const err = (text: string): void => {
    lastErr = text;
    io.err(safeText(text));
  };
  const finish = (exit: number, error?: JsonError): void => {
    if (stream && !error) return;
    const doc = docs.at(-1);
    if (!error && doc !== undefined) return io.out(jsonText(withOk(doc, command, exit === 0), 2));
    const failure = error ?? (exit === 0 ? undefined : { code: 'CLI_FAILURE', message: lastErr ?? 'failed' });
    io.out(jsonText(failure ? { command: command ?? null, ok: false, error: failure } : { command: command ?? null, ok: true }, 2));
  };
  return { io: { ...io, out, err }, finish };
}

export function commandOutput(io: CliIo, options: { json: boolean; command?: string; stream?: boolean }): CommandOutput {
  return options.json ? jsonOutput(io, options.command, options.stream ?? false) : textOutput(io);
}
