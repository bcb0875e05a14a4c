/**
 * The silent-drop fault: the replication engine skips chosen writes of a rule as if it had copied them
 * (backfill counts them copied, the NewObject watermark moves past them) and the destination never
 * gets them. This is the drift a parity audit exists to find: progress says everything arrived, and a
 * few objects did not. Chosen by key prefix, by count ("the next N items"), or both.
 */
import { randomUUID } from 'node:crypto';
import type { ReplicationItem } from '../models/types';

export interface SkipSpec {
  /** The source bucket. */
  readonly bucket: string;
  /** Only this rule of the bucket; every rule when absent. */
  readonly ruleId?: string;
  /** Only keys under this prefix. */
  readonly prefix?: string;
  /** Only the next N matching items, then the fault disappears. Unlimited when absent. */
  readonly count?: number;
}

export interface SkippedItem {
  readonly ruleId: string;
  readonly key: string;
  readonly kind: ReplicationItem['kind'];
  readonly versionId: string;
  /** Epoch ms of the engine tick that dropped it. */
  readonly at: number;
}

export interface SkipFault extends SkipSpec {
  readonly id: string;
  remaining?: number;
  /** What this fault dropped, oldest first (the newest MAX_SKIPPED_RECORDED). */
  readonly skipped: SkippedItem[];
}

/** Dropped items remembered per fault, so a test can name exactly what the destination lacks. */
export const MAX_SKIPPED_RECORDED = 10_000;

/** Validates a spec from the admin API; throws a plain Error with a readable message. */
export function checkSkipSpec(spec: SkipSpec): void {
  if (typeof spec.bucket !== 'string' || spec.bucket === '') throw new Error('bucket is required');
  if (spec.ruleId !== undefined && (typeof spec.ruleId !== 'string' || spec.ruleId === ''))
    throw new Error('ruleId must be a non-empty string');
  if (spec.prefix !== undefined && typeof spec.prefix !== 'string') throw new Error('prefix must be a string');
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) throw new Error('count must be a positive integer');
  if (spec.prefix === undefined && spec.count === undefined)
    throw new Error('give a prefix, a count or both: a skip of everything is a paused rule (replication/pause)');
}

export class ReplicationSkips {
  private faults: SkipFault[] = [];

  add(spec: SkipSpec): SkipFault {
    checkSkipSpec(spec);
    const { bucket, ruleId, prefix, count } = spec;
    const fault: SkipFault = {
      id: randomUUID(),
      bucket,
      ...(ruleId !== undefined ? { ruleId } : {}),
      ...(prefix !== undefined ? { prefix } : {}),
      ...(count !== undefined ? { count, remaining: count } : {}),
      skipped: [],
    };
    this.faults.push(fault);
    return copy(fault);
  }

  list(): SkipFault[] {
    return this.faults.map(copy);
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * True when a fault claims the item: the engine then drops it silently. The first matching fault
   * with count left takes it; a used-up fault stays listed (remaining 0) with what it dropped until `clear`.
   */
  take(bucket: string, ruleId: string, item: ReplicationItem, now: number): boolean {
    const fault = this.faults.find((f) => (f.remaining === undefined || f.remaining > 0) && matches(f, bucket, ruleId, item.key));
    if (!fault) return false;
    if (fault.remaining !== undefined) fault.remaining -= 1;
    fault.skipped.push({ ruleId, key: item.key, kind: item.kind, versionId: item.versionId, at: now });
    if (fault.skipped.length > MAX_SKIPPED_RECORDED) fault.skipped.shift();
    return true;
  }
}

function matches(fault: SkipFault, bucket: string, ruleId: string, key: string): boolean {
  if (fault.bucket !== bucket) return false;
  if (fault.ruleId !== undefined && fault.ruleId !== ruleId) return false;
  return fault.prefix === undefined || key.startsWith(fault.prefix);
}

function copy(fault: SkipFault): SkipFault {
  return { ...fault, skipped: [...fault.skipped] };
}
