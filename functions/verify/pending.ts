import { isCanaryKeyFor } from '../../shared/canary';
import { arrayProblem, type Checked, type DocumentCheck, invalid, isPendingCanaryKeyOf, isRecord, valid } from '../../shared/state';
import type { PendingDocument } from './types';

const TARGET_FIELDS = ['sourceBucket', 'sourceRegion', 'ruleId', 'destinationBucket', 'destinationRegion'] as const;
const CANARY_FIELDS = ['key', 'nonce', 'crc64', 'writtenAt', 'dueAt', 'deadlineAt'] as const;
const VERSION_FIELDS = ['versionId', 'destinationVersionId', 'sourceMarkerVersionId', 'arrivedAt'] as const;

function targetProblem(doc: Record<string, unknown>, key: string): string | undefined {
  const t = doc['target'];
  if (!isRecord(t)) return 'target is not an object';
  const missing = TARGET_FIELDS.find((f) => typeof t[f] !== 'string');
  if (missing !== undefined) return `target.${missing} is not a string`;
  const lists = ['prefixes', 'actions'].find((f) => !Array.isArray(t[f]) || (t[f] as unknown[]).some((v) => typeof v !== 'string'));
  if (lists !== undefined) return `target.${lists} is not a list of strings`;
  const [bucket, rule] = [t['sourceBucket'] as string, t['ruleId'] as string];
  if (!isPendingCanaryKeyOf(key, bucket, rule)) return `target ${bucket} / ${rule} is not the one its key names`;
  return undefined;
}

/** A written canary: every field a check reads, and a key inside the rule's reserved canary folder. */
function canaryProblem(doc: Record<string, unknown>): string | undefined {
  const missing =
    CANARY_FIELDS.find((f) => typeof doc[f] !== 'string') ?? VERSION_FIELDS.find((f) => doc[f] !== undefined && typeof doc[f] !== 'string');
  if (missing !== undefined) return `${missing} is not a string`;
  if (doc['phase'] !== 'copy' && doc['phase'] !== 'delete') return 'phase is neither copy nor delete';
  if (typeof doc['attempts'] !== 'number') return 'attempts is not a number';
  const target = doc['target'] as { prefixes: string[]; ruleId: string };
  if (!isCanaryKeyFor(doc['key'] as string, target)) {
    return `object key "${(doc['key'] as string).slice(0, 200)}" is not a canary key of rule ${target.ruleId} (verify deletes only canary keys)`;
  }
  return undefined;
}

function kindProblem(doc: Record<string, unknown>): string | undefined {
  switch (doc['kind']) {
    case undefined:
      return canaryProblem(doc);
    case 'schedule':
      return typeof doc['policy'] === 'string' && typeof doc['dueAt'] === 'string' ? undefined : 'a schedule without policy or dueAt';
    case 'completed':
      return isRecord(doc['record'])
        ? arrayProblem({ records: [doc['record']] }, 'records', ['ruleId', 'writtenAt', 'outcome'])
        : 'a completed check without its record';
    default:
      return `unknown kind ${JSON.stringify(doc['kind']).slice(0, 40)}`;
  }
}

/**
 * The check of a document under `canaries/pending/`: a schedule, a written canary or a finished check,
 * about the bucket and rule its key names. A written canary whose object key is not in the rule's
 * reserved canary folder is refused here, so verify never checks (and so never deletes) it: the store
 * moves it aside with the reason, which is logged and alerted.
 */
export function checkPendingDocument(key: string): DocumentCheck<PendingDocument> {
  return (value: unknown): Checked<PendingDocument> => {
    if (!isRecord(value)) return invalid('not a JSON object');
    const problem = targetProblem(value, key) ?? kindProblem(value);
    return problem === undefined ? valid(value as unknown as PendingDocument) : invalid(problem);
  };
}
