import { isOssError, type OssApi } from '../oss';
import type { PolicyDocument } from '../policy/runtime';
import { canaryRecord } from './canaryRecords';
import type { CanaryDiagnosis, CanaryTarget, CompletedCanary, PendingCanary } from './types';
import { writeCanary } from './write';

/** Used when the policy that scheduled a canary is no longer in the document. */
export const FALLBACK_VERIFY = { delaySeconds: 60, timeoutSeconds: 900 } as const;

export type Started =
  | { readonly kind: 'written'; readonly pending: PendingCanary }
  | { readonly kind: 'failed'; readonly completed: CompletedCanary }
  /** The source bucket no longer exists (NoSuchBucket): nothing to prove, the monitor retires the bucket. */
  | { readonly kind: 'source-gone' };

/**
 * Writes a canary for `target` with the policy's timings. A source that refuses the write is a failed
 * canary (recorded, so the monitor alerts); a source that no longer exists is `source-gone`, not a
 * failure: a deleted bucket is retired by the monitor, not alerted about every 15 minutes. Transient
 * errors propagate.
 */
export async function startCanary(
  oss: OssApi,
  policy: PolicyDocument,
  policyName: string,
  target: CanaryTarget,
  now: Date,
): Promise<Started> {
  const verify = policy.policies[policyName]?.verify ?? FALLBACK_VERIFY;
  try {
    return {
      kind: 'written',
      pending: await writeCanary(oss, target, { now, delaySeconds: verify.delaySeconds, timeoutSeconds: verify.timeoutSeconds }),
    };
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) return { kind: 'source-gone' };
    const diagnosis = writeFailure(error, target);
    if (!diagnosis) throw error;
    const check = { kind: 'failed' as const, diagnosis, checkedAt: now.toISOString() };
    return {
      kind: 'failed',
      completed: { kind: 'completed', target, record: canaryRecord({ target, key: '', writtenAt: now.toISOString() }, check) },
    };
  }
}

/** The diagnosis of a canary write the source refused for good; undefined for anything a retry may fix. */
export function writeFailure(error: unknown, t: CanaryTarget): CanaryDiagnosis | undefined {
  const where = `${t.sourceBucket} (${t.sourceRegion}), rule ${t.ruleId}`;
  if (isOssError(error, 'AccessDenied'))
    return {
      code: 'AccessDenied',
      message: `Access denied (PutObject) writing the canary to ${where}. Check the function role's RAM policy.`,
    };
  return undefined;
}
