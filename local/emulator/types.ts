/** Public types of the emulator library. */
import type { Credentials } from '../../shared/signing';
import type { EmulatorAdmin } from './admin/admin';
import type { ReplicationLocationTable } from './replication/locations';

export interface EmulatorOptions {
  /** Region (no `oss-`) -> port; 0 picks a free port. */
  readonly regions: Readonly<Record<string, number>>;
  /** Accepted credentials; one default pair when absent. An entry with a token is STS. */
  readonly credentials?: readonly Credentials[];
  /** Persist every change under this directory and load it on start. In-memory when absent. */
  readonly dataDir?: string;
  /** Latency of replication per object. Default 100 ms. */
  readonly replicationDelayMs?: number;
  /** How long a new rule stays `starting`. Default 1000 ms. */
  readonly ruleStartingMs?: number;
  /** How long a deleted rule stays `closing`. Default 1000 ms. */
  readonly ruleClosingMs?: number;
  /** Replication engine period. Default 50 ms. */
  readonly tickMs?: number;
  /** Historical objects copied per rule per tick. Default 100. */
  readonly historicalPerTick?: number;
  /**
   * Which regions may replicate to which, with their oss_acc and RTC constraints. Default: the
   * documented OSS region list plus the configured regions (replication/locations.ts).
   */
  readonly replicationLocations?: ReplicationLocationTable;
  readonly clock?: () => Date;
  /** Listen address. Default 127.0.0.1. */
  readonly host?: string;
  /** Account id (digits) reported as owner (ListBuckets, BucketInfo, listings) and in events. */
  readonly accountId?: string;
  /** Request-log entries kept (oldest dropped first). Default 10,000; 0 keeps none. */
  readonly requestLogSize?: number;
  /** Bucket calls through another region's port get AccessDenied, as on OSS. Default true. */
  readonly enforceBucketRegion?: boolean;
  /** Largest request body accepted. Default 64 MiB. */
  readonly maxBodyBytes?: number;
  /** Random source for faults and event duplication/reordering (tests make it deterministic). */
  readonly random?: () => number;
  /** Where internal errors are reported (one line, never request secrets). Default: stderr. */
  readonly log?: (line: string) => void;
  /** Webhook retry backoff. Defaults 100 ms base, 2000 ms cap. */
  readonly eventRetry?: { readonly baseDelayMs?: number; readonly maxDelayMs?: number };
}

export interface RunningEmulator {
  /** Region -> `http://127.0.0.1:<port>`. */
  readonly endpoints: Record<string, string>;
  /** Base URL of the admin API (`<first endpoint>/_emulator`); every port serves it. */
  readonly adminUrl: string;
  readonly credentials: Credentials[];
  readonly admin: EmulatorAdmin;
  stop(): Promise<void>;
}
