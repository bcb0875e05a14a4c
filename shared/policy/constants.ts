/** Limits, patterns and defaults of the policy file. Run-time safe: no dependencies. */
import type { ReplicationAction, TransferType } from '../xml';

/** OSS accepts at most 10 prefixes per replication rule by default. */
export const MAX_PREFIXES = 10;
/** Object keys (and so prefixes) are at most 1023 bytes. */
export const MAX_PREFIX_LENGTH = 1023;
/** Upper bounds of the audit budget per run: far above what one invocation can spend before its deadline. */
export const MAX_AUDIT_PAGES_PER_RUN = 10_000;
export const MAX_AUDIT_HEADS_PER_RUN = 100_000;
/** OSS tag keys are at most 128 characters. */
export const MAX_TAG_KEY_LENGTH = 128;

export const REPLICATION_ACTIONS: readonly ReplicationAction[] = ['ALL', 'PUT', 'DELETE', 'ABORT'];
export const TRANSFER_TYPES: readonly TransferType[] = ['internal', 'oss_acc'];
export const MODES = ['crr', 'srr', 'any'] as const;
export const ON_UNTAG = ['keep', 'remove'] as const;
/** What ensure does with a destination bucket that exists but was not created by this deployment. */
export const EXISTING_DESTINATION = ['refuse', 'adopt'] as const;
export const CHANNEL_TYPES = ['dingtalk', 'lark', 'wecom', 'slack', 'webhook', 'cloudmonitor'] as const;

/** Placeholders a destination bucket template may use. */
export const TEMPLATE_VARIABLES = ['bucket', 'region', 'account'] as const;

/**
 * Policy and channel names. No commas or spaces (a tag value lists names comma-separated) and no
 * dots (issue paths are dotted).
 */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
/** Bucket glob patterns: bucket-name characters plus `*`. */
export const BUCKET_GLOB_PATTERN = /^[a-z0-9*-]+$/;
/** Progress digest schedule: `hourly` or `daily@HH:MM` (UTC). */
export const DIGEST_PATTERN = /^(?:hourly|daily@(?:[01]\d|2[0-3]):[0-5]\d)$/;
/** A whole-value secret reference. */
export const SECRET_REFERENCE_PATTERN = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Channel fields that carry secrets, per channel type (webhook robots put their token in the URL). */
export const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  dingtalk: ['url', 'secret'],
  lark: ['url', 'secret'],
  wecom: ['url'],
  slack: ['url'],
  webhook: ['secret'],
  cloudmonitor: [],
};

export const DEFAULTS = {
  tagKey: 'replication-policy',
  mode: 'crr',
  prefixes: [] as string[],
  actions: ['ALL'] as ReplicationAction[],
  historical: true,
  transferType: 'internal',
  rtc: false,
  create: false,
  existing: 'refuse',
  enableVersioning: false,
  verify: { delaySeconds: 60, timeoutSeconds: 900, everyHours: 6 },
  /**
   * Parity audit: on, with a low budget. A new pass starts at most once a day; each audit run (hourly)
   * spends at most 100 listing pages (about 50,000 keys compared, source and destination together) and
   * 200 HEADs per rule, so a bucket of ten million objects is covered in about 8 days of runs.
   */
  audit: { everyHours: 24, pagesPerRun: 100, headsPerRun: 200 },
  alerts: { maxLagSeconds: 900, stalledAfterMinutes: 30 },
  guardrails: { destinationBuckets: ['*'], maxChangesPerRun: 200 },
  onUntag: 'keep',
} as const;
