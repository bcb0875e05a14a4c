/**
 * Records the emulator keeps per bucket. They are plain JSON-able data so the store can persist
 * them as they are; behaviour lives in the sibling modules that own each invariant.
 */
import type { ReplicationRule, Tag, VersioningStatus } from '../../../shared/xml';

/** One version of an object, or a delete marker. Immutable once written. */
export interface ObjectVersion {
  readonly key: string;
  /** `null` (the string) on unversioned and suspended buckets, as OSS reports it. */
  readonly versionId: string;
  readonly isDeleteMarker: boolean;
  /** Where the bytes live in the blob store; absent for delete markers. */
  readonly blobId?: string;
  readonly size: number;
  /** Uppercase hex MD5, unquoted. */
  readonly etag: string;
  readonly contentMd5: string;
  readonly crc64: string;
  readonly contentType: string;
  /** `x-oss-meta-*` names lower-cased, without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  readonly lastModified: number;
  /** Written by the replication engine: never replicated again (no loops). */
  readonly isReplica: boolean;
  /** Server-side encryption at rest (`x-oss-server-side-encryption`); absent when not encrypted. */
  readonly encryption?: { readonly algorithm: string; readonly keyId?: string };
}

/** A write the replication engine has still to carry to one destination. */
export interface ReplicationItem {
  readonly kind: 'put' | 'delete';
  readonly key: string;
  readonly versionId: string;
  /** For deletes: the delete created a delete marker (versioned source, no versionId). */
  readonly deleteMarker: boolean;
  /** For deletes: one exact version was removed for good (DELETE ?versionId=). */
  readonly permanent?: boolean;
  /** Epoch ms of the source write; drives the NewObject watermark. */
  readonly writtenAt: number;
  /** The source version as written (puts only). */
  readonly version?: ObjectVersion;
}

/** Progress frozen while an operator paused the rule through the admin API. */
export interface PauseState {
  readonly at: number;
  readonly watermark: number;
  readonly historical?: number;
}

export interface RuleRecord {
  /** The rule as OSS reports it (id always set); `status` is derived, never stored. */
  rule: ReplicationRule & { id: string };
  createdAt: number;
  deletedAt?: number;
  paused?: PauseState;
  historical: {
    /** Objects present when the rule was added (the denominator of HistoricalObject). */
    total: number;
    copied: number;
    pending: ReplicationItem[];
  };
  /** New writes since the rule exists, oldest first. */
  queue: ReplicationItem[];
}

export interface BucketRecord {
  readonly name: string;
  /** Region without `oss-`, e.g. `cn-hangzhou`. */
  readonly region: string;
  readonly createdAt: number;
  storageClass: string;
  dataRedundancyType: string;
  acl: string;
  tags: Tag[];
  versioning?: VersioningStatus;
  /** Key -> versions, newest first. */
  objects: Record<string, ObjectVersion[]>;
  rules: RuleRecord[];
}
