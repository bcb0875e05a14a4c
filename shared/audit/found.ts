/**
 * The missing and different keys of a pass, kept beside the audit document so that resync can repair
 * all of them, not only the samples: one document per run that found any (`found/<pass>/<seq>.json`),
 * read back in order, deleted with the pass they belong to.
 */
import { arrayProblem, invalid, schemaProblem, valid, type Checked } from '../state';
import { auditFoundKey, auditFoundPrefix } from '../state';
import type { DocumentStore } from '../state';
import { FOUND_KEYS_PER_DOCUMENT } from './constants';
import type { FoundKey } from './types';

const FOUND_SCHEMA = 1;

interface FoundDocument {
  readonly schema: typeof FOUND_SCHEMA;
  readonly pass: string;
  readonly keys: readonly FoundKey[];
}

function checkFound(value: unknown): Checked<FoundDocument> {
  const problem = schemaProblem(value, FOUND_SCHEMA) ?? arrayProblem(value as Record<string, unknown>, 'keys', ['key', 'class']);
  if (problem !== undefined) return invalid(problem);
  const doc = value as FoundDocument;
  if (!Array.isArray(doc.keys) || doc.keys.some((k) => k.class !== 'missing' && k.class !== 'different'))
    return invalid('keys hold a class other than missing or different');
  return valid(doc);
}

/**
 * Writes `keys` as the documents numbered from `firstSequence` on; returns how many it wrote. A run that
 * fails before saving its audit document writes the same numbers again on its retry (plain PUTs).
 */
export async function writeFound(
  store: DocumentStore,
  target: { bucket: string; ruleId: string; pass: string },
  firstSequence: number,
  keys: readonly FoundKey[],
): Promise<number> {
  let written = 0;
  for (let i = 0; i < keys.length; i += FOUND_KEYS_PER_DOCUMENT) {
    const doc: FoundDocument = { schema: FOUND_SCHEMA, pass: target.pass, keys: keys.slice(i, i + FOUND_KEYS_PER_DOCUMENT) };
    await store.put(auditFoundKey(target.bucket, target.ruleId, target.pass, firstSequence + written), doc);
    written += 1;
  }
  return written;
}

/** The found keys of one pass, document by document in the order written (only one document in memory at a time). */
export async function* readFound(store: DocumentStore, bucket: string, ruleId: string, pass: string): AsyncGenerator<FoundKey> {
  for (const key of await store.list(auditFoundPrefix(bucket, ruleId, pass))) {
    const doc = await store.read(key, checkFound);
    if (doc && doc.value.pass === pass) yield* doc.value.keys;
  }
}

/** Deletes the found documents of a pass that is no longer current nor the last full one. */
export async function deleteFound(store: DocumentStore, bucket: string, ruleId: string, pass: string): Promise<void> {
  for (const key of await store.list(auditFoundPrefix(bucket, ruleId, pass))) await store.delete(key);
}
