import type { ReplicationAction, TransferType } from '../xml';

/**
 * The compiled policy document: what `npm run build` produces from the YAML file after validation,
 * and what functions load at run time (JSON, no YAML parser or schema library in the bundles).
 * `${env:NAME}` references stay as references here; they are resolved at run time by `resolveSecret`.
 */
export interface PolicyDocument {
  readonly version: 1;
  readonly selector: { readonly tagKey: string };
  readonly policies: Readonly<Record<string, Policy>>;
  readonly channels: Readonly<Record<string, ChannelConfig>>;
  readonly guardrails: Guardrails;
  readonly onUntag: 'keep' | 'remove';
}

export interface Policy {
  readonly name: string;
  readonly destination: {
    readonly region: string;
    /** Template with `{bucket}`, `{region}`, `{account}`. */
    readonly bucket: string;
    /** Create the destination when missing (in `region`, with the source's versioning state). */
    readonly create: boolean;
    /**
     * A destination that exists but was not created by this deployment: `refuse` blocks the policy
     * (its data and versioning belong to someone else), `adopt` replicates into it.
     */
    readonly existing: 'refuse' | 'adopt';
    /**
     * Enable versioning on an adopted destination when the source has it enabled (never disabled or
     * suspended). Destinations this deployment created are always aligned with their source.
     */
    readonly enableVersioning: boolean;
  };
  /** `crr` needs a different region from the source, `srr` the same; `any` allows both. */
  readonly mode: 'crr' | 'srr' | 'any';
  readonly prefixes: readonly string[];
  readonly actions: readonly ReplicationAction[];
  readonly historical: boolean;
  readonly transferType: TransferType;
  readonly rtc: boolean;
  readonly kms: null | { readonly syncRole: string; readonly replicaKmsKeyId: string };
  /** Optional RAM role for replication when not using KMS. */
  readonly syncRole?: string;
  readonly verify: { readonly delaySeconds: number; readonly timeoutSeconds: number; readonly everyHours: number };
  /** Parity audit of source against destination; null = off. */
  readonly audit: AuditSettings | null;
  readonly alerts: {
    readonly channels: readonly string[];
    readonly maxLagSeconds: number;
    readonly stalledAfterMinutes: number;
    /** Cron-ish schedule for progress digests, e.g. `daily@09:00` (UTC); null = none. */
    readonly digest: string | null;
  };
}

export interface AuditSettings {
  /** A new pass over the bucket starts this long after the previous one started. */
  readonly everyHours: number;
  /** ListObjectsV2 pages per rule per audit run, source and destination together. */
  readonly pagesPerRun: number;
  /** HeadObject calls per rule per audit run. */
  readonly headsPerRun: number;
}

export type ChannelConfig =
  | { readonly type: 'dingtalk'; readonly url: string; readonly secret?: string }
  | { readonly type: 'lark'; readonly url: string; readonly secret?: string }
  | { readonly type: 'wecom'; readonly url: string }
  | { readonly type: 'slack'; readonly url: string }
  | { readonly type: 'webhook'; readonly url: string; readonly secret?: string }
  | { readonly type: 'cloudmonitor'; readonly region: string; readonly groupId?: string };

export interface Guardrails {
  readonly destinationRegions: readonly string[];
  /** Glob patterns (`*` only) the rendered destination bucket name must match. */
  readonly destinationBuckets: readonly string[];
  readonly maxChangesPerRun: number;
}
