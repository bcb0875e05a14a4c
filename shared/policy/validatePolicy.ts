/** Validation of one policy entry: schema, then cross-field rules, then rules against the rest of the document. Build time only. */
import {
  checkActions,
  checkAlertChannels,
  checkFixedBucketAllowed,
  checkKms,
  checkPrefixes,
  checkRegionAllowed,
  checkSyncRole,
  checkTemplate,
  checkTransferType,
  checkVerifyWindow,
  isRecord,
} from './checks';
import type { PathSegment } from './issuePath';
import { policySchema, type ParsedGuardrails, type ParsedPolicy } from './schema';
import type { Policy } from './types';
import { fromZod, policyErrorMap, type RawIssue } from './zodIssues';

/** What a policy is checked against besides itself. `guardrails` is absent when it was invalid. */
export interface PolicyContext {
  readonly channelNames: readonly string[];
  readonly guardrails?: ParsedGuardrails;
}

function crossFieldIssues(raw: Record<string, unknown>, path: readonly PathSegment[]): RawIssue[] {
  const destination = isRecord(raw.destination) ? raw.destination : {};
  return [
    ...checkPrefixes(raw.prefixes, [...path, 'prefixes']),
    ...checkActions(raw.actions, [...path, 'actions']),
    ...checkKms(raw.kms, [...path, 'kms']),
    ...checkSyncRole(raw, path),
    ...checkTransferType(raw, path),
    ...checkVerifyWindow(raw.verify, [...path, 'verify']),
    ...checkTemplate(destination.bucket, [...path, 'destination', 'bucket']),
  ];
}

function contextIssues(raw: Record<string, unknown>, path: readonly PathSegment[], ctx: PolicyContext): RawIssue[] {
  const destination = isRecord(raw.destination) ? raw.destination : {};
  const alerts = isRecord(raw.alerts) ? raw.alerts : {};
  const g = ctx.guardrails;
  return [
    ...(g ? checkRegionAllowed(destination.region, g.destinationRegions, [...path, 'destination', 'region']) : []),
    ...(g ? checkFixedBucketAllowed(destination.bucket, g.destinationBuckets, [...path, 'destination', 'bucket']) : []),
    ...checkAlertChannels(alerts.channels, ctx.channelNames, [...path, 'alerts', 'channels']),
  ];
}

function toPolicy(name: string, p: ParsedPolicy): Policy {
  const { kms, syncRole, ...rest } = p;
  return {
    name,
    ...rest,
    // checkKms guarantees both fields when kms is set.
    kms: kms === null ? null : { syncRole: kms.syncRole ?? '', replicaKmsKeyId: kms.replicaKmsKeyId ?? '' },
    ...(syncRole === undefined ? {} : { syncRole }),
  };
}

/** Validates one policy; returns the compiled policy only when it has no issues. */
export function validatePolicy(
  name: string,
  raw: unknown,
  path: readonly PathSegment[],
  ctx: PolicyContext,
): { policy?: Policy; issues: RawIssue[] } {
  const parsed = policySchema.safeParse(raw, { error: policyErrorMap });
  const issues = parsed.success ? [] : fromZod(parsed.error, path);
  if (isRecord(raw)) issues.push(...crossFieldIssues(raw, path), ...contextIssues(raw, path, ctx));
  if (issues.length > 0 || !parsed.success) return { issues };
  return { policy: toPolicy(name, parsed.data), issues };
}
