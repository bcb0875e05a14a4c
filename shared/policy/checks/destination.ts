import { BUCKET_NAME_RULE, isValidBucketName } from '../../oss/names';
import { globMatch } from '../globMatch';
import type { PathSegment } from '../issuePath';
import { renderTemplate, type TemplateValues } from '../renderDestinationBucket';
import type { RawIssue } from '../zodIssues';

/** Short but real values: if the template cannot make a bucket name from these, it never will. */
const SAMPLE: TemplateValues = { bucket: 'abc', region: 'cn-hangzhou', account: '1234567890123456' };

/** Only known placeholders, balanced braces, and a result that can be a bucket name. */
export function checkTemplate(template: unknown, path: readonly PathSegment[]): RawIssue[] {
  if (typeof template !== 'string' || template === '') return [];
  const result = renderTemplate(template, SAMPLE);
  if (!result.ok) return [{ path, message: result.reason }];
  if (isValidBucketName(result.value)) return [];
  return [{ path, message: `renders to "${result.value}" for source bucket "${SAMPLE.bucket}", not a valid bucket name (${BUCKET_NAME_RULE})` }];
}

/** The destination region must be one the guardrails allow (an empty list allows all). */
export function checkRegionAllowed(region: unknown, allowed: readonly string[], path: readonly PathSegment[]): RawIssue[] {
  if (typeof region !== 'string' || allowed.length === 0 || allowed.includes(region)) return [];
  return [{ path, message: `${region} is not in guardrails.destinationRegions (${allowed.join(', ')})` }];
}

/** A fixed destination name (no placeholders) can be checked against the bucket guardrail now rather than at run time. */
export function checkFixedBucketAllowed(template: unknown, patterns: readonly string[], path: readonly PathSegment[]): RawIssue[] {
  if (typeof template !== 'string' || /[{}]/.test(template) || !isValidBucketName(template)) return [];
  if (patterns.some((p) => globMatch(p, template))) return [];
  return [{ path, message: `"${template}" matches none of guardrails.destinationBuckets (${patterns.join(', ')})` }];
}
