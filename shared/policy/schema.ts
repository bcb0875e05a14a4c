/**
 * Zod schemas of the policy file: field types, enums, ranges and defaults. BUILD TIME ONLY (compile
 * script, CLI, tests): zod must never be imported from run-time code. Rules that relate several
 * fields live in checks.ts.
 */
import { z } from 'zod';
import {
  BUCKET_GLOB_PATTERN,
  DEFAULTS,
  DIGEST_PATTERN,
  EXISTING_DESTINATION,
  MAX_AUDIT_HEADS_PER_RUN,
  MAX_AUDIT_PAGES_PER_RUN,
  MAX_PREFIX_LENGTH,
  MAX_TAG_KEY_LENGTH,
  MODES,
  ON_UNTAG,
  REPLICATION_ACTIONS,
  TRANSFER_TYPES,
} from './constants';
import { REGION_PATTERN } from '../oss/names';

const region = z.string().regex(REGION_PATTERN, 'must be a region id such as cn-beijing (without the oss- prefix)');
const nonEmpty = z.string().min(1, 'must not be empty');
const count = (min: number) => z.number().int().min(min);

const prefix = z
  .string()
  .min(1, 'must not be empty (omit prefixes to replicate the whole bucket)')
  .max(MAX_PREFIX_LENGTH, `must be at most ${MAX_PREFIX_LENGTH} characters`)
  .refine((p) => !p.startsWith('/') && !p.startsWith('\\'), 'must not start with "/" or "\\" (object keys cannot)');

const destination = z.strictObject({
  region,
  bucket: nonEmpty,
  create: z.boolean().default(DEFAULTS.create),
  existing: z.enum(EXISTING_DESTINATION).default(DEFAULTS.existing),
  enableVersioning: z.boolean().default(DEFAULTS.enableVersioning),
});

// Both kms fields are optional here so that a half-filled block gets the all-or-nothing message
// from checks.ts rather than a bare "required".
const kms = z.strictObject({ syncRole: z.string().optional(), replicaKmsKeyId: z.string().optional() }).nullable();

const verify = z.strictObject({
  delaySeconds: count(0).default(DEFAULTS.verify.delaySeconds),
  timeoutSeconds: count(1).default(DEFAULTS.verify.timeoutSeconds),
  everyHours: count(1).default(DEFAULTS.verify.everyHours),
});

// pagesPerRun counts the listing pages of both buckets (one each at least, or a run cannot move); a key
// whose ETags differ needs a HEAD on each side.
const audit = z.strictObject({
  everyHours: count(1).default(DEFAULTS.audit.everyHours),
  pagesPerRun: count(2).max(MAX_AUDIT_PAGES_PER_RUN).default(DEFAULTS.audit.pagesPerRun),
  headsPerRun: count(2).max(MAX_AUDIT_HEADS_PER_RUN).default(DEFAULTS.audit.headsPerRun),
});

const alerts = z.strictObject({
  channels: z.array(nonEmpty).default([]),
  maxLagSeconds: count(1).default(DEFAULTS.alerts.maxLagSeconds),
  stalledAfterMinutes: count(1).default(DEFAULTS.alerts.stalledAfterMinutes),
  digest: z.string().regex(DIGEST_PATTERN, 'must be "hourly" or "daily@HH:MM" (UTC)').nullable().default(null),
});

export const policySchema = z.strictObject({
  destination,
  mode: z.enum(MODES).default(DEFAULTS.mode),
  prefixes: z.array(prefix).default([]),
  actions: z.array(z.enum(REPLICATION_ACTIONS as ['ALL', 'PUT', 'DELETE', 'ABORT'])).default([...DEFAULTS.actions]),
  historical: z.boolean().default(DEFAULTS.historical),
  transferType: z.enum(TRANSFER_TYPES as ['internal', 'oss_acc']).default(DEFAULTS.transferType),
  rtc: z.boolean().default(DEFAULTS.rtc),
  kms: kms.default(null),
  syncRole: nonEmpty.optional(),
  verify: verify.prefault({}),
  audit: audit.nullable().prefault({}),
  alerts: alerts.prefault({}),
});

const withSecret = { url: nonEmpty, secret: nonEmpty.optional() };
export const channelSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dingtalk'), ...withSecret }),
  z.strictObject({ type: z.literal('lark'), ...withSecret }),
  z.strictObject({ type: z.literal('wecom'), url: nonEmpty }),
  z.strictObject({ type: z.literal('slack'), url: nonEmpty }),
  z.strictObject({ type: z.literal('webhook'), ...withSecret }),
  z.strictObject({ type: z.literal('cloudmonitor'), region, groupId: nonEmpty.optional() }),
]);

export const guardrailsSchema = z
  .strictObject({
    destinationRegions: z.array(region).default([]),
    destinationBuckets: z
      .array(z.string().regex(BUCKET_GLOB_PATTERN, 'must use only lowercase letters, digits, "-" and "*"'))
      .min(1, 'must list at least one pattern ("*" allows any bucket)')
      .default([...DEFAULTS.guardrails.destinationBuckets]),
    maxChangesPerRun: count(1).default(DEFAULTS.guardrails.maxChangesPerRun),
  })
  .prefault({});

/**
 * The document's frame. Policies, channels and guardrails are validated separately (one entry at a
 * time) so that a problem in one part never hides the problems of another.
 */
export const documentSchema = z.strictObject({
  version: z.literal(1),
  selector: z.strictObject({ tagKey: nonEmpty.max(MAX_TAG_KEY_LENGTH).default(DEFAULTS.tagKey) }).prefault({}),
  policies: z.record(z.string(), z.unknown()),
  channels: z.record(z.string(), z.unknown()).default({}),
  guardrails: z.unknown().optional(),
  onUntag: z.enum(ON_UNTAG).default(DEFAULTS.onUntag),
});

export type ParsedPolicy = z.output<typeof policySchema>;
export type ParsedChannel = z.output<typeof channelSchema>;
export type ParsedGuardrails = z.output<typeof guardrailsSchema>;
