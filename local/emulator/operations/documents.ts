/**
 * XML documents for buckets and listings that shared/xml does not (yet) expose a builder for.
 * Built with the shared codec so escaping rules stay in one place.
 */
import { buildXmlDocument, OSS_DOC_NAMESPACE, parseXmlDocument, type XmlBuildNode } from '../../../shared/xml/codec';
import { asNode, optionalText } from '../../../shared/xml/read';
import type { BucketInfo, CreateBucketConfiguration, ListBucketResult, ObjectSummary, Owner } from '../../../shared/xml/types';

const owner = (o: Owner | undefined): XmlBuildNode | undefined => (o ? { ID: o.id, DisplayName: o.displayName } : undefined);

export function buildBucketInfoXml(info: BucketInfo): string {
  return buildXmlDocument('BucketInfo', {
    Bucket: {
      AccessMonitor: 'Disabled',
      CreationDate: info.creationDate,
      ExtranetEndpoint: info.extranetEndpoint,
      IntranetEndpoint: info.intranetEndpoint,
      Location: info.location,
      StorageClass: info.storageClass,
      TransferAcceleration: info.transferAcceleration,
      CrossRegionReplication: info.crossRegionReplication,
      DataRedundancyType: info.dataRedundancyType,
      Name: info.name,
      Versioning: info.versioning,
      Owner: owner(info.owner),
      AccessControlList: { Grant: info.acl },
      ServerSideEncryptionRule: { SSEAlgorithm: 'None' },
    },
  });
}

/** Text-only root: the namespace is safe here (see the namespace trap in oss-api.md §0). */
export function buildLocationConstraintXml(location: string): string {
  return buildXmlDocument('LocationConstraint', location, { namespace: OSS_DOC_NAMESPACE });
}

export function parseCreateBucketConfigurationXml(xml: string): CreateBucketConfiguration {
  const root = parseXmlDocument(xml, 'CreateBucketConfiguration');
  if (typeof root === 'string') return {};
  const node = asNode(root, 'CreateBucketConfiguration');
  const storageClass = optionalText(node, 'StorageClass', 'CreateBucketConfiguration');
  const dataRedundancyType = optionalText(node, 'DataRedundancyType', 'CreateBucketConfiguration');
  return {
    ...(storageClass === undefined ? {} : { storageClass: storageClass.trim() }),
    ...(dataRedundancyType === undefined ? {} : { dataRedundancyType: dataRedundancyType.trim() }),
  };
}

function summary(o: ObjectSummary): XmlBuildNode {
  return {
    Key: o.key,
    LastModified: o.lastModified,
    ETag: o.eTag,
    Type: o.type,
    Size: String(o.size),
    StorageClass: o.storageClass,
    Owner: owner(o.owner),
  };
}

/** Values must already be URL-encoded when `encodingType` is `url`. */
export function buildListBucketResultXml(r: ListBucketResult): string {
  return buildXmlDocument('ListBucketResult', {
    Name: r.name,
    Prefix: r.prefix,
    Marker: r.marker,
    ContinuationToken: r.continuationToken,
    StartAfter: r.startAfter,
    MaxKeys: String(r.maxKeys),
    Delimiter: r.delimiter ?? '',
    EncodingType: r.encodingType,
    IsTruncated: String(r.isTruncated),
    NextMarker: r.nextMarker,
    NextContinuationToken: r.nextContinuationToken,
    KeyCount: r.keyCount === undefined ? undefined : String(r.keyCount),
    Contents: r.contents.map(summary),
    CommonPrefixes: r.commonPrefixes.map((p) => ({ Prefix: p })),
  });
}
