/**
 * The one place that knows how to start the local emulator and reach its admin API, so the ensure
 * suites read as behaviour. ensure runs with a real OssClient over HTTP on 127.0.0.1 and an
 * in-memory state store; OSS itself is never mocked.
 */
import { OssClient } from '../../../shared/oss/client';
import type { OssApi } from '../../../shared/oss/types';
import type { PolicyDocument } from '../../../shared/policy/types';
import type { EnsureDeps } from '../../../shared/replication/ensure';
import { LocationCache } from '../../../shared/replication/locationCache';
import { DocumentLeaseManager } from '../../../shared/state/leases';
import { MemoryDocumentStore } from '../../../shared/state/memoryDocumentStore';

export const REGIONS = ['cn-hangzhou', 'cn-beijing', 'cn-shanghai'] as const;
export const ACCOUNT = '1234567890123456';
export const CREDENTIALS = { accessKeyId: 'LTAI-replication-test', accessKeySecret: 'replication-test-secret' };

/** What the suites need from the emulator. */
export interface EmulatorHandle {
  readonly endpoints: Readonly<Record<string, string>>;
  /** Injects a fault for the next `count` calls of `operation` (`503` answer or connection reset). */
  fault(spec: { operation: string; bucket?: string; count: number; kind: '503' | 'reset' }): Promise<void>;
  clearFaults(): Promise<void>;
  /** How long a deleted rule stays `closing`. */
  setClosingMs(ms: number): Promise<void>;
  close(): Promise<void>;
}

interface EmulatorModule {
  startEmulator(options: Record<string, unknown>): Promise<unknown>;
}

/** Undefined until local/emulator exports startEmulator; suites skip themselves meanwhile. */
export function emulatorModule(): EmulatorModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../../local/emulator') as Partial<EmulatorModule>;
    return typeof mod.startEmulator === 'function' ? (mod as EmulatorModule) : undefined;
  } catch {
    return undefined;
  }
}

type Json = Record<string, unknown>;

async function admin(base: string, path: string, body: Json): Promise<void> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`admin ${path}: ${response.status} ${await response.text()}`);
}

export async function startHarnessEmulator(closingMs: number): Promise<EmulatorHandle> {
  const mod = emulatorModule();
  if (!mod) throw new Error('local/emulator does not export startEmulator yet');
  const emu = (await mod.startEmulator({
    host: '127.0.0.1',
    regions: [...REGIONS],
    credentials: [CREDENTIALS],
    timings: { startingMs: 20, closingMs },
  })) as { endpoints: Record<string, string>; adminUrl: string; close(): Promise<void> };
  return {
    endpoints: emu.endpoints,
    fault: ({ operation, bucket, count, kind }) =>
      admin(emu.adminUrl, '/faults', { operation, bucket, count, ...(kind === 'reset' ? { resetRate: 1 } : { errorCode: 'ServiceUnavailable', errorStatus: 503 }) }),
    clearFaults: () => admin(emu.adminUrl, '/faults/clear', {}),
    setClosingMs: (ms) => admin(emu.adminUrl, '/timings', { closingMs: ms }),
    close: () => emu.close(),
  };
}

export function clientFor(emu: EmulatorHandle): OssClient {
  return new OssClient({
    region: 'cn-hangzhou',
    credentials: CREDENTIALS,
    endpoint: { kind: 'map', endpoints: emu.endpoints },
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 2000,
  });
}

export interface World {
  readonly deps: EnsureDeps;
  readonly state: MemoryDocumentStore;
}

/** Fresh state per test; the closing wait is short so a pending replacement shows up quickly. */
export function world(oss: OssApi, policy: PolicyDocument, overrides: Partial<EnsureDeps> = {}): World {
  const state = new MemoryDocumentStore();
  const deps: EnsureDeps = {
    oss,
    policy,
    state,
    leases: new DocumentLeaseManager(state),
    account: ACCOUNT,
    stateBucket: 'autopilot-state',
    locationCache: new LocationCache(),
    closingWaitMs: 100,
    closingPollMs: 20,
    ...overrides,
  };
  return { deps, state };
}

export function uniqueBucket(stem: string): string {
  return `${stem}-${Math.random().toString(36).slice(2, 8)}`;
}
