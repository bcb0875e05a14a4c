/**
 * The emulator in a process of its own (`local/emulator/cli.ts`, what `npm run emulator` runs), so that
 * its work never shares a CPU queue or a heap with the function being measured. The bench talks to it
 * over HTTP only: the OSS API through the project's client, the admin API (request log, faults, reset,
 * event subscriptions) through `EmulatorAdminClient`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EmulatorState, FaultSpec, RequestLogEntry } from '../../local/emulator';
import type { Credentials } from '../../shared/signing';

export const ROOT = join(__dirname, '..', '..');

export interface EmulatorProcessOptions {
  readonly regions: readonly string[];
  readonly accountId: string;
  /** Request-log entries kept: enough for the largest run (the count of a run is refused when any was dropped). */
  readonly requestLogSize: number;
  /** Where the emulator's own output goes. */
  readonly logFile: string;
  /** Extra CLI flags (timings). */
  readonly flags?: readonly string[];
}

export interface EmulatorProcess {
  readonly endpoints: Readonly<Record<string, string>>;
  readonly credentials: Credentials;
  readonly admin: EmulatorAdminClient;
  readonly pid: number;
  stop(): Promise<void>;
}

/** The admin API over HTTP (local/emulator/README.md, Admin API). */
export class EmulatorAdminClient {
  constructor(private readonly base: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator admin ${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as T;
  }

  reset(): Promise<unknown> {
    return this.call('POST', 'reset', { subscriptions: true });
  }
  clearRequests(): Promise<unknown> {
    return this.call('DELETE', 'requests');
  }
  requests(): Promise<RequestLogEntry[]> {
    return this.call('GET', 'requests');
  }
  addFault(spec: FaultSpec): Promise<unknown> {
    return this.call('POST', 'faults', spec);
  }
  clearFaults(): Promise<unknown> {
    return this.call('DELETE', 'faults');
  }
  subscribe(url: string): Promise<unknown> {
    return this.call('POST', 'subscriptions', { url });
  }
  clearSubscriptions(): Promise<unknown> {
    return this.call('DELETE', 'subscriptions');
  }
  flushEvents(): Promise<unknown> {
    return this.call('POST', 'events/flush');
  }
  state(): Promise<EmulatorState> {
    return this.call('GET', 'state');
  }
}

/** `cn-hangzhou ready at http://127.0.0.1:9100` and `admin API at http://127.0.0.1:9100/_emulator/`. */
export function parseReadyLine(line: string): { region: string; url: string } | { admin: string } | undefined {
  const ready = /^([a-z0-9-]+) ready at (http:\/\/\S+)$/.exec(line.trim());
  if (ready) return { region: ready[1]!, url: ready[2]! };
  const admin = /^admin API at (http:\/\/\S+?)\/?$/.exec(line.trim());
  return admin ? { admin: `${admin[1]!}/` } : undefined;
}

export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  // Bench-only keys, passed on the command line so that nothing has to read them from the output.
  const credentials = { accessKeyId: `LTAIbench${randomBytes(6).toString('hex')}`, accessKeySecret: randomBytes(18).toString('hex') };
  const args = [
    '-r',
    '@swc-node/register',
    join(ROOT, 'local/emulator/cli.ts'),
    ...options.regions.flatMap((r) => ['--region', `${r}=0`]),
    ...['--account-id', options.accountId, '--request-log-size', String(options.requestLogSize)],
    ...['--access-key-id', credentials.accessKeyId, '--access-key-secret', credentials.accessKeySecret],
    ...(options.flags ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stderr!.pipe(log);
  const endpoints: Record<string, string> = {};
  let adminUrl: string | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 60 s (see ${options.logFile})`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before it was ready (see ${options.logFile})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.write(`${line}\n`);
      const parsed = parseReadyLine(line);
      if (parsed && 'region' in parsed) endpoints[parsed.region] = parsed.url;
      if (parsed && 'admin' in parsed) adminUrl = parsed.admin;
      if (adminUrl && options.regions.every((r) => endpoints[r])) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    endpoints,
    credentials,
    admin: new EmulatorAdminClient(adminUrl!),
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
