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
import { startEmulator } from '../../../local/emulator';

export const REGIONS = ['cn-hangzhou', 'cn-beijing', 'cn-shanghai'] as const;
export const ACCOUNT = '1234567890123456';
export const CREDENTIALS = { accessKeyId: 'LTAI-replication-test', accessKeySecret: 'replication-test-secret' };

/** What the suites need from the emulator. */
export interface EmulatorHandle {
  readonly endpoints: Readonly<Record<string, string>>;
  /** Injects a fault for the next `count` calls of `operation` (`503` answer or connection reset). */
  fault(spec: { operation: string; bucket?: string; count: number; kind: '503' | 'reset' }): Promise<void>;
  clearFaults(): Promise<void>;
  /** Requests the emulator saw with an injected fault. */
  faultedRequests(operation: string): number;
  close(): Promise<void>;
}

export async function startHarnessEmulator(closingMs: number): Promise<EmulatorHandle> {
  const emu = await startEmulator({
    regions: Object.fromEntries(REGIONS.map((region) => [region, 0])),
    credentials: [CREDENTIALS],
    accountId: ACCOUNT,
    ruleStartingMs: 20,
    ruleClosingMs: closingMs,
    log: () => undefined,
  });
  return {
    endpoints: emu.endpoints,
    fault: async ({ operation, bucket, count, kind }) => {
      emu.admin.addFault({
        operation,
        bucket,
        count,
        ...(kind === 'reset' ? { resetRate: 1 } : { errorCode: 'ServiceUnavailable', errorStatus: 503 }),
      });
    },
    clearFaults: async () => emu.admin.clearFaults(),
    faultedRequests: (operation) => emu.admin.requests({ operation }).filter((r) => r.fault !== undefined).length,
    close: () => emu.stop(),
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
