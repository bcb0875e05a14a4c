import { DEFAULTS } from '../constants';
import type { PathSegment } from '../issuePath';
import type { RawIssue } from '../zodIssues';
import { isRecord } from './guards';

const KMS_FIELDS = ['syncRole', 'replicaKmsKeyId'] as const;

/** SSE-KMS replication needs the sync role and the replica key together (the KMS status follows from `kms` being set). */
export function checkKms(kms: unknown, path: readonly PathSegment[]): RawIssue[] {
  if (!isRecord(kms)) return [];
  return KMS_FIELDS.filter((f) => kms[f] === undefined || (typeof kms[f] === 'string' && kms[f].trim() === '')).map((f) => ({
    path: [...path, f],
    message: 'required when kms is set (give both syncRole and replicaKmsKeyId, or kms: null)',
  }));
}

/** oss_acc accelerates cross-region links; OSS only offers it for CRR. */
export function checkTransferType(policy: Record<string, unknown>, path: readonly PathSegment[]): RawIssue[] {
  const mode = policy.mode ?? DEFAULTS.mode;
  if (policy.transferType !== 'oss_acc' || mode === 'crr') return [];
  return [{ path: [...path, 'transferType'], message: `oss_acc is only allowed with mode crr, not ${String(mode)}` }];
}

/** A rule carries one SyncRole: the top-level one and kms.syncRole must agree when both are given. */
export function checkSyncRole(policy: Record<string, unknown>, path: readonly PathSegment[]): RawIssue[] {
  const kmsRole = isRecord(policy.kms) ? policy.kms.syncRole : undefined;
  if (typeof policy.syncRole !== 'string' || typeof kmsRole !== 'string' || kmsRole === '' || policy.syncRole === kmsRole) return [];
  return [{ path: [...path, 'syncRole'], message: 'differs from kms.syncRole (a rule has one sync role)' }];
}

/** The canary must be given time to arrive: the check window has to outlast the first-check delay. */
export function checkVerifyWindow(verify: unknown, path: readonly PathSegment[]): RawIssue[] {
  const v = isRecord(verify) ? verify : {};
  const delay = v.delaySeconds ?? DEFAULTS.verify.delaySeconds;
  const timeout = v.timeoutSeconds ?? DEFAULTS.verify.timeoutSeconds;
  if (typeof delay !== 'number' || typeof timeout !== 'number' || timeout > delay) return [];
  return [{ path: [...path, 'timeoutSeconds'], message: `must be greater than verify.delaySeconds (${delay})` }];
}
