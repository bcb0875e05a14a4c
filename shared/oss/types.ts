import type { RetryPolicy } from '../retry';
import type { Credentials, SignatureVersion } from '../signing';
import type {
  BucketInfo,
  BucketStat,
  BucketSummary,
  CreateBucketConfiguration,
  ListBucketResult,
  ListVersionsResult,
  ReplicationConfiguration,
  ReplicationLocation,
  ReplicationProgress,
  ReplicationRule,
  Tag,
  Unrecognised,
  UnrecognisedValue,
  VersioningStatus,
} from '../xml';

/** Anything that can hand out current credentials (FC's context.credentials expire). */
export type CredentialsProvider = () => Credentials | Promise<Credentials>;

/**
 * How to reach a region.
 * - `public`:   https://<bucket>.oss-<region>.aliyuncs.com
 * - `internal`: https://<bucket>.oss-<region>-internal.aliyuncs.com for the client's own region (what a
 *               function should use), public hosts for buckets in other regions
 * - `map`:      explicit base URL per region, path-style (`<base>/<bucket>/<key>`), for the emulator.
 */
export type EndpointConfig =
  | { readonly kind: 'public' }
  | { readonly kind: 'internal' }
  | { readonly kind: 'map'; readonly endpoints: Readonly<Record<string, string>> };

export interface OssClientOptions {
  /** Region used for service-level calls and as the default bucket region, without `oss-`, e.g. `cn-hangzhou`. */
  readonly region: string;
  readonly credentials: Credentials | CredentialsProvider;
  readonly endpoint?: EndpointConfig;
  readonly signatureVersion?: SignatureVersion;
  readonly retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout. */
  readonly timeoutMs?: number;
  /** Injected clock for signing. */
  readonly now?: () => Date;
  /** Called once per HTTP attempt (for logs and request counting); never receives secrets. */
  readonly onRequest?: (info: RequestInfo) => void;
  /**
   * Called when an answer held enumeration values this code does not know (a new rule status, transfer
   * type, RTC or versioning state). They are kept as sent, and the document is not refused for them.
   */
  readonly onUnrecognised?: UnrecognisedListener;
  /**
   * Replaces the retry decision (default: network errors, timeouts, 5xx, 429, throttling codes).
   * `attempt` is the 1-based number of the attempt that failed. For calls that must not run twice
   * (PutBucketReplication, PutBucket, create-only PutObject) it can only narrow the default.
   */
  readonly shouldRetry?: (error: unknown, attempt: number) => boolean;
}

export interface RequestInfo {
  readonly operation: string;
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly status?: number;
  readonly attempt: number;
  readonly durationMs: number;
  readonly requestId?: string;
  readonly errorCode?: string;
}

/** What an answer held that this code does not know, for the log. */
export interface UnrecognisedInfo {
  readonly operation: string;
  readonly bucket?: string;
  /** The rule whose fields these are (replication answers). */
  readonly ruleId?: string;
  readonly values: readonly UnrecognisedValue[];
}

export type UnrecognisedListener = (info: UnrecognisedInfo) => void;

/** Optional bucket region hint: calls on a bucket go to this region's endpoint. */
export interface BucketRef {
  readonly bucket: string;
  /** Without `oss-`. Defaults to the client's region. */
  readonly region?: string;
}

export interface PutObjectInput extends BucketRef {
  readonly key: string;
  readonly body: Buffer | string;
  readonly contentType?: string;
  /** Without the `x-oss-meta-` prefix. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly forbidOverwrite?: boolean;
  /** `x-oss-server-side-encryption` (AES256, KMS, SM4) and, for KMS, the key id. */
  readonly encryption?: ObjectEncryption;
}

/** How OSS encrypts an object at rest (`x-oss-server-side-encryption`, `-key-id` for KMS). */
export interface ObjectEncryption {
  readonly algorithm: string;
  readonly keyId?: string;
}

/**
 * The HTTP headers of an object that a copy with the REPLACE directive would drop unless sent again,
 * as HeadObject reports them.
 */
export interface ObjectHttpHeaders {
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
  readonly contentLanguage?: string;
  readonly expires?: string;
}

export interface PutObjectOutput {
  readonly eTag: string;
  readonly crc64: string;
  readonly versionId?: string;
  readonly requestId: string;
}

export interface ObjectHead {
  readonly contentLength: number;
  readonly contentType?: string;
  readonly eTag: string;
  readonly crc64?: string;
  readonly lastModified?: string;
  readonly versionId?: string;
  readonly metadata: Record<string, string>;
  /** `x-oss-storage-class`, when sent. */
  readonly storageClass?: string;
  /** Present when the object is encrypted at rest. */
  readonly encryption?: ObjectEncryption;
  readonly httpHeaders?: ObjectHttpHeaders;
}

export interface GetObjectOutput extends ObjectHead {
  readonly body: Buffer;
}

export interface ListObjectsV2Input extends BucketRef {
  readonly prefix?: string;
  readonly delimiter?: string;
  readonly continuationToken?: string;
  readonly startAfter?: string;
  readonly maxKeys?: number;
  /** `url`: OSS percent-encodes keys in the answer (any byte a key may hold survives XML); decoded on parse. */
  readonly encodingType?: 'url';
}

/** GetObjectMeta's short head: size, ETag, times and version, no content type or user metadata. */
export interface ObjectMeta {
  readonly contentLength: number;
  readonly eTag: string;
  readonly lastModified?: string;
  /** Only where OSS tracks access (bucket access tracking on). */
  readonly lastAccessTime?: string;
  readonly versionId?: string;
  readonly crc64?: string;
}

export interface ListObjectVersionsInput extends BucketRef {
  readonly prefix?: string;
  readonly delimiter?: string;
  /** Resume after this key (and, with versionIdMarker, after that version of it). */
  readonly keyMarker?: string;
  readonly versionIdMarker?: string;
  readonly maxKeys?: number;
}

export interface CopyObjectInput extends BucketRef {
  /** The destination key, in `bucket`. */
  readonly key: string;
  /** Same region as the destination (OSS copies within one region). */
  readonly source: { readonly bucket: string; readonly key: string; readonly versionId?: string };
  /** Copy only while the source still has this ETag (quotes optional); otherwise OSS answers 412 PreconditionFailed. */
  readonly sourceIfMatch?: string;
  /** COPY (default): keep the source's content type and metadata; REPLACE: use the ones given here. */
  readonly metadataDirective?: 'COPY' | 'REPLACE';
  readonly contentType?: string;
  /** Without the `x-oss-meta-` prefix; used with REPLACE. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Sent with REPLACE, which would otherwise drop them. */
  readonly httpHeaders?: ObjectHttpHeaders;
  /** The copy's storage class and encryption (OSS does not carry the source's over by itself). */
  readonly storageClass?: string;
  readonly encryption?: ObjectEncryption;
  readonly forbidOverwrite?: boolean;
}

export interface CopyObjectOutput {
  readonly eTag: string;
  readonly lastModified: string;
  readonly crc64?: string;
  readonly versionId?: string;
  readonly sourceVersionId?: string;
  readonly requestId: string;
}

/** Per-call limits, for calls whose timing matters more than their success. */
export interface CallOptions {
  /**
   * One attempt, abandoned after this many ms, never retried: a delete that must land before a known
   * time or not at all (a lease's release must not land after a rival took the lease over).
   */
  readonly singleAttemptMs?: number;
}

export interface ListBucketsOptions {
  readonly prefix?: string;
  /** Only buckets carrying this tag key (and, with tagValue, this value). */
  readonly tagKey?: string;
  readonly tagValue?: string;
  /** Buckets per ListBuckets page (1..1000); every page is read whatever its size. */
  readonly pageSize?: number;
}

export interface PutBucketInput extends BucketRef {
  readonly acl?: 'private' | 'public-read' | 'public-read-write';
  readonly configuration?: CreateBucketConfiguration;
}

/** The one OSS client the project uses at run time. Every method is one REST call (listBuckets: all pages). */
export interface OssApi {
  listBuckets(options?: ListBucketsOptions): Promise<BucketSummary[]>;
  putBucket(input: PutBucketInput): Promise<void>;
  deleteBucket(ref: BucketRef): Promise<void>;
  getBucketInfo(ref: BucketRef): Promise<BucketInfo>;
  /** Region without `oss-`. */
  getBucketLocation(ref: BucketRef): Promise<string>;
  getBucketTags(ref: BucketRef): Promise<Tag[]>;
  putBucketTags(ref: BucketRef, tags: readonly Tag[]): Promise<void>;
  deleteBucketTags(ref: BucketRef, keys?: readonly string[]): Promise<void>;
  /** Undefined = never versioned. */
  getBucketVersioning(ref: BucketRef): Promise<VersioningStatus | Unrecognised | undefined>;
  putBucketVersioning(ref: BucketRef, status: VersioningStatus): Promise<void>;
  putObject(input: PutObjectInput): Promise<PutObjectOutput>;
  getObject(ref: BucketRef & { key: string; versionId?: string }): Promise<GetObjectOutput>;
  headObject(ref: BucketRef & { key: string; versionId?: string }): Promise<ObjectHead>;
  deleteObject(
    ref: BucketRef & { key: string; versionId?: string },
    options?: CallOptions,
  ): Promise<{ deleteMarker: boolean; versionId?: string }>;
  listObjectsV2(input: ListObjectsV2Input): Promise<ListBucketResult>;
  /** GetObjectMeta (`HEAD ?objectMeta`): 404 NoSuchKey like headObject when the object is gone. */
  getObjectMeta(ref: BucketRef & { key: string; versionId?: string }): Promise<ObjectMeta>;
  /** One page of versions and delete markers; follow nextKeyMarker / nextVersionIdMarker for more. */
  listObjectVersions(input: ListObjectVersionsInput): Promise<ListVersionsResult>;
  copyObject(input: CopyObjectInput): Promise<CopyObjectOutput>;
  /** Storage bytes and object counts (OSS updates them with a delay of up to an hour). */
  getBucketStat(ref: BucketRef): Promise<BucketStat>;
  /** Returns the rule id from `x-oss-replication-rule-id`. */
  putBucketReplication(ref: BucketRef, rule: ReplicationRule): Promise<{ ruleId: string }>;
  /** Empty configuration when OSS answers NoSuchReplicationConfiguration. */
  getBucketReplication(ref: BucketRef): Promise<ReplicationConfiguration>;
  getBucketReplicationLocation(ref: BucketRef): Promise<ReplicationLocation>;
  /** One rule's progress: the current API reference requires `rule-id` (ask once per rule). */
  getBucketReplicationProgress(ref: BucketRef, ruleId: string): Promise<ReplicationProgress>;
  /** `alreadyClosing` when OSS answers 204 (the rule was already being deleted). */
  deleteBucketReplication(ref: BucketRef, ruleId: string): Promise<{ alreadyClosing: boolean }>;
  putBucketRtc(ref: BucketRef, ruleId: string, status: 'enabled' | 'disabled'): Promise<void>;
}
