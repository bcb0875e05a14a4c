/**
 * What a rule promises to copy, and whether a key falls inside that promise. Pure: the live rule and
 * its progress come in, verdicts about scope come out.
 */
import { isCanaryKey } from '../canary';
import { compareKeys } from '../oss';
import type { OwnedRule } from '../state';
import type { ReplicationProgressRule, ReplicationRule } from '../xml';
import { TIME_RESOLUTION_MS } from './constants';
import type { AuditScope, Verdict } from './types';

/** The rule cannot be audited now, and why (in words for the status). */
export interface NotAuditable {
  readonly waiting: string;
}

function replicatesDeletes(rule: ReplicationRule): boolean {
  return rule.actions.includes('ALL') || rule.actions.includes('DELETE');
}

/**
 * The scope of an owned rule, or why it cannot be judged now: a rule that is not `doing`, has no
 * watermark, or whose backfill of existing objects is not finished (until then every old object is
 * still on its way, and NewObject says nothing about them).
 */
export function auditScope(
  owned: OwnedRule,
  live: ReplicationRule | undefined,
  progress: ReplicationProgressRule | undefined,
): AuditScope | NotAuditable {
  if (!live || live.status === 'closing') return { waiting: 'the rule is gone or closing' };
  if (progress?.status !== 'doing') return { waiting: `the rule is ${progress?.status ?? 'not reporting progress'}` };
  const watermark = Date.parse(progress.progress?.newObject ?? '');
  if (Number.isNaN(watermark)) return { waiting: 'the rule reports no NewObject watermark' };
  const historical = live.historicalObjectReplication === 'enabled';
  const backfill = progress.progress?.historicalObject;
  if (historical && backfill !== undefined && backfill < 1)
    return { waiting: `backfill of existing objects at ${(backfill * 100).toFixed(1)}%` };
  const created = Date.parse(owned.createdAt);
  return {
    prefixes: live.prefixes.length > 0 ? [...live.prefixes].sort(compareKeys) : [''],
    watermark,
    // Unknown creation time: every old object counts as out of scope rather than as missing.
    ruleCreatedAt: Number.isNaN(created) ? Number.POSITIVE_INFINITY : created,
    historical,
    replicatesDeletes: replicatesDeletes(live),
    replicatesKms: live.sseKmsEncryptedObjects === 'Enabled',
  };
}

export function isNotAuditable<T extends object>(value: T | NotAuditable): value is NotAuditable {
  return 'waiting' in value;
}

/**
 * The verdict a source key gets from its time alone, or undefined when it must be compared: canary keys
 * are ignored; a key modified within the last second before the watermark or after it is in flight (the
 * time is known to the second only); without historical replication, a key older than the rule is out of
 * scope.
 */
export function sourceVerdict(key: string, lastModified: string | undefined, scope: AuditScope): Verdict | undefined {
  if (isCanaryKey(key)) return { class: 'ignored' };
  const modified = Date.parse(lastModified ?? '');
  if (Number.isNaN(modified)) return { class: 'inFlight', detail: 'no Last-Modified to judge by' };
  if (!(modified + TIME_RESOLUTION_MS <= scope.watermark)) return { class: 'inFlight' };
  if (!scope.historical && modified < scope.ruleCreatedAt) return { class: 'outOfScope' };
  return undefined;
}

/** The index of the rule prefix a key falls under, or -1 (outside the rule: never judged, never copied). */
export function prefixIndexOf(key: string, prefixes: readonly string[]): number {
  return prefixes.findIndex((p) => key.startsWith(p));
}
