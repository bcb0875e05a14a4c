import { isOssError } from '../oss/errors';
import type { ObjectHead, OssApi } from '../oss/types';
import { accessDenied, diagnoseMissingCanary } from './diagnose';
import { CANARY_META } from './key';
import type { CanaryCheck, CanaryDiagnosis, PendingCanary } from './types';
import { replicatesDeletes } from './write';

/**
 * One look at a pending canary. Transient OSS errors propagate: the caller keeps the pending check and
 * tries again on its next run. Permanent outcomes clean up after themselves.
 */
export async function checkCanary(oss: OssApi, pending: PendingCanary, now: Date): Promise<CanaryCheck> {
  return pending.phase === 'copy' ? checkCopy(oss, pending, now) : checkDelete(oss, pending, now);
}

async function checkCopy(oss: OssApi, pending: PendingCanary, now: Date): Promise<CanaryCheck> {
  const t = pending.target;
  const head = await headDestination(oss, pending);
  if (head.kind === 'denied') return fail(oss, pending, now, accessDenied(describe(pending), 'HeadObject'));
  if (head.kind === 'bucket-gone' || head.kind === 'absent') {
    if (head.kind === 'absent' && now < new Date(pending.deadlineAt)) return { kind: 'waiting', pending: { ...pending, attempts: pending.attempts + 1 } };
    return fail(oss, pending, now, await diagnoseMissingCanary(oss, pending));
  }
  const mismatch = contentMismatch(pending, head.head);
  if (mismatch) return fail(oss, pending, now, { code: 'ContentMismatch', message: `${mismatch}: ${describe(pending)}.` });
  const arrivedAt = arrivalTime(pending, head.head, now);
  await oss.deleteObject({ bucket: t.sourceBucket, region: t.sourceRegion, key: pending.key });
  if (replicatesDeletes(t)) {
    return { kind: 'waiting', pending: { ...pending, phase: 'delete', arrivedAt: arrivedAt.toISOString(), attempts: pending.attempts + 1 } };
  }
  // The rule does not replicate deletes, so the copy would stay forever: remove it ourselves.
  await oss.deleteObject({ bucket: t.destinationBucket, region: t.destinationRegion, key: pending.key });
  return { kind: 'verified', latencyMs: arrivedAt.getTime() - Date.parse(pending.writtenAt), checkedAt: now.toISOString() };
}

async function checkDelete(oss: OssApi, pending: PendingCanary, now: Date): Promise<CanaryCheck> {
  const head = await headDestination(oss, pending);
  if (head.kind === 'denied') return fail(oss, pending, now, accessDenied(describe(pending), 'HeadObject'));
  const arrivedAt = Date.parse(pending.arrivedAt ?? pending.writtenAt);
  if (head.kind === 'absent') return { kind: 'verified', latencyMs: arrivedAt - Date.parse(pending.writtenAt), checkedAt: now.toISOString() };
  if (head.kind === 'bucket-gone') return fail(oss, pending, now, await diagnoseMissingCanary(oss, pending));
  if (now < new Date(pending.deadlineAt)) return { kind: 'waiting', pending: { ...pending, attempts: pending.attempts + 1 } };
  return fail(oss, pending, now, {
    code: 'DeleteNotReplicated',
    message: `The canary's delete never reached the destination although the rule replicates deletes: ${describe(pending)}.`,
  });
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
  if (head.crc64 !== undefined && head.crc64 !== pending.crc64) return `The destination copy's CRC64 ${head.crc64} differs from the source's ${pending.crc64}`;
  if (head.metadata[CANARY_META.nonce] !== pending.nonce) return 'The destination copy lost the canary metadata';
  return undefined;
}

/** The replica's Last-Modified when it is plausible (seconds granularity), else the time we saw it. */
function arrivalTime(pending: PendingCanary, head: ObjectHead, now: Date): Date {
  const modified = head.lastModified ? Date.parse(head.lastModified) : NaN;
  const written = Date.parse(pending.writtenAt);
  return Number.isFinite(modified) && modified >= written - 1000 && modified <= now.getTime() ? new Date(Math.max(modified, written)) : now;
}

async function fail(oss: OssApi, pending: PendingCanary, now: Date, diagnosis: CanaryDiagnosis): Promise<CanaryCheck> {
  await cleanUp(oss, pending);
  return { kind: 'failed', diagnosis, checkedAt: now.toISOString() };
}

/** Best effort: a failed canary must not leave objects behind, but cleaning up must not hide the diagnosis. */
async function cleanUp(oss: OssApi, pending: PendingCanary): Promise<void> {
  const t = pending.target;
  const targets = [
    { bucket: t.sourceBucket, region: t.sourceRegion },
    { bucket: t.destinationBucket, region: t.destinationRegion },
  ];
  await Promise.allSettled(targets.map((b) => oss.deleteObject({ ...b, key: pending.key })));
}

function describe(pending: PendingCanary): string {
  const t = pending.target;
  return `${t.sourceBucket} (${t.sourceRegion}) -> ${t.destinationBucket} (${t.destinationRegion}), rule ${t.ruleId}, object ${pending.key}`;
}
