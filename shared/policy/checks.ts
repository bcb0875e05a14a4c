/**
 * Cross-field checks of the policy file, the rules zod's field schemas cannot say (schema.ts holds
 * those). Each reads the raw input, so it runs even when zod found other problems, and returns issues
 * with their path; validatePolicy and validateDocument call them.
 */
import { BUCKET_NAME_RULE, isValidBucketName } from '../oss/names';
import { DEFAULTS, MAX_PREFIXES, REPLICATION_ACTIONS, SECRET_FIELDS } from './constants';
import { globMatch } from './globMatch';
import type { PathSegment } from './issuePath';
import { renderTemplate, type TemplateValues } from './renderDestinationBucket';
import { secretReferenceName } from './resolveSecret';
import type { RawIssue } from './zodIssues';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The strings of an array, keeping indexes (non-strings are zod's to report); undefined when not an array. */
export function stringEntries(v: unknown): Array<[number, string]> | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((s, i): Array<[number, string]> => (typeof s === 'string' ? [[i, s]] : []));
}

/** At least one action, no duplicates, and ALL (= PUT+DELETE+ABORT) alone. */
export function checkActions(value: unknown, path: readonly PathSegment[]): RawIssue[] {
  const actions = stringEntries(value);
  if (actions === undefined) return [];
  if ((value as unknown[]).length === 0) {
    return [{ path, message: `must list at least one action (${REPLICATION_ACTIONS.join(', ')})` }];
  }
  const issues: RawIssue[] = [];
  const seen = new Set<string>();
  for (const [i, a] of actions) {
    if (seen.has(a)) issues.push({ path: [...path, i], message: `duplicate action "${a}"` });
    seen.add(a);
  }
  if (seen.has('ALL') && [...seen].some((a) => a !== 'ALL')) {
    issues.push({ path, message: 'ALL cannot be combined with other actions' });
  }
  return issues;
}

/** Why prefixes[j] conflicts with an earlier prefix, if it does. */
function conflict(prefixes: Array<[number, string]>, j: number, p: string): string | undefined {
  for (const [i, q] of prefixes) {
    if (i >= j) break;
    if (q === p) return `duplicates prefixes[${i}] ("${q}")`;
    // OSS rejects overlapping prefixes: one must not be a prefix of the other.
    if (p.startsWith(q) || q.startsWith(p)) return `overlaps "${q}"`;
  }
  return undefined;
}

/** At most 10 prefixes, no duplicates, none a prefix of another. */
export function checkPrefixes(value: unknown, path: readonly PathSegment[]): RawIssue[] {
  const prefixes = stringEntries(value);
  if (prefixes === undefined) return [];
  const issues: RawIssue[] = [];
  const total = (value as unknown[]).length;
  if (total > MAX_PREFIXES) issues.push({ path, message: `at most ${MAX_PREFIXES} prefixes per rule, got ${total}` });
  for (const [j, p] of prefixes) {
    if (p === '') continue;
    const why = conflict(
      prefixes.filter(([, q]) => q !== ''),
      j,
      p,
    );
    if (why !== undefined) issues.push({ path: [...path, j], message: why });
  }
  return issues;
}

/** Short but real values: if the template cannot make a bucket name from these, it never will. */
const SAMPLE: TemplateValues = { bucket: 'abc', region: 'cn-hangzhou', account: '1234567890123456' };

/** Only known placeholders, balanced braces, and a result that can be a bucket name. */
export function checkTemplate(template: unknown, path: readonly PathSegment[]): RawIssue[] {
  if (typeof template !== 'string' || template === '') return [];
  const result = renderTemplate(template, SAMPLE);
  if (!result.ok) return [{ path, message: result.reason }];
  if (isValidBucketName(result.value)) return [];
  return [
    { path, message: `renders to "${result.value}" for source bucket "${SAMPLE.bucket}", not a valid bucket name (${BUCKET_NAME_RULE})` },
  ];
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

/**
 * Fields that carry secrets (signing secrets, robot URLs with their token) must be `${env:NAME}`
 * references. The message never repeats the value: it may be the secret itself.
 */
export function checkChannelSecrets(channel: unknown, path: readonly PathSegment[]): RawIssue[] {
  if (!isRecord(channel) || typeof channel.type !== 'string') return [];
  const fields = Object.hasOwn(SECRET_FIELDS, channel.type) ? (SECRET_FIELDS[channel.type] ?? []) : [];
  return fields
    .filter((f) => typeof channel[f] === 'string' && channel[f] !== '' && secretReferenceName(channel[f]) === undefined)
    .map((f) => ({ path: [...path, f], message: 'must be an ${env:NAME} reference, not a literal secret' }));
}

/** Every channel a policy alerts must be defined under `channels`. */
export function checkAlertChannels(channels: unknown, defined: readonly string[], path: readonly PathSegment[]): RawIssue[] {
  const named = stringEntries(channels) ?? [];
  const known = defined.length === 0 ? 'no channels are defined' : `defined: ${defined.join(', ')}`;
  return named
    .filter(([, name]) => name !== '' && !defined.includes(name))
    .map(([i, name]) => ({ path: [...path, i], message: `unknown channel "${name}" (${known})` }));
}
