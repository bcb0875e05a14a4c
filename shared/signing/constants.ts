/** Every wire literal used by OSS request signing, in one place. */

export const OSS_HEADER_PREFIX = 'x-oss-';

export const HEADER_AUTHORIZATION = 'authorization';
export const HEADER_DATE = 'date';
export const HEADER_CONTENT_MD5 = 'content-md5';
export const HEADER_CONTENT_TYPE = 'content-type';
export const HEADER_OSS_DATE = 'x-oss-date';
export const HEADER_OSS_CONTENT_SHA256 = 'x-oss-content-sha256';
export const HEADER_OSS_SECURITY_TOKEN = 'x-oss-security-token';

/** Spelling used when the signer adds a header to an outgoing request. */
export const OUT_HEADER_AUTHORIZATION = 'Authorization';
export const OUT_HEADER_DATE = 'Date';

/** Headers the signer generates; stripped before re-signing so a retried request gets fresh values. */
export const GENERATED_HEADERS: ReadonlySet<string> = new Set([
  HEADER_AUTHORIZATION,
  HEADER_DATE,
  HEADER_OSS_DATE,
  HEADER_OSS_SECURITY_TOKEN,
]);

export const V1_AUTH_SCHEME = 'OSS';
export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const V4_KEY_PREFIX = 'aliyun_v4';
export const V4_TERMINATOR = 'aliyun_v4_request';
export const V4_CREDENTIAL_FIELD = 'Credential';
export const V4_ADDITIONAL_HEADERS_FIELD = 'AdditionalHeaders';
export const V4_SIGNATURE_FIELD = 'Signature';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const DEFAULT_PRODUCT = 'oss';
export const CLOUDBOX_PRODUCT = 'oss-cloudbox';

/** V1 presigned URL query names. */
export const V1_QUERY_ACCESS_KEY_ID = 'OSSAccessKeyId';
export const V1_QUERY_EXPIRES = 'Expires';
export const V1_QUERY_SIGNATURE = 'Signature';
export const V1_QUERY_SECURITY_TOKEN = 'security-token';
export const V1_PRESIGN_QUERY: ReadonlySet<string> = new Set([
  V1_QUERY_ACCESS_KEY_ID,
  V1_QUERY_EXPIRES,
  V1_QUERY_SIGNATURE,
  V1_QUERY_SECURITY_TOKEN,
]);

/** V4 presigned URL query names. */
export const V4_QUERY_SIGNATURE_VERSION = 'x-oss-signature-version';
export const V4_QUERY_DATE = HEADER_OSS_DATE;
export const V4_QUERY_EXPIRES = 'x-oss-expires';
export const V4_QUERY_CREDENTIAL = 'x-oss-credential';
export const V4_QUERY_ADDITIONAL_HEADERS = 'x-oss-additional-headers';
export const V4_QUERY_SECURITY_TOKEN = HEADER_OSS_SECURITY_TOKEN;
export const V4_QUERY_SIGNATURE = 'x-oss-signature';
export const V4_PRESIGN_QUERY: ReadonlySet<string> = new Set([
  V4_QUERY_SIGNATURE_VERSION,
  V4_QUERY_DATE,
  V4_QUERY_EXPIRES,
  V4_QUERY_CREDENTIAL,
  V4_QUERY_ADDITIONAL_HEADERS,
  V4_QUERY_SECURITY_TOKEN,
  V4_QUERY_SIGNATURE,
]);
/** OSS caps V4 presigned URLs at 7 days. */
export const V4_MAX_EXPIRES_SECONDS = 604800;

/** OSS rejects requests whose date is more than 15 minutes away from server time. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Headers that V4 always signs; never listed in AdditionalHeaders. */
export const V4_DEFAULT_SIGNED_HEADERS: ReadonlySet<string> = new Set([HEADER_CONTENT_TYPE, HEADER_CONTENT_MD5]);

/**
 * V1 sub-resources: the 2021 documentation list united with every name found in the official SDKs
 * (oss-api.md §5.1). The real server's list is unpublished; no SDK signs a parameter outside its own
 * list, so a signer and verifier using the union agree with every SDK. `rule-id` is deliberately absent.
 */
export const V1_SUB_RESOURCES: ReadonlySet<string> = new Set([
  // 2021 documentation list
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  // SDK lists (oss2, Go v1/v2, Java, Python v2, gateway-oss)
  'stat',
  'objectInfo',
  'group',
  'link',
  'restore',
  'callback',
  'callback-var',
  'encryption',
  'versions',
  'versioning',
  'versionId',
  'policy',
  'requestPayment',
  'x-oss-traffic-limit',
  'qosInfo',
  'asyncFetch',
  'x-oss-request-payer',
  'sequential',
  'inventory',
  'inventoryId',
  'continuation-token',
  'worm',
  'wormId',
  'wormExtend',
  'transferAcceleration',
  'metaQuery',
  'x-oss-ac-source-ip',
  'x-oss-ac-subnet-mask',
  'x-oss-ac-vpc-id',
  'x-oss-ac-forward-allow',
  'resourceGroup',
  'x-oss-async-process',
  'regionList',
  'cloudboxes',
  'x-oss-write-get-object-response',
  'bucketArchiveDirectRead',
  'httpsConfig',
  'redundancyTransition',
  'x-oss-target-redundancy-type',
  'x-oss-redundancy-transition-taskid',
  'accessPoint',
  'accessPointPolicy',
  'publicAccessBlock',
  'policyStatus',
  'x-oss-access-point-name',
  'requesterQosInfo',
  'qosRequester',
  'resourcePoolInfo',
  'resourcePool',
  'resourcePoolBuckets',
  'rtc',
  'responseHeader',
  'udf',
  'udfName',
  'udfImage',
  'udfId',
  'udfImageDesc',
  'udfApplication',
  'udfApplicationLog',
  'withHashContext',
  'x-oss-enable-md5',
  'x-oss-enable-sha1',
  'x-oss-enable-sha256',
  'x-oss-hash-ctx',
  'x-oss-md5-ctx',
  'processConfiguration',
  'vpcip',
  'vip',
  'x-oss-dir',
  'x-oss-rename',
  'x-oss-delete',
  'seal',
  'legalHold',
  'retention',
  'objectWorm',
  'overwriteConfig',
  'cleanRestoredObject',
  'userDefinedLogFieldsConfig',
  'regions',
  'accessPointForObjectProcess',
  'accessPointConfigForObjectProcess',
  'accessPointPolicyForObjectProcess',
  'dataPipeline',
]);
