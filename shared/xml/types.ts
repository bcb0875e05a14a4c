/** Typed models of the OSS XML documents this project reads and writes. Field names follow OSS. */

declare const unrecognisedBrand: unique symbol;

/**
 * An enumeration value in an OSS answer that this code does not know (OSS adds values over time: a
 * new rule status, transfer type, RTC state), kept exactly as sent. It equals no known value, so a
 * comparison such as `status === 'closing'` is false; code that decides something checks the rule's
 * `unrecognised` list first (see shared/replication/plan.ts).
 */
export type Unrecognised = string & { readonly [unrecognisedBrand]: true };

/** Where an answer held an unrecognised value (path relative to the rule or document) and the value. */
export interface UnrecognisedValue {
  readonly field: string;
  readonly value: string;
}

/** How a parser treats an unknown enumeration value. */
export interface ParseOptions {
  /**
   * `reject` (the default, for requests: the emulator validates as OSS does): XmlValueError.
   * `keep` (for answers from OSS): the raw value is kept and listed in `unrecognised`.
   */
  readonly unknownValues?: 'reject' | 'keep';
}

export type ReplicationAction = 'ALL' | 'PUT' | 'DELETE' | 'ABORT';
export type TransferType = 'internal' | 'oss_acc';
export type RuleStatus = 'starting' | 'doing' | 'closing';
export type LowerToggle = 'enabled' | 'disabled';
export type UpperToggle = 'Enabled' | 'Disabled';

export interface ReplicationDestination {
  bucket: string;
  /** With `oss-` prefix, e.g. `oss-cn-beijing`. */
  location: string;
  /** Absent on GET unless `oss_acc` (OSS omits `internal`). */
  transferType?: TransferType | Unrecognised;
}

export interface ReplicationRule {
  /** Absent on PUT means OSS generates one. */
  id?: string;
  /** Empty array = the whole bucket (PrefixSet omitted). */
  prefixes: string[];
  /** Comma-joined on the wire. Known actions only: an unknown one is listed in `unrecognised`. */
  actions: ReplicationAction[];
  destination: ReplicationDestination;
  historicalObjectReplication: LowerToggle | Unrecognised;
  syncRole?: string;
  /** SourceSelectionCriteria/SseKmsEncryptedObjects/Status (capitalised on the wire). */
  sseKmsEncryptedObjects?: UpperToggle | Unrecognised;
  /** EncryptionConfiguration/ReplicaKmsKeyID. */
  replicaKmsKeyId?: string;
  /** RTC/Status. */
  rtc?: LowerToggle | 'enabling' | Unrecognised;
  /** Response only. */
  status?: RuleStatus | Unrecognised;
  /** Answers parsed with `unknownValues: 'keep'`: the values this code does not know. Absent when none. */
  unrecognised?: UnrecognisedValue[];
}

export interface ReplicationConfiguration {
  rules: ReplicationRule[];
}

/** DeleteBucketReplication body. */
export interface ReplicationRules {
  ids: string[];
}

export interface ReplicationLocation {
  /** Allowed destination regions, `oss-` prefixed. */
  locations: string[];
  /** Region -> transfer types allowed there (e.g. oss_acc). */
  transferTypeConstraints: Array<{ location: string; transferTypes: string[] }>;
  /** Regions where RTC is supported. */
  rtcLocations: string[];
}

export interface ReplicationProgressRule {
  id: string;
  prefixes: string[];
  actions: ReplicationAction[];
  destination: ReplicationDestination;
  status: RuleStatus | Unrecognised;
  historicalObjectReplication: LowerToggle | Unrecognised;
  /** Values this code does not know (see ReplicationRule.unrecognised). */
  unrecognised?: UnrecognisedValue[];
  /** Present only while status is `doing`. */
  progress?: {
    /** Fraction 0..1, only when historical replication is enabled. */
    historicalObject?: number;
    /** ISO-8601 watermark: every object written before it has been replicated. */
    newObject?: string;
  };
}

export interface ReplicationProgress {
  rules: ReplicationProgressRule[];
}

/** PutBucketRTC body (root `ReplicationRule`). */
export interface RtcConfiguration {
  id: string;
  status: LowerToggle;
}

export interface Tag {
  key: string;
  value: string;
}
export interface Tagging {
  tags: Tag[];
}

export type VersioningStatus = 'Enabled' | 'Suspended';
export interface VersioningConfiguration {
  /** Undefined = never versioned. */
  status?: VersioningStatus | Unrecognised;
  /** Values this code does not know (answers parsed with `unknownValues: 'keep'`). */
  unrecognised?: UnrecognisedValue[];
}

export interface CreateBucketConfiguration {
  storageClass?: string;
  dataRedundancyType?: string;
}

export interface Owner {
  id: string;
  displayName: string;
}

export interface BucketInfo {
  name: string;
  creationDate: string;
  location: string;
  extranetEndpoint: string;
  intranetEndpoint: string;
  storageClass: string;
  dataRedundancyType?: string;
  owner: Owner;
  acl: string;
  versioning?: VersioningStatus | Unrecognised;
  transferAcceleration?: UpperToggle | Unrecognised;
  crossRegionReplication?: UpperToggle | Unrecognised;
  resourceGroupId?: string;
  comment?: string;
  /** Values this code does not know (answers parsed with `unknownValues: 'keep'`). */
  unrecognised?: UnrecognisedValue[];
}

export interface BucketSummary {
  name: string;
  location: string;
  creationDate: string;
  extranetEndpoint: string;
  intranetEndpoint: string;
  storageClass: string;
  region?: string;
  /** The bucket's tags, as OSS lists them when the request filters by tag (`tag-key`, `tagging`). */
  tags?: Tag[];
}

export interface ListAllMyBucketsResult {
  prefix?: string;
  marker?: string;
  maxKeys?: number;
  isTruncated: boolean;
  nextMarker?: string;
  owner?: Owner;
  buckets: BucketSummary[];
}

/** One object in ListBucketResult (and, with its version, in ListVersionsResult). */
export interface ObjectSummary {
  key: string;
  lastModified: string;
  /** Quoted, as OSS writes it. */
  eTag: string;
  size: number;
  storageClass: string;
  type?: string;
  owner?: Owner;
}

export interface ListBucketResult {
  name: string;
  prefix: string;
  /** v1 */
  marker?: string;
  nextMarker?: string;
  /** v2 */
  continuationToken?: string;
  nextContinuationToken?: string;
  startAfter?: string;
  keyCount?: number;
  maxKeys: number;
  delimiter?: string;
  encodingType?: string;
  isTruncated: boolean;
  contents: ObjectSummary[];
  commonPrefixes: string[];
}

/** OSS error body. Extra children (BucketName, Key, StringToSign, ...) land in `extra`. */
export interface OssErrorBody {
  code: string;
  message: string;
  requestId?: string;
  hostId?: string;
  ec?: string;
  recommendDoc?: string;
  extra: Record<string, string>;
}

/** One object version in ListVersionsResult. */
export interface ObjectVersionSummary extends ObjectSummary {
  versionId: string;
  isLatest: boolean;
}

/** One delete marker in ListVersionsResult. */
export interface DeleteMarkerSummary {
  key: string;
  versionId: string;
  isLatest: boolean;
  lastModified: string;
  owner?: Owner;
}

/** ListVersionsResult: the ListObjectVersions (`GET /?versions`) answer. */
export interface ListVersionsResult {
  name: string;
  prefix: string;
  keyMarker: string;
  versionIdMarker: string;
  maxKeys: number;
  /** Written (empty when none) because oss2 requires the element. */
  delimiter?: string;
  encodingType?: string;
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextVersionIdMarker?: string;
  versions: ObjectVersionSummary[];
  deleteMarkers: DeleteMarkerSummary[];
  commonPrefixes: string[];
}

/** CopyObjectResult: the CopyObject answer body. */
export interface CopyObjectResult {
  /** Quoted, as OSS writes it. */
  eTag: string;
  lastModified: string;
}

/** BucketStat: the GetBucketStat answer. Sizes in bytes; LastModifiedTime in Unix seconds. */
export interface BucketStat {
  storage: number;
  objectCount: number;
  multipartUploadCount: number;
  liveChannelCount: number;
  lastModifiedTime: number;
  standardStorage: number;
  standardObjectCount: number;
  infrequentAccessStorage: number;
  infrequentAccessRealStorage: number;
  infrequentAccessObjectCount: number;
  archiveStorage: number;
  archiveRealStorage: number;
  archiveObjectCount: number;
  coldArchiveStorage: number;
  coldArchiveRealStorage: number;
  coldArchiveObjectCount: number;
  deepColdArchiveStorage: number;
  deepColdArchiveRealStorage: number;
  deepColdArchiveObjectCount: number;
  multipartPartCount: number;
  deleteMarkerCount: number;
}
