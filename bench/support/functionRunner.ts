/**
 * The process a function runs in during the bench: it loads one bundle the way FC's Node.js runtime
 * does (`require`, then `handler(event, context)` for each invocation) and reports over IPC. It is
 * transpiled on its own and imports no project code, so the process holds the function's bundle and
 * nothing else of ours (its RSS is the function's).
 *
 * Two ways to run it:
 * - `fork(runner, [bundle])`, an instance serving invocations over IPC. Messages in: `{ type: 'invoke',
 *   event, context }` (event: the body FC would pass, as UTF-8 text), `{ type: 'exit' }`. Out:
 *   `{ type: 'ready', requireMs }` once, then `{ type: 'done', ... }` per invocation.
 * - `spawn(node, [runner, bundle, '--once', event, context])` with a pipe as fd 3: one cold start, its
 *   `OnceResult` written to fd 3. No IPC channel: setting one up loads Node's net and stream modules
 *   before the bundle, which would hide part of what a cold start costs (the floor loads http).
 */
import { writeSync } from 'node:fs';

export interface ReadyMessage {
  readonly type: 'ready';
  readonly requireMs: number;
  readonly error?: string;
}

export interface DoneMessage {
  readonly type: 'done';
  /** The handler's answer, or absent when it threw (FC would retry). */
  readonly response?: unknown;
  readonly thrown?: string;
  readonly wallMs: number;
  /** From the start of `require` to the end of this invocation. */
  readonly sinceLoadMs: number;
  /** Peak resident set size of this process so far, in KiB (getrusage). */
  readonly maxRssKib: number;
}

export interface OnceResult extends Omit<DoneMessage, 'type'> {
  readonly requireMs: number;
  readonly loadError?: string;
}

export type InvokeMessage = { readonly type: 'invoke'; readonly event: string; readonly context: object } | { readonly type: 'exit' };

type Handler = (event: Buffer, context: object) => Promise<unknown>;

const elapsedMs = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const send = (message: ReadyMessage | DoneMessage): void => void process.send?.(message);

function load(bundle: string): { handler?: Handler; requireMs: number; error?: string } {
  const started = process.hrtime.bigint();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const handler = (require(bundle) as { handler: Handler }).handler;
    return { handler, requireMs: elapsedMs(started) };
  } catch (error) {
    return { requireMs: elapsedMs(started), error: error instanceof Error ? error.message : String(error) };
  }
}

function invoke(handler: Handler, event: string, context: object, loadStarted: bigint): Promise<Omit<DoneMessage, 'type'>> {
  const started = process.hrtime.bigint();
  const report = (outcome: { response?: unknown; thrown?: string }): Omit<DoneMessage, 'type'> => ({
    ...outcome,
    wallMs: elapsedMs(started),
    sinceLoadMs: elapsedMs(loadStarted),
    maxRssKib: process.resourceUsage().maxRSS,
  });
  return handler(Buffer.from(event, 'utf8'), context).then(
    (response) => report({ response }),
    (error: unknown) => report({ thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
}

async function once(bundle: string, event: string, context: string): Promise<void> {
  const loadStarted = process.hrtime.bigint();
  const loaded = load(bundle);
  const result: OnceResult = loaded.handler
    ? { requireMs: loaded.requireMs, ...(await invoke(loaded.handler, event, JSON.parse(context) as object, loadStarted)) }
    : { requireMs: loaded.requireMs, loadError: loaded.error ?? 'no handler', wallMs: 0, sinceLoadMs: loaded.requireMs, maxRssKib: 0 };
  writeSync(3, JSON.stringify(result));
  process.exit(0);
}

function serve(bundle: string): void {
  const loadStarted = process.hrtime.bigint();
  const loaded = load(bundle);
  send({ type: 'ready', requireMs: loaded.requireMs, ...(loaded.error ? { error: loaded.error } : {}) });
  const handler = loaded.handler;
  if (!handler) return;
  process.on('message', (message: InvokeMessage) => {
    // Kept-alive sockets would hold the process open: exit at once, as FC freezes and then ends an instance.
    if (message.type === 'exit') process.exit(0);
    if (message.type !== 'invoke') return;
    void invoke(handler, message.event, message.context, loadStarted).then((done) => send({ type: 'done', ...done }));
  });
}

const [bundle, mode, event, context] = process.argv.slice(2);
if (!bundle) throw new Error('usage: functionRunner.js <bundle> [--once <event> <context>]');
if (mode === '--once') void once(bundle, event ?? '{}', context ?? '{}');
else serve(bundle);
