/** OSS XML documents: one parse/build pair per document. Barrel only. */
export * from './types';
export { XmlParseError, XmlValueError, type XmlErrorCode, type XmlErrorReason } from './errors';
export { ossLocation, regionOf } from './location';
export { XML_DECLARATION, OSS_DOC_NAMESPACE, escapeText } from './codec';
export {
  parseReplicationConfiguration,
  buildReplicationConfiguration,
  type BuildReplicationConfigurationOptions,
} from './replicationConfiguration';
export { REPLICATION_ACTIONS, TRANSFER_TYPES, RULE_STATUSES } from './replicationRuleFields';
export { parseReplicationRules, buildReplicationRules } from './replicationRules';
export { parseReplicationLocation, buildReplicationLocation } from './replicationLocation';
export { parseReplicationProgress, buildReplicationProgress } from './replicationProgress';
export { parseRtcConfiguration, buildRtcConfiguration } from './rtcConfiguration';
export { parseTagging, buildTagging } from './tagging';
export { parseVersioningConfiguration, buildVersioningConfiguration } from './versioningConfiguration';
export { parseOssErrorBody, buildOssErrorBody, parseOssErrorHeader, buildOssErrorHeader } from './errorBody';
export { parseListAllMyBucketsResult, buildListAllMyBucketsResult } from './listAllMyBucketsResult';
export { parseCreateBucketConfiguration, buildCreateBucketConfiguration } from './createBucketConfiguration';
export { parseBucketInfo, buildBucketInfo } from './bucketInfo';
export { parseLocationConstraint, buildLocationConstraint } from './locationConstraint';
export { parseListBucketResult, buildListBucketResult, isListV2 } from './listBucketResult';
export { parseListVersionsResult, buildListVersionsResult } from './listVersionsResult';
export { parseCopyObjectResult, buildCopyObjectResult } from './copyObjectResult';
export { parseBucketStat, buildBucketStat } from './bucketStat';
