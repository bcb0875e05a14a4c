/**
 * A function instance for the bench: one process (functionRunner.ts) that loads a bundle and serves
 * invocations, cold for its first one and warm after, as an FC instance is.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { Credentials } from '../../shared/signing';
import type { DoneMessage, InvokeMessage, OnceResult, ReadyMessage } from './functionRunner';

/** Transpiles the runner on its own (no bundling: it must `require` the function's bundle at run time). */
export async function buildRunner(outDir: string): Promise<string> {
  const outfile = join(outDir, 'function-runner.js');
  await build({
    entryPoints: [join(__dirname, 'functionRunner.ts')],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

export interface FcLikeContext {
  readonly requestId: string;
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly region: string;
  readonly accountId: string;
  readonly function: { readonly name: string; readonly handler: string; readonly memory: number; readonly timeout: number };
}

/** The context FC passes, with the emulator's keys as the role's credentials. */
export function fcContext(
  name: string,
  deployed: { readonly timeout: number; readonly memory: number },
  credentials: Credentials,
  region: string,
  accountId: string,
): FcLikeContext {
  return {
    requestId: randomUUID(),
    credentials: { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret },
    region,
    accountId,
    function: { name: `autopilot-${name}`, handler: 'index.handler', memory: deployed.memory, timeout: deployed.timeout },
  };
}

export interface Invocation extends Omit<DoneMessage, 'type'> {
  readonly ok: boolean;
}

export class FunctionInstance {
  private pending?: (message: DoneMessage) => void;

  private constructor(
    private readonly child: ChildProcess,
    readonly requireMs: number,
  ) {
    child.on('message', (message: DoneMessage) => this.pending?.(message));
  }

  /** Starts the process and waits until the bundle is loaded. Output (the function's log) goes to `logFile`. */
  static async start(runner: string, bundle: string, env: Readonly<Record<string, string>>, logFile: string): Promise<FunctionInstance> {
    mkdirSync(dirname(logFile), { recursive: true });
    const fd = openSync(logFile, 'a');
    const child = fork(runner, [bundle], { env: { ...env }, execArgv: [], stdio: ['ignore', fd, fd, 'ipc'], serialization: 'json' });
    closeSync(fd);
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      child.once('message', (m: ReadyMessage) => resolve(m));
      child.once('exit', (code) => reject(new Error(`the function process for ${bundle} exited with ${code} (see ${logFile})`)));
    });
    if (ready.error) {
      child.kill();
      throw new Error(`${bundle} did not load: ${ready.error}`);
    }
    return new FunctionInstance(child, ready.requireMs);
  }

  /** One invocation; `ok` is false when the handler threw or answered `{ ok: false }`. */
  invoke(event: unknown, context: FcLikeContext): Promise<Invocation> {
    if (this.pending) throw new Error('one invocation at a time per instance');
    const body = typeof event === 'string' ? event : JSON.stringify(event);
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the function process exited with ${code} during an invocation`));
      this.child.once('exit', onExit);
      this.pending = (message) => {
        this.pending = undefined;
        this.child.off('exit', onExit);
        const { type: _type, ...done } = message;
        const answered = (done.response as { ok?: unknown } | undefined)?.ok === true;
        resolve({ ...done, ok: done.thrown === undefined && answered });
      };
      this.child.send({ type: 'invoke', event: body, context } satisfies InvokeMessage);
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'exit' } satisfies InvokeMessage);
    });
  }
}

/**
 * One cold start in a fresh process without an IPC channel (functionRunner.ts says why): `require` of
 * the bundle, then one invocation; the result comes back through a pipe on fd 3.
 */
export async function coldStartOnce(
  runner: string,
  bundle: string,
  env: Readonly<Record<string, string>>,
  logFile: string,
  event: string,
  context: FcLikeContext,
): Promise<OnceResult> {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [runner, bundle, '--once', event, JSON.stringify(context)], {
    env: { ...env },
    stdio: ['ignore', fd, fd, 'pipe'],
  });
  closeSync(fd);
  const chunks: Buffer[] = [];
  child.stdio[3]!.on('data', (c: Buffer) => chunks.push(c));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) throw new Error(`the cold start of ${bundle} reported nothing (exit ${code}; see ${logFile})`);
  const result = JSON.parse(text) as OnceResult;
  if (result.loadError) throw new Error(`${bundle} did not load: ${result.loadError}`);
  return result;
}
