/**
 * GetBucketReplicationProgress values. HistoricalObject = copied / total of the backlog taken when
 * the rule was added (1 when there was nothing to copy). NewObject = the write time of the oldest
 * write not yet replicated, or now when nothing is waiting: every object written before it has been
 * replicated. A paused rule reports the values it had when it was paused.
 */
import type { ReplicationProgressRule } from '../../../shared/xml';
import type { RuleTimings } from '../models/ruleState';
import { ruleLifecycle } from '../models/ruleState';
import type { RuleRecord } from '../models/types';
import { ossIsoTime } from '../util/time';

export function historicalFraction(record: RuleRecord): number {
  const { total, copied } = record.historical;
  return total === 0 ? 1 : Math.min(1, copied / total);
}

export function newObjectWatermark(record: RuleRecord, now: number): number {
  return record.queue[0]?.writtenAt ?? now;
}

export function ruleProgress(record: RuleRecord, now: number, timings: RuleTimings): ReplicationProgressRule {
  const status = ruleLifecycle(record, now, timings);
  const { rule } = record;
  const base: ReplicationProgressRule = {
    id: rule.id,
    prefixes: rule.prefixes,
    actions: rule.actions,
    destination: rule.destination,
    status: status === 'gone' ? 'closing' : status,
    historicalObjectReplication: rule.historicalObjectReplication,
  };
  if (status !== 'doing') return base;
  const historical = record.paused ? record.paused.historical : historicalFraction(record);
  const watermark = record.paused ? record.paused.watermark : newObjectWatermark(record, now);
  return {
    ...base,
    progress: {
      ...(rule.historicalObjectReplication === 'enabled' ? { historicalObject: historical ?? historicalFraction(record) } : {}),
      newObject: ossIsoTime(watermark),
    },
  };
}
