/**
 * A replication rule's fields as a plan shows them: one line per field of an added rule (`+`), of a
 * deleted one (`-`), or, when a rule replaces another, only the fields that change (`~ old -> new`).
 * Pure.
 */
import type { ReplicationRule } from '../shared/xml';

/** Field name and how a person reads its value; a field OSS leaves out reads as its default. */
const FIELDS: ReadonlyArray<readonly [string, (r: ReplicationRule) => string]> = [
  ['destination', (r) => `${r.destination.bucket} (${r.destination.location})`],
  ['prefixes', (r) => (r.prefixes.length > 0 ? r.prefixes.join(', ') : '(whole bucket)')],
  ['actions', (r) => r.actions.join(', ')],
  ['historical', (r) => String(r.historicalObjectReplication)],
  ['transferType', (r) => r.destination.transferType ?? 'internal'],
  ['rtc', (r) => r.rtc ?? 'disabled'],
  ['syncRole', (r) => r.syncRole ?? '(none)'],
  ['sseKmsEncryptedObjects', (r) => r.sseKmsEncryptedObjects ?? 'Disabled'],
  ['replicaKmsKeyId', (r) => r.replicaKmsKeyId ?? '(none)'],
];

/** Fields left at their default are not worth a line when a rule is only added or deleted. */
const OPTIONAL = new Set(['rtc', 'syncRole', 'sseKmsEncryptedObjects', 'replicaKmsKeyId']);
const DEFAULTS: Readonly<Record<string, string>> = {
  rtc: 'disabled',
  syncRole: '(none)',
  sseKmsEncryptedObjects: 'Disabled',
  replicaKmsKeyId: '(none)',
};

function fieldLines(rule: ReplicationRule, sign: '+' | '-'): string[] {
  return FIELDS.filter(([name, value]) => !OPTIONAL.has(name) || value(rule) !== DEFAULTS[name]).map(
    ([name, value]) => `${sign} ${name}: ${value(rule)}`,
  );
}

/** `before` absent: every field of an added rule; `after` absent: every field of a deleted one; both: what changes. */
export function ruleDiff(before: ReplicationRule | undefined, after: ReplicationRule | undefined): string[] {
  if (!before) return after ? fieldLines(after, '+') : [];
  if (!after) return fieldLines(before, '-');
  return FIELDS.filter(([, value]) => value(before) !== value(after)).map(
    ([name, value]) => `~ ${name}: ${value(before)} -> ${value(after)}`,
  );
}
