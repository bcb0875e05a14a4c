/**
 * What `cli resync` copied, for the next audit run to re-check first: one create-only document per
 * resync (`audit/<bucket>/<rule>/resync/<ISO>-<nonce>.json`), read and deleted by the audit run that
 * takes the keys over. Written apart from the audit document, so a resync never races an audit run.
 */
import { randomUUID } from 'node:crypto';
import { arrayProblem, invalid, schemaProblem, valid, type Checked } from '../state';
import { auditResyncKey, auditResyncPrefix } from '../state';
import type { DocumentStore } from '../state';
import type { RecheckEntry } from './types';

const RESYNC_SCHEMA = 1;

interface ResyncRequest {
  readonly schema: typeof RESYNC_SCHEMA;
  readonly bucket: string;
  readonly ruleId: string;
  readonly at: string;
  readonly keys: readonly RecheckEntry[];
}

function checkRequest(value: unknown): Checked<ResyncRequest> {
  const problem =
    schemaProblem(value, RESYNC_SCHEMA) ?? arrayProblem(value as Record<string, unknown>, 'keys', ['key', 'class', 'foundIn', 'copiedAt']);
  if (problem !== undefined) return invalid(problem);
  const doc = value as ResyncRequest;
  return doc.keys.every((k) => k.class === 'missing' || k.class === 'different')
    ? valid(doc)
    : invalid('keys hold a class other than missing or different');
}

export async function writeResyncRequest(
  store: DocumentStore,
  bucket: string,
  ruleId: string,
  keys: readonly RecheckEntry[],
  now: Date,
): Promise<string> {
  const key = auditResyncKey(bucket, ruleId, now, randomUUID());
  await store.create<ResyncRequest>(key, { schema: RESYNC_SCHEMA, bucket, ruleId, at: now.toISOString(), keys });
  return key;
}

export interface PendingResync {
  /** The request documents read (to delete once their keys are taken over). */
  readonly documents: readonly string[];
  readonly entries: readonly RecheckEntry[];
}

/** Every pending request of the rule; one naming another bucket or rule is left out (and deleted with the rest). */
export async function readResyncRequests(store: DocumentStore, bucket: string, ruleId: string): Promise<PendingResync> {
  const documents = await store.list(auditResyncPrefix(bucket, ruleId));
  const entries: RecheckEntry[] = [];
  for (const key of documents) {
    const doc = await store.read(key, checkRequest);
    if (doc && doc.value.bucket === bucket && doc.value.ruleId === ruleId) entries.push(...doc.value.keys);
  }
  return { documents, entries };
}

export async function deleteResyncRequests(store: DocumentStore, documents: readonly string[]): Promise<void> {
  for (const key of documents) await store.delete(key);
}
