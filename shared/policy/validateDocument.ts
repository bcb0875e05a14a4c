/** Validation of a whole policy document (already parsed from YAML or JSON). Build time only. */
import { checkChannelSecrets, isRecord } from './checks';
import { NAME_PATTERN } from './constants';
import type { PathSegment } from './issuePath';
import { channelSchema, documentSchema, guardrailsSchema, type ParsedGuardrails } from './schema';
import type { ChannelConfig, Policy, PolicyDocument } from './types';
import { validatePolicy, type PolicyContext } from './validatePolicy';
import { fromZod, policyErrorMap, type RawIssue } from './zodIssues';

export type DocumentResult = { readonly document: PolicyDocument; readonly issues: readonly [] } | { readonly issues: readonly RawIssue[] };

const NAME_RULE = 'names use letters, digits, "-" and "_" (no commas, spaces or dots), at most 63 characters';

function checkName(name: string, path: readonly PathSegment[]): RawIssue[] {
  return NAME_PATTERN.test(name) ? [] : [{ path, message: NAME_RULE }];
}

function validateGuardrails(raw: unknown, issues: RawIssue[]): ParsedGuardrails | undefined {
  const parsed = guardrailsSchema.safeParse(raw, { error: policyErrorMap });
  if (parsed.success) return parsed.data;
  issues.push(...fromZod(parsed.error, ['guardrails']));
  return undefined;
}

function validateChannels(raw: unknown, issues: RawIssue[]): Record<string, ChannelConfig> {
  const out: Record<string, ChannelConfig> = {};
  for (const [name, value] of Object.entries(isRecord(raw) ? raw : {})) {
    const path = ['channels', name];
    const parsed = channelSchema.safeParse(value, { error: policyErrorMap });
    const found = [...checkName(name, path), ...(parsed.success ? [] : fromZod(parsed.error, path)), ...checkChannelSecrets(value, path)];
    issues.push(...found);
    if (parsed.success && found.length === 0) out[name] = parsed.data;
  }
  return out;
}

function validatePolicies(raw: unknown, ctx: PolicyContext, issues: RawIssue[]): Record<string, Policy> {
  const out: Record<string, Policy> = {};
  for (const [name, value] of Object.entries(isRecord(raw) ? raw : {})) {
    const path = ['policies', name];
    const result = validatePolicy(name, value, path, ctx);
    issues.push(...checkName(name, path), ...result.issues);
    if (result.policy) out[name] = result.policy;
  }
  return out;
}

/**
 * Validates a policy document and applies defaults. Collects every issue rather than stopping at
 * the first, so one build run shows everything to fix.
 */
export function validateDocument(raw: unknown): DocumentResult {
  const issues: RawIssue[] = [];
  const frame = documentSchema.safeParse(raw, { error: policyErrorMap });
  if (!frame.success) issues.push(...fromZod(frame.error, []));
  const body = isRecord(raw) ? raw : {};
  const guardrails = validateGuardrails(body.guardrails, issues);
  const channels = validateChannels(body.channels, issues);
  const channelNames = isRecord(body.channels) ? Object.keys(body.channels) : [];
  const policies = validatePolicies(body.policies, { channelNames, ...(guardrails ? { guardrails } : {}) }, issues);
  if (issues.length > 0 || !frame.success || guardrails === undefined) return { issues };
  const { version, selector, onUntag } = frame.data;
  return { document: { version, selector, policies, channels, guardrails, onUntag }, issues: [] };
}
