import { isOssError, type ObjectHead, type OssApi } from '../oss';
import { accessDenied, diagnoseMissingCanary } from './diagnose';
import { CANARY_META, isCanaryKeyFor } from './key';
import type { CanaryCheck, CanaryDiagnosis, PendingCanary } from './types';
import { replicatesDeletes } from './write';

/** Last-Modified is whole seconds: the replica was written at some instant inside this span after it. */
export const LAST_MODIFIED_RESOLUTION_MS = 1000;

/**
 * One look at a pending canary. Transient OSS errors propagate: the caller keeps the pending check and
 * tries again on its next run. Permanent outcomes clean up after themselves.
 */
export async function checkCanary(oss: OssApi, pending: PendingCanary, now: Date): Promise<CanaryCheck> {
  // A check deletes the object at `pending.key` in both buckets: never for a key that is not a canary's.
  if (!isCanaryKeyFor(pending.key, pending.target)) throw new NotACanaryKeyError(pending.key, pending.target.ruleId);
  return pending.phase === 'copy' ? checkCopy(oss, pending, now) : checkDelete(oss, pending, now);
}

/** A pending check names an object outside the rule's reserved canary folder: nothing is touched. */
export class NotACanaryKeyError extends Error {
  override readonly name = 'NotACanaryKeyError';
  readonly code = 'NotACanaryKey';
  constructor(key: string, ruleId: string) {
    super(`"${key.slice(0, 200)}" is not a canary key of rule ${ruleId.slice(0, 100)}: refusing to check (and delete) it`);
  }
}

async function checkCopy(oss: OssApi, pending: PendingCanary, now: Date): Promise<CanaryCheck> {
  const t = pending.target;
  const head = await headDestination(oss, pending);
  if (head.kind === 'denied') return fail(oss, pending, now, accessDenied(describe(pending), 'HeadObject'));
  if (head.kind === 'bucket-gone' || head.kind === 'absent') {
    if (head.kind === 'absent' && now < new Date(pending.deadlineAt))
      return { kind: 'waiting', pending: { ...pending, attempts: pending.attempts + 1 } };
    return fail(oss, pending, now, await diagnoseMissingCanary(oss, pending));
  }
  const seen: PendingCanary = { ...pending, ...(head.head.versionId ? { destinationVersionId: head.head.versionId } : {}) };
  const mismatch = contentMismatch(pending, head.head);
  if (mismatch) return fail(oss, seen, now, { code: 'ContentMismatch', message: `${mismatch}: ${describe(pending)}.` }, true);
  const latencyMs = canaryLatencyMs(pending.writtenAt, head.head.lastModified, now);
  const arrived: PendingCanary = { ...seen, arrivedAt: new Date(Date.parse(pending.writtenAt) + latencyMs).toISOString() };
  if (replicatesDeletes(t)) {
    // A delete without a version id: on a versioned source it adds a delete marker, and that marker
    // reaching the destination is what proves the rule replicates deletes. Its id is kept for cleanup.
    const deleted = await oss.deleteObject({ bucket: t.sourceBucket, region: t.sourceRegion, key: pending.key });
    const marker = deleted.deleteMarker && deleted.versionId ? { sourceMarkerVersionId: deleted.versionId } : {};
    // The delete gets as long as the copy had: a copy seen just before its deadline must not leave the
    // delete no time at all (a false DeleteNotReplicated).
    const deadlineAt = new Date(now.getTime() + Date.parse(pending.deadlineAt) - Date.parse(pending.writtenAt)).toISOString();
    return { kind: 'waiting', pending: { ...arrived, ...marker, phase: 'delete', deadlineAt, attempts: pending.attempts + 1 } };
  }
  // The rule does not replicate deletes, so the copy would stay forever: remove both ourselves.
  await purge(oss, arrived, true);
  return { kind: 'verified', latencyMs, checkedAt: now.toISOString() };
}

async function checkDelete(oss: OssApi, pending: PendingCanary, now: Date): Promise<CanaryCheck> {
  const head = await headDestination(oss, pending);
  if (head.kind === 'denied') return fail(oss, pending, now, accessDenied(describe(pending), 'HeadObject'));
  const arrivedAt = Date.parse(pending.arrivedAt ?? pending.writtenAt);
  if (head.kind === 'absent') {
    await purge(oss, pending, true);
    return { kind: 'verified', latencyMs: arrivedAt - Date.parse(pending.writtenAt), checkedAt: now.toISOString() };
  }
  if (head.kind === 'bucket-gone') return fail(oss, pending, now, await diagnoseMissingCanary(oss, pending));
  if (now < new Date(pending.deadlineAt)) return { kind: 'waiting', pending: { ...pending, attempts: pending.attempts + 1 } };
  return fail(
    oss,
    pending,
    now,
    {
      code: 'DeleteNotReplicated',
      message: `The canary's delete never reached the destination although the rule replicates deletes: ${describe(pending)}.`,
    },
    true,
  );
}

/**
 * The canary's replication latency, recorded as an upper bound (the rule for every figure we report).
 *
 * What we know: the write happened at `writtenAt` (our clock, ms); the replica's Last-Modified `L` is
 * whole seconds, so it was written somewhere in [L, L + 1 s); and it was there when we looked (`seenAt`).
 * Taking `L` at face value under-reports: a copy made 150 ms after the write usually carries the same
 * second as the write, and read 0 ms (what the emulator always showed). So the latency is
 * `min(L + 1 s, seenAt) - writtenAt`: never less than the truth, at most a second more.
 * When Last-Modified is missing or implausible (its second ends before the write, or it is later than
 * the moment we saw the copy: clock skew), the first-seen time is the bound, which overstates by up to
 * the recheck interval. Never negative.
 */
export function canaryLatencyMs(writtenAt: string, lastModified: string | undefined, seenAt: Date): number {
  const written = Date.parse(writtenAt);
  const modified = lastModified ? Date.parse(lastModified) : NaN;
  const seen = seenAt.getTime();
  const plausible = Number.isFinite(modified) && modified + LAST_MODIFIED_RESOLUTION_MS > written && modified <= seen;
  const arrivedBy = plausible ? Math.min(modified + LAST_MODIFIED_RESOLUTION_MS, seen) : seen;
  return Math.max(0, arrivedBy - written);
}

type HeadOutcome = { kind: 'found'; head: ObjectHead } | { kind: 'absent' } | { kind: 'bucket-gone' } | { kind: 'denied' };

async function headDestination(oss: OssApi, pending: PendingCanary): Promise<HeadOutcome> {
  const t = pending.target;
  try {
    return { kind: 'found', head: await oss.headObject({ bucket: t.destinationBucket, region: t.destinationRegion, key: pending.key }) };
  } catch (error) {
    if (isOssError(error, 'NoSuchKey')) return { kind: 'absent' };
    if (isOssError(error, 'NoSuchBucket')) return { kind: 'bucket-gone' };
    if (isOssError(error, 'AccessDenied')) return { kind: 'denied' };
    throw error;
  }
}

function contentMismatch(pending: PendingCanary, head: ObjectHead): string | undefined {
  if (head.crc64 !== undefined && head.crc64 !== pending.crc64)
    return `The destination copy's CRC64 ${head.crc64} differs from the source's ${pending.crc64}`;
  if (head.metadata[CANARY_META.nonce] !== pending.nonce) return 'The destination copy lost the canary metadata';
  return undefined;
}

async function fail(oss: OssApi, pending: PendingCanary, now: Date, diagnosis: CanaryDiagnosis, copySeen = false): Promise<CanaryCheck> {
  // Best effort: a failed canary must not leave objects behind, but cleaning up must not hide the diagnosis.
  await purge(oss, pending, copySeen, true);
  return { kind: 'failed', diagnosis, checkedAt: now.toISOString() };
}

type Deletion = { readonly bucket: string; readonly region: string; readonly key: string; readonly versionId?: string };

/**
 * Every object version the canary made, so that versioned buckets keep neither noncurrent versions nor
 * delete markers (a plain delete there would only add a marker):
 * - source: the canary's own version (id from PutObject) and the delete marker our delete added;
 * - destination: the replica (id from its HEAD) and the replicated delete marker. OSS gives a replica
 *   the source version's id (so does the emulator), so that marker is removed by the source marker's id;
 *   if it had another id, the delete is a no-op (204) and the marker stays: the only case we cannot see.
 * Unversioned buckets have no ids: the key is deleted. A versioned destination where the copy was never
 * seen is left alone. Deleting a version that is already gone is harmless, so this can be repeated.
 */
export function canaryDeletions(pending: PendingCanary, copySeen: boolean): Deletion[] {
  const t = pending.target;
  const src = { bucket: t.sourceBucket, region: t.sourceRegion, key: pending.key };
  const dst = { bucket: t.destinationBucket, region: t.destinationRegion, key: pending.key };
  const out: Deletion[] = [pending.versionId ? { ...src, versionId: pending.versionId } : src];
  if (pending.sourceMarkerVersionId) out.push({ ...src, versionId: pending.sourceMarkerVersionId });
  if (pending.destinationVersionId) out.push({ ...dst, versionId: pending.destinationVersionId });
  else if (copySeen || !pending.versionId) out.push(dst);
  if (pending.sourceMarkerVersionId) out.push({ ...dst, versionId: pending.sourceMarkerVersionId });
  return out;
}

/**
 * One at a time, in order: the source's version goes before its marker, so the key never reappears as a
 * live object. After a success an error propagates (the check is repeated next run; deletes are
 * idempotent); after a failure every deletion is tried and errors are ignored.
 */
async function purge(oss: OssApi, pending: PendingCanary, copySeen: boolean, bestEffort = false): Promise<void> {
  for (const d of canaryDeletions(pending, copySeen)) {
    if (!bestEffort) await oss.deleteObject(d);
    else await oss.deleteObject(d).catch(() => undefined);
  }
}

function describe(pending: PendingCanary): string {
  const t = pending.target;
  return `${t.sourceBucket} (${t.sourceRegion}) -> ${t.destinationBucket} (${t.destinationRegion}), rule ${t.ruleId}, object ${pending.key}`;
}
