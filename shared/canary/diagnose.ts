import { isOssError, type OssApi } from '../oss';
import type { CanaryDiagnosis, PendingCanary } from './types';

/**
 * Why a canary did not arrive: looks at the rule, the destination and both versioning states, in the
 * order a person would, and names the first cause found.
 */
export async function diagnoseMissingCanary(oss: OssApi, pending: PendingCanary): Promise<CanaryDiagnosis> {
  const t = pending.target;
  const where = `${t.sourceBucket} (${t.sourceRegion}) -> ${t.destinationBucket} (${t.destinationRegion}), rule ${t.ruleId}`;
  try {
    const config = await oss.getBucketReplication({ bucket: t.sourceBucket, region: t.sourceRegion });
    const rule = config.rules.find((r) => r.id === t.ruleId);
    if (!rule)
      return {
        code: 'RuleMissing',
        message: `The replication rule is gone from the source bucket: ${where}. The reconcile function re-creates owned rules; check who deleted it.`,
      };
    if (rule.status === 'starting')
      return {
        code: 'RuleStillStarting',
        message: `The rule is still starting after the verification window: ${where}. OSS has not begun replicating.`,
      };
    if (rule.status === 'closing') return { code: 'RuleClosing', message: `The rule is being deleted (closing): ${where}.` };
    const destination = await oss.getBucketInfo({ bucket: t.destinationBucket, region: t.destinationRegion });
    const sourceVersioning = await oss.getBucketVersioning({ bucket: t.sourceBucket, region: t.sourceRegion });
    if (destination.versioning !== sourceVersioning) {
      return {
        code: 'VersioningMismatch',
        message: `Versioning differs: source ${sourceVersioning ?? 'never enabled'}, destination ${destination.versioning ?? 'never enabled'}: ${where}. OSS replicates only between buckets in the same versioning state.`,
      };
    }
  } catch (error) {
    if (isOssError(error, 'NoSuchBucket')) {
      const gone = error.bucket === t.sourceBucket ? 'SourceBucketGone' : 'DestinationBucketGone';
      return { code: gone, message: `The ${gone === 'SourceBucketGone' ? 'source' : 'destination'} bucket no longer exists: ${where}.` };
    }
    if (isOssError(error, 'AccessDenied')) return accessDenied(where, error.operation);
    throw error;
  }
  return {
    code: 'NeverArrived',
    message: `The canary object never arrived in the destination within the window: ${where}. The rule is active; replication may be stalled.`,
  };
}

export function accessDenied(where: string, operation: string): CanaryDiagnosis {
  return { code: 'AccessDenied', message: `Access denied (${operation}) while verifying ${where}. Check the function role's RAM policy.` };
}
