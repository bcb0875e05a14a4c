/**
 * The run-time face of the policy module: what functions import. Tiny and dependency-free on
 * purpose: yaml and zod (build time only, see compile.ts) must never enter a function bundle.
 */
export { parsePolicyDocument } from './parsePolicyDocument';
export { policiesForTags, type PolicyMatch } from './policiesForTags';
export { renderDestinationBucket, renderTemplate, type TemplateValues, type TemplateResult } from './renderDestinationBucket';
export { checkGuardrails, type GuardrailCode, type GuardrailViolation, type ReplicationPair } from './checkGuardrails';
export { resolveSecret, secretReferenceName } from './resolveSecret';
export { globMatch } from './globMatch';
export { PolicyValidationError, MissingSecretError, InvalidDestinationBucketError, formatIssue, type PolicyIssue } from './errors';
export type { PolicyDocument, Policy, ChannelConfig, Guardrails, AuditSettings } from './types';
export { DEFAULTS } from './constants';
