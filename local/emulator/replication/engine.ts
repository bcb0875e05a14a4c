/**
 * The background replication engine. Every tick it retires rules whose closing period is over and,
 * for each rule in `doing` that is not paused and whose destination exists, copies the historical
 * backlog and the queued new writes whose replication delay has passed.
 */
import { OssErrors } from '../errors';
import type { RuleTimings } from '../models/ruleState';
import { doingSince, purgeGoneRules, ruleLifecycle } from '../models/ruleState';
import type { BucketRecord, ObjectVersion, ReplicationItem, RuleRecord } from '../models/types';
import type { Store } from '../store/store';
import { applyItem } from './applyItem';
import { historicalFraction, newObjectWatermark } from './progress';
import type { ReplicationSkips } from './skips';

export interface EngineTimings extends RuleTimings {
  /** Latency of each object: an item is copied this long after it was written (or after `doing`). */
  readonly replicationDelayMs: number;
}

export interface EngineOptions {
  /** Read on every tick, so the admin API can change them at run time. */
  readonly timings: EngineTimings;
  readonly tickMs: number;
  /** Historical objects copied per rule per tick, so backfill progress is visible. */
  readonly historicalPerTick: number;
  readonly clock: () => Date;
  /**
   * Where a failed background tick is reported (e.g. the data dir became unwritable). Without it a
   * throw inside the timer would be an uncaught exception and take the whole process down.
   */
  readonly onError?: (error: unknown) => void;
  /** The silent-drop fault (admin API): items it claims count as copied and never reach the destination. */
  readonly skips?: ReplicationSkips;
}

export class ReplicationEngine {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: EngineOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        this.options.onError?.(error);
      }
    }, this.options.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass over every bucket. Exposed so tests and the admin API can force progress. */
  tick(): void {
    const now = this.options.clock().getTime();
    for (const bucket of this.store.replicating()) {
      let changed = purgeGoneRules(bucket, now, this.options.timings);
      for (const record of bucket.rules) changed = this.runRule(bucket, record, now) || changed;
      if (changed) this.store.changed(bucket);
    }
  }

  pause(bucketName: string, ruleId: string): void {
    const record = this.findRule(bucketName, ruleId);
    if (record.paused) return;
    const now = this.options.clock().getTime();
    record.paused = { at: now, watermark: newObjectWatermark(record, now), historical: historicalFraction(record) };
    this.store.changed(this.store.require(bucketName));
  }

  resume(bucketName: string, ruleId: string): void {
    const record = this.findRule(bucketName, ruleId);
    delete record.paused;
    this.store.changed(this.store.require(bucketName));
  }

  private findRule(bucketName: string, ruleId: string): RuleRecord {
    const record = this.store.require(bucketName).rules.find((r) => r.rule.id === ruleId);
    if (!record) throw OssErrors.noSuchReplicationRule(ruleId);
    return record;
  }

  /** Returns true when the source record changed (queues moved). */
  private runRule(bucket: BucketRecord, record: RuleRecord, now: number): boolean {
    if (record.paused || ruleLifecycle(record, now, this.options.timings) !== 'doing') return false;
    const dest = this.store.find(record.rule.destination.bucket);
    if (!dest) return false; // destination gone: the rule stays and stops making progress
    const start = doingSince(record, this.options.timings);
    const delay = this.options.timings.replicationDelayMs;
    const removed: ObjectVersion[] = [];
    let moved = now >= start + delay ? this.runHistorical(bucket, dest, record, now, removed) : 0;
    let destChanged = moved > 0;
    while (record.queue.length > 0 && Math.max((record.queue[0] as ReplicationItem).writtenAt, start) + delay <= now) {
      const item = record.queue.shift() as ReplicationItem;
      moved++;
      if (this.skipped(bucket, record, item, now)) continue;
      const outcome = applyItem(this.store, dest, item, now);
      removed.push(...outcome.removed);
      destChanged = outcome.changed || destChanged;
    }
    if (destChanged && dest !== bucket) this.store.changed(dest);
    // Only once the destination is saved (crash safety: see ApplyOutcome).
    this.store.freeBlobs(removed);
    return moved > 0;
  }

  private runHistorical(source: BucketRecord, dest: BucketRecord, record: RuleRecord, now: number, removed: ObjectVersion[]): number {
    const batch = record.historical.pending.splice(0, this.options.historicalPerTick);
    for (const item of batch) {
      record.historical.copied++;
      if (!this.skipped(source, record, item, now)) removed.push(...applyItem(this.store, dest, item, now).removed);
    }
    return batch.length;
  }

  private skipped(source: BucketRecord, record: RuleRecord, item: ReplicationItem, now: number): boolean {
    return this.options.skips?.take(source.name, record.rule.id, item, now) ?? false;
  }
}
