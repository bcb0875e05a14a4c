/**
 * EmulatorAdmin: the typed in-process handle to everything the `/_emulator/` HTTP API offers.
 * Both go through this one object, so tests in-process and tools over HTTP see the same behaviour.
 */
import type { DeliveryRecord, EventPublisher, Subscription, SubscriptionSpec } from '../events/publisher';
import { ruleLifecycle } from '../models/ruleState';
import type { BucketRecord } from '../models/types';
import type { ReplicationEngine } from '../replication/engine';
import { ruleProgress } from '../replication/progress';
import type { ReplicationSkips, SkipFault, SkipSpec } from '../replication/skips';
import type { Store } from '../store/store';
import type { Fault, FaultInjector, FaultSpec } from './faults';
import type { RequestLog, RequestLogEntry, RequestLogFilter, RequestLogStats } from './requestLog';

export interface RuleState {
  readonly id: string;
  readonly destination: string;
  readonly status: string;
  readonly paused: boolean;
  readonly queued: number;
  readonly historicalPending: number;
  readonly progress?: { historicalObject?: number; newObject?: string };
}

export interface BucketState {
  readonly name: string;
  readonly region: string;
  readonly versioning?: string;
  readonly tags: Array<{ key: string; value: string }>;
  readonly objects: number;
  readonly rules: RuleState[];
}

export interface EmulatorState {
  readonly regions: Record<string, string>;
  readonly buckets: BucketState[];
  readonly faults: Fault[];
  /** Silent-drop faults of the replication engine, with what each dropped. */
  readonly replicationSkips: SkipFault[];
  readonly subscriptions: Subscription[];
  /** Capacity, entries kept and entries dropped since the last clear (a count taken from the log is short by `dropped`). */
  readonly requestLog: RequestLogStats;
}

/** Rule and replication timings, changeable at run time. */
export interface MutableTimings {
  startingMs: number;
  closingMs: number;
  replicationDelayMs: number;
}

export interface EmulatorAdmin {
  /** Drops buckets, objects, rules, the request log and faults (replication skips too); subscriptions too when asked. */
  reset(options?: { subscriptions?: boolean }): void;
  requests(filter?: RequestLogFilter): RequestLogEntry[];
  clearRequests(): void;
  addFault(spec: FaultSpec): Fault;
  faults(): Fault[];
  clearFaults(): void;
  pauseReplication(bucket: string, ruleId: string): void;
  resumeReplication(bucket: string, ruleId: string): void;
  /** The engine silently drops the writes of a rule this spec chooses (see replication/skips.ts). */
  skipReplication(spec: SkipSpec): SkipFault;
  replicationSkips(): SkipFault[];
  clearReplicationSkips(): void;
  /** Runs one replication engine tick now. */
  tick(): void;
  /** Changes rule starting/closing periods and the replication delay; returns the new values. */
  setTimings(changes: Partial<MutableTimings>): MutableTimings;
  subscribe(spec: SubscriptionSpec): Subscription;
  subscriptions(): Subscription[];
  clearSubscriptions(): void;
  deliveries(): DeliveryRecord[];
  /** Resolves once every event published so far has been delivered (or given up on). */
  flushEvents(): Promise<void>;
  state(): EmulatorState;
}

export interface AdminDeps {
  readonly store: Store;
  readonly engine: ReplicationEngine;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  readonly skips: ReplicationSkips;
  readonly publisher: EventPublisher;
  readonly timings: MutableTimings;
  readonly clock: () => Date;
  readonly endpoints: () => Record<string, string>;
}

export function createAdmin(deps: AdminDeps): EmulatorAdmin {
  return {
    reset(options) {
      deps.store.reset();
      deps.log.clear();
      deps.faults.clear();
      deps.skips.clear();
      if (options?.subscriptions) deps.publisher.clear();
    },
    requests: (filter) => deps.log.query(filter),
    clearRequests: () => deps.log.clear(),
    addFault: (spec) => deps.faults.add(spec),
    faults: () => deps.faults.list(),
    clearFaults: () => deps.faults.clear(),
    pauseReplication: (bucket, ruleId) => deps.engine.pause(bucket, ruleId),
    resumeReplication: (bucket, ruleId) => deps.engine.resume(bucket, ruleId),
    skipReplication: (spec) => deps.skips.add(spec),
    replicationSkips: () => deps.skips.list(),
    clearReplicationSkips: () => deps.skips.clear(),
    tick: () => deps.engine.tick(),
    setTimings: (changes) => applyTimings(deps.timings, changes),
    subscribe: (spec) => deps.publisher.subscribe(spec),
    subscriptions: () => deps.publisher.list(),
    clearSubscriptions: () => deps.publisher.clear(),
    deliveries: () => deps.publisher.history(),
    flushEvents: () => deps.publisher.idle(),
    state: () => ({
      regions: deps.endpoints(),
      buckets: deps.store.all().map((b) => bucketState(b, deps)),
      faults: deps.faults.list(),
      replicationSkips: deps.skips.list(),
      subscriptions: deps.publisher.list(),
      requestLog: deps.log.stats(),
    }),
  };
}

function applyTimings(timings: MutableTimings, changes: Partial<MutableTimings>): MutableTimings {
  for (const name of ['startingMs', 'closingMs', 'replicationDelayMs'] as const) {
    const value = changes[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
    timings[name] = value;
  }
  return { ...timings };
}

function bucketState(b: BucketRecord, deps: AdminDeps): BucketState {
  const now = deps.clock().getTime();
  return {
    name: b.name,
    region: b.region,
    ...(b.versioning ? { versioning: b.versioning } : {}),
    tags: b.tags,
    objects: Object.values(b.objects).filter((v) => v[0] && !v[0].isDeleteMarker).length,
    rules: b.rules.map((r) => ({
      id: r.rule.id,
      destination: r.rule.destination.bucket,
      status: ruleLifecycle(r, now, deps.timings),
      paused: r.paused !== undefined,
      queued: r.queue.length,
      historicalPending: r.historical.pending.length,
      ...(ruleProgress(r, now, deps.timings).progress ? { progress: ruleProgress(r, now, deps.timings).progress } : {}),
    })),
  };
}
