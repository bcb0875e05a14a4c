/** Wire literals of the OSS client, in one place. */

export const HEADER_REQUEST_ID = 'x-oss-request-id';
export const HEADER_EC = 'x-oss-ec';
/** HEAD responses carry the error XML base64-encoded here, since they have no body. */
export const HEADER_ERR = 'x-oss-err';
export const HEADER_META_PREFIX = 'x-oss-meta-';
export const HEADER_FORBID_OVERWRITE = 'x-oss-forbid-overwrite';
export const HEADER_CRC64 = 'x-oss-hash-crc64ecma';
export const HEADER_VERSION_ID = 'x-oss-version-id';
export const HEADER_DELETE_MARKER = 'x-oss-delete-marker';
export const HEADER_LAST_ACCESS_TIME = 'x-oss-last-access-time';
export const HEADER_COPY_SOURCE = 'x-oss-copy-source';
export const HEADER_COPY_SOURCE_VERSION_ID = 'x-oss-copy-source-version-id';
export const HEADER_COPY_SOURCE_IF_MATCH = 'x-oss-copy-source-if-match';
export const HEADER_METADATA_DIRECTIVE = 'x-oss-metadata-directive';
export const HEADER_SSE = 'x-oss-server-side-encryption';
export const HEADER_SSE_KEY_ID = 'x-oss-server-side-encryption-key-id';
export const HEADER_STORAGE_CLASS = 'x-oss-storage-class';
export const HEADER_RULE_ID = 'x-oss-replication-rule-id';
export const HEADER_ACL = 'x-oss-acl';
export const HEADER_RETRY_AFTER = 'retry-after';

export const CONTENT_TYPE_XML = 'application/xml';
export const CONTENT_TYPE_DEFAULT = 'application/octet-stream';

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * The most an answer body may hold (XML documents, error bodies, state documents). OSS XML answers of
 * the calls this client makes are kilobytes (a 1000-key listing is about 300 KB); anything beyond is
 * refused with OssResponseTooLargeError instead of being buffered.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
export const LIST_BUCKETS_PAGE_SIZE = 1000;

/** Error-body children that may carry key material (V1 string-to-sign includes the STS token). */
export const SECRET_ERROR_FIELDS: ReadonlySet<string> = new Set([
  'StringToSign',
  'StringToSignBytes',
  'SignatureProvided',
  'OSSAccessKeyId',
  'CanonicalRequest',
  'CanonicalRequestBytes',
]);

/** Socket errors that prove the request never reached the server (safe to retry any call). */
export const NOT_SENT_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
