/**
 * Turns object writes in a source bucket into queued replication work, per rule, filtered by the
 * rule's prefixes and actions. Writes made by replication itself never get here (no loops).
 */
import type { ReplicationAction, ReplicationRule } from '../../../shared/xml';
import { liveObjects } from '../models/objects';
import type { RuleTimings } from '../models/ruleState';
import { ruleLifecycle } from '../models/ruleState';
import type { BucketRecord, ObjectVersion, ReplicationItem, RuleRecord } from '../models/types';

export function matchesPrefixes(rule: ReplicationRule, key: string): boolean {
  return rule.prefixes.length === 0 || rule.prefixes.some((p) => key.startsWith(p));
}

/**
 * OSS replicates an SSE-KMS object only under a rule whose SseKmsEncryptedObjects is Enabled (with the
 * replica's key); under any other rule it is silently left behind (UNCONFIRMED, README).
 */
export function replicatesObject(rule: ReplicationRule, version: ObjectVersion | undefined): boolean {
  return version?.encryption?.algorithm !== 'KMS' || rule.sseKmsEncryptedObjects === 'Enabled';
}

function allows(actions: readonly ReplicationAction[], kind: ReplicationItem['kind']): boolean {
  if (actions.includes('ALL')) return true;
  return actions.includes(kind === 'put' ? 'PUT' : 'DELETE');
}

/** Queue `item` on every live rule of `bucket` that wants it. Returns true when anything was queued. */
export function enqueueWrite(bucket: BucketRecord, item: ReplicationItem, now: number, timings: RuleTimings): boolean {
  let queued = false;
  for (const record of bucket.rules) {
    const state = ruleLifecycle(record, now, timings);
    if (state !== 'starting' && state !== 'doing') continue;
    if (!matchesPrefixes(record.rule, item.key) || !allows(record.rule.actions, item.kind)) continue;
    if (item.kind === 'put' && !replicatesObject(record.rule, item.version)) continue;
    record.queue.push(item);
    queued = true;
  }
  return queued;
}

export function putItem(version: ObjectVersion): ReplicationItem {
  return { kind: 'put', key: version.key, versionId: version.versionId, deleteMarker: false, writtenAt: version.lastModified, version };
}

export function deleteItem(
  key: string,
  versionId: string,
  at: number,
  how: { deleteMarker: boolean; permanent: boolean },
): ReplicationItem {
  return { kind: 'delete', key, versionId, writtenAt: at, ...how };
}

/** The historical backlog of a new rule: the objects present now, if the rule asks for them. */
export function historicalBacklog(bucket: BucketRecord, rule: ReplicationRule): RuleRecord['historical'] {
  if (rule.historicalObjectReplication !== 'enabled') return { total: 0, copied: 0, pending: [] };
  const pending: ReplicationItem[] = [];
  for (const v of liveObjects(bucket)) if (matchesPrefixes(rule, v.key) && replicatesObject(rule, v)) pending.push(putItem(v));
  return { total: pending.length, copied: 0, pending };
}
