/**
 * `audit/<bucket>/<rule>.json`: the audit of one rule between runs. Written only by audit runs, under
 * the `audit-run` lease; read by the monitor (parity incidents), `cli status` and the dashboard.
 */
import { invalid, isRecord, schemaProblem, valid, type Checked } from '../state';
import { auditDocumentKey } from '../state';
import type { DocumentStore } from '../state';
import { emptyCounts } from './tally';
import { AUDIT_DOCUMENT_SCHEMA, type AuditDocument, type AuditPass } from './types';

export function emptyAuditDocument(bucket: string, ruleId: string, now: Date): AuditDocument {
  return { schema: AUDIT_DOCUMENT_SCHEMA, bucket, ruleId, updatedAt: now.toISOString(), recheck: [] };
}

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const isTime = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/**
 * Why a stored cursor cannot be where its pass stands: past the pass's last prefix, or after a key
 * outside the prefix it names. Either would let the next run walk nothing and record a full pass.
 */
function cursorProblem(cursor: unknown, prefixes: readonly string[], field: string): string | undefined {
  if (!(isRecord(cursor) && isCount(cursor['prefix']) && (cursor['after'] === undefined || typeof cursor['after'] === 'string')))
    return `${field}.cursor is not a position`;
  const index = cursor['prefix'] as number;
  const prefix = prefixes[index];
  if (prefix === undefined) return `${field}.cursor.prefix ${index} is past the pass's ${prefixes.length} prefix(es)`;
  const after = cursor['after'] as string | undefined;
  if (after !== undefined && !after.startsWith(prefix))
    return `${field}.cursor.after is not a key under the prefix ${JSON.stringify(prefix)}`;
  return undefined;
}

function passProblem(value: unknown, field: string, full: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return `${field} is not an object`;
  if (!isTime(value['startedAt'])) return `${field}.startedAt is not a time`;
  if (value['endedAt'] !== undefined && !isTime(value['endedAt'])) return `${field}.endedAt is not a time`;
  if (full && value['endedAt'] === undefined) return `${field} has no end`;
  const prefixes = value['prefixes'];
  if (!Array.isArray(prefixes) || prefixes.length === 0 || !prefixes.every((p) => typeof p === 'string'))
    return `${field}.prefixes is not a list of prefixes`;
  const counts = value['counts'];
  if (!isRecord(counts) || !Object.values(counts).every(isCount)) return `${field}.counts is not a map of counts`;
  for (const name of ['sourceKeys', 'runs', 'pages', 'heads', 'recorded', 'unrecorded', 'chunks']) {
    if (!isCount(value[name])) return `${field}.${name} is not a count`;
  }
  if (value['expectedSourceKeys'] !== undefined && !isCount(value['expectedSourceKeys']))
    return `${field}.expectedSourceKeys is not a count`;
  const cursor = value['cursor'];
  if (cursor !== undefined) {
    const problem = cursorProblem(cursor, prefixes as string[], field);
    if (problem !== undefined) return problem;
  }
  if (cursor === undefined && value['endedAt'] === undefined) return `${field} has neither a cursor nor an end`;
  const samples = value['samples'];
  const lists = isRecord(samples) ? Object.values(samples) : [];
  if (!isRecord(samples) || !lists.every((l) => Array.isArray(l) && l.every((s) => isRecord(s) && typeof s['key'] === 'string')))
    return `${field}.samples is not lists of keys`;
  return isRecord(value['unreplicable']) ? undefined : `${field}.unreplicable is not an object`;
}

/** What the audit, the monitor and the status read without checking again. */
export function checkAuditDocument(value: unknown): Checked<AuditDocument> {
  const problem = schemaProblem(value, AUDIT_DOCUMENT_SCHEMA);
  if (problem !== undefined) return invalid(problem);
  const doc = value as Record<string, unknown>;
  if (typeof doc['bucket'] !== 'string' || typeof doc['ruleId'] !== 'string') return invalid('bucket or ruleId is not a string');
  const recheck = doc['recheck'];
  if (
    !Array.isArray(recheck) ||
    !recheck.every(
      (e) =>
        isRecord(e) &&
        typeof e['key'] === 'string' &&
        typeof e['foundIn'] === 'string' &&
        (e['class'] === 'missing' || e['class'] === 'different'),
    )
  ) {
    return invalid('recheck is not a list of keys');
  }
  const failing = doc['failing'];
  if (failing !== undefined && !(isRecord(failing) && isTime(failing['since']) && isCount(failing['runs']) && failing['runs'] !== 0))
    return invalid('failing is not a count of failed runs since a time');
  const lastRun = doc['lastRun'];
  if (lastRun !== undefined && !(isRecord(lastRun) && isTime(lastRun['at']) && typeof lastRun['outcome'] === 'string'))
    return invalid('lastRun is not a run report');
  const passes = passProblem(doc['current'], 'current', false) ?? passProblem(doc['lastFullPass'], 'lastFullPass', true);
  if (passes !== undefined) return invalid(passes);
  const withCounts = (p: unknown): AuditPass | undefined =>
    isRecord(p) ? ({ ...p, counts: { ...emptyCounts(), ...(p['counts'] as object) } } as unknown as AuditPass) : undefined;
  const current = withCounts(doc['current']);
  const lastFullPass = withCounts(doc['lastFullPass']);
  return valid({ ...(doc as unknown as AuditDocument), ...(current ? { current } : {}), ...(lastFullPass ? { lastFullPass } : {}) });
}

/**
 * The stored audit of a rule, checked: the document of another bucket or rule (a copied or forged key)
 * is not taken for this one's. A document the reader cannot use is quarantined by the store.
 */
export async function readAuditDocument(store: DocumentStore, bucket: string, ruleId: string): Promise<AuditDocument | undefined> {
  const stored = await store.read(auditDocumentKey(bucket, ruleId), checkAuditDocument);
  if (!stored || stored.value.bucket !== bucket || stored.value.ruleId !== ruleId) return undefined;
  return stored.value;
}

export async function saveAuditDocument(store: DocumentStore, doc: AuditDocument, now: Date): Promise<void> {
  await store.put(auditDocumentKey(doc.bucket, doc.ruleId), { ...doc, updatedAt: now.toISOString() });
}

export type PassDecision = 'continue' | 'start' | 'notDue';

/**
 * Whether a run works on this rule: it carries on a pass in progress; it starts one when none ever
 * ran, when `everyHours` passed since the last one started, when a resync asked for re-checks, or when
 * forced (`cli audit`); otherwise there is nothing to do until the next pass is due.
 */
export function passDecision(
  doc: AuditDocument,
  everyHours: number,
  now: Date,
  options: { readonly resynced: boolean; readonly force?: boolean },
): PassDecision {
  if (doc.current) return 'continue';
  if (options.force || options.resynced || !doc.lastFullPass) return 'start';
  return now.getTime() - Date.parse(doc.lastFullPass.startedAt) >= everyHours * 3_600_000 ? 'start' : 'notDue';
}
