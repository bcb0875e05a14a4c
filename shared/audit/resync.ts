/**
 * Resync: what the audit found missing or different, copied onto itself at the source (CopyObject,
 * metadata directive REPLACE, with the object's own content type, metadata, HTTP headers, storage class
 * and encryption) so that OSS sees a new write and the rule replicates it. Every key is checked again
 * first and left alone when it is outside the rule's scope, gone, changed since, or already matching.
 * A dry run by default; the keys copied are handed to the next audit run to re-check first.
 */
import { isCanaryKey } from '../canary';
import { isOssError, type ObjectHead, type OssApi } from '../oss';
import type { DocumentStore } from '../state';
import { describeError } from './auditRule';
import { readFound } from './found';
import { headReader, type RuleSides } from './heads';
import { unreplicable } from './judge';
import { writeResyncRequest } from './resyncRequests';
import { prefixIndexOf, sourceVerdict } from './scope';
import type { AuditDocument, AuditScope, FoundKey, ProblemClass, RecheckEntry } from './types';

/** CopyObject rewrites objects up to 1 GB; larger ones need UploadPartCopy, which this tool does not do. */
export const MAX_COPY_BYTES = 1024 ** 3;
/** Storage classes CopyObject cannot read without a restore first. */
const ARCHIVED = new Set(['Archive', 'ColdArchive', 'DeepColdArchive']);

export type ResyncAction = 'copy' | 'copied' | 'skipped' | 'failed';

export interface ResyncItem {
  readonly key: string;
  readonly class: ProblemClass;
  readonly action: ResyncAction;
  /** Why it was skipped or failed. */
  readonly reason?: string;
  readonly size?: number;
}

export interface ResyncResult {
  readonly items: readonly ResyncItem[];
  /** Found keys left for another resync: the budget (`max`) was reached before them. */
  readonly more: boolean;
  /** The document the copied keys were handed over in (with `apply`). */
  readonly recheckDocument?: string;
}

export interface ResyncInput {
  readonly sides: RuleSides;
  readonly ruleId: string;
  readonly scope: AuditScope;
  readonly doc: AuditDocument;
  /** Keys to look at, at most (copied or not). */
  readonly max: number;
  /** False: a dry run that changes nothing. */
  readonly apply: boolean;
}

/** The found keys of the pass under way, then of the last full pass, each key once. */
async function* candidates(state: DocumentStore, bucket: string, doc: AuditDocument): AsyncGenerator<FoundKey & { foundIn: string }> {
  const seen = new Set<string>();
  for (const pass of [doc.current, doc.lastFullPass]) {
    if (!pass) continue;
    for await (const found of readFound(state, bucket, doc.ruleId, pass.startedAt)) {
      if (seen.has(found.key)) continue;
      seen.add(found.key);
      yield { ...found, foundIn: pass.startedAt };
    }
  }
}

const matches = (source: ObjectHead, destination: ObjectHead | undefined): boolean =>
  destination !== undefined &&
  destination.contentLength === source.contentLength &&
  (destination.eTag.toUpperCase() === source.eTag.toUpperCase() || (source.crc64 !== undefined && source.crc64 === destination.crc64));

/** Why the key must not be copied, or undefined when it should be. */
function refusal(key: string, source: ObjectHead | undefined, destination: ObjectHead | undefined, scope: AuditScope): string | undefined {
  if (prefixIndexOf(key, scope.prefixes) < 0) return "outside the rule's prefixes";
  if (isCanaryKey(key)) return 'a canary key';
  if (!source) return 'no longer at the source';
  const byTime = sourceVerdict(key, source.lastModified, scope);
  if (byTime?.class === 'inFlight') return 'changed at the source since the audit: that write is already on its way';
  if (byTime?.class === 'outOfScope') return 'older than the rule, whose historical replication is off';
  const cannot = unreplicable(source, scope);
  if (cannot) return cannot.detail;
  if (source.contentLength > MAX_COPY_BYTES) return 'larger than 1 GB: CopyObject cannot rewrite it (UploadPartCopy is not supported here)';
  if (source.storageClass && ARCHIVED.has(source.storageClass)) return `${source.storageClass} storage: restore it before it can be copied`;
  if (matches(source, destination)) return 'already matches at the destination';
  return undefined;
}

/**
 * Copies the object onto itself with the content type, metadata and headers its HEAD showed, only while
 * it is still that object (`x-oss-copy-source-if-match` with the ETag judged): a write between the HEAD
 * and the copy must keep its own metadata, not get these back. (A rewrite with the very same bytes keeps
 * the ETag and is not caught; its metadata is then restored to what the HEAD saw.)
 */
async function copyOntoItself(oss: OssApi, sides: RuleSides, key: string, head: ObjectHead): Promise<void> {
  await oss.copyObject({
    ...sides.source,
    key,
    source: { bucket: sides.source.bucket, key },
    sourceIfMatch: head.eTag,
    metadataDirective: 'REPLACE',
    ...(head.contentType ? { contentType: head.contentType } : {}),
    metadata: head.metadata,
    ...(head.httpHeaders ? { httpHeaders: head.httpHeaders } : {}),
    ...(head.storageClass ? { storageClass: head.storageClass } : {}),
    ...(head.encryption ? { encryption: head.encryption } : {}),
  });
}

/** The object changed or went between the HEAD and the copy: not a failure, there is nothing left to repair. */
function raceReason(error: unknown): string | undefined {
  if (isOssError(error, 'PreconditionFailed')) return 'changed since the audit: its new write replicates on its own';
  if (isOssError(error, 'NoSuchKey')) return 'no longer at the source';
  return undefined;
}

export async function resyncRule(
  deps: { readonly oss: OssApi; readonly state: DocumentStore; readonly now: () => Date },
  input: ResyncInput,
): Promise<ResyncResult> {
  const { sides, scope } = input;
  const head = headReader(deps.oss, sides, () => undefined);
  const items: ResyncItem[] = [];
  const copied: RecheckEntry[] = [];
  let more = false;
  for await (const found of candidates(deps.state, sides.source.bucket, input.doc)) {
    if (items.length >= input.max) {
      more = true;
      break;
    }
    const inside = prefixIndexOf(found.key, scope.prefixes) >= 0 && !isCanaryKey(found.key);
    const [source, destination] = inside
      ? await Promise.all([head('source', found.key), head('destination', found.key)])
      : [undefined, undefined];
    const reason = refusal(found.key, source, destination, scope);
    const base = { key: found.key, class: found.class, ...(source ? { size: source.contentLength } : {}) };
    if (reason !== undefined || !source) {
      items.push({ ...base, action: 'skipped', reason: reason ?? 'no longer at the source' });
      continue;
    }
    if (!input.apply) {
      items.push({ ...base, action: 'copy' });
      continue;
    }
    try {
      await copyOntoItself(deps.oss, sides, found.key, source);
      items.push({ ...base, action: 'copied' });
      copied.push({ key: found.key, class: found.class, foundIn: found.foundIn, copiedAt: deps.now().toISOString() });
    } catch (error) {
      const raced = raceReason(error);
      items.push({ ...base, action: raced ? 'skipped' : 'failed', reason: raced ?? describeError(error) });
    }
  }
  const recheckDocument =
    copied.length > 0 ? await writeResyncRequest(deps.state, sides.source.bucket, input.ruleId, copied, deps.now()) : undefined;
  return { items, more, ...(recheckDocument ? { recheckDocument } : {}) };
}
