/** BucketInfo: the GetBucketInfo answer (`BucketInfo/Bucket`). */
import { buildXmlDocument, parseXmlDocument, type XmlBuildNode, type XmlNode } from './codec';
import { XmlParseError } from './errors';
import { asNode, optionalText, requiredNode, requiredText } from './read';
import { buildOwner, parseOwner } from './owner';
import type { BucketInfo, ParseOptions, VersioningStatus } from './types';
import { lenience, parseOpenEnum, parseOpenUpperToggle, trimmed, unrecognisedOf, type Lenience } from './values';

const ROOT = 'BucketInfo';
const PATH = `${ROOT}.Bucket`;
const VERSIONING: readonly VersioningStatus[] = ['Enabled', 'Suspended'];

/**
 * Requires the fields oss2 requires (Name, CreationDate, Location, endpoints, StorageClass, Owner,
 * AccessControlList/Grant). Fields the model does not carry (AccessMonitor, BucketPolicy, SSE) are dropped.
 */
export function parseBucketInfo(xml: string, options?: ParseOptions): BucketInfo {
  const bucket = requiredNode(asNode(parseXmlDocument(xml, ROOT), ROOT), 'Bucket', ROOT);
  const field = (name: string): string => trimmed(requiredText(bucket, name, PATH));
  const owner = parseOwner(bucket, PATH);
  if (owner === undefined) throw new XmlParseError(`${PATH}.Owner`, 'missing', 'required element is missing');
  const info: BucketInfo = {
    name: requiredText(bucket, 'Name', PATH),
    creationDate: field('CreationDate'),
    location: field('Location'),
    extranetEndpoint: field('ExtranetEndpoint'),
    intranetEndpoint: field('IntranetEndpoint'),
    storageClass: field('StorageClass'),
    owner,
    acl: trimmed(requiredText(requiredNode(bucket, 'AccessControlList', PATH), 'Grant', `${PATH}.AccessControlList`)),
  };
  const len = lenience(options);
  return Object.assign(info, parseOptionalFields(bucket, len), unrecognisedOf(len));
}

type OptionalInfo = Partial<
  Pick<BucketInfo, 'dataRedundancyType' | 'versioning' | 'transferAcceleration' | 'crossRegionReplication' | 'resourceGroupId' | 'comment'>
>;

function parseOptionalFields(bucket: XmlNode, len: Lenience): OptionalInfo {
  const text = (name: string): string | undefined => optionalText(bucket, name, PATH);
  const fields: OptionalInfo = {};
  const redundancy = text('DataRedundancyType');
  const versioning = text('Versioning');
  const acceleration = text('TransferAcceleration');
  const crr = text('CrossRegionReplication');
  const group = text('ResourceGroupId');
  const comment = text('Comment');
  if (redundancy !== undefined) fields.dataRedundancyType = trimmed(redundancy);
  if (versioning !== undefined) fields.versioning = parseOpenEnum(versioning, VERSIONING, `${PATH}.Versioning`, 'Versioning', len);
  if (acceleration !== undefined)
    fields.transferAcceleration = parseOpenUpperToggle(acceleration, `${PATH}.TransferAcceleration`, 'TransferAcceleration', len);
  if (crr !== undefined)
    fields.crossRegionReplication = parseOpenUpperToggle(crr, `${PATH}.CrossRegionReplication`, 'CrossRegionReplication', len);
  if (group !== undefined) fields.resourceGroupId = trimmed(group);
  if (comment !== undefined) fields.comment = comment;
  return fields;
}

/** Element order follows the Go v2 fixture of a real answer. */
export function buildBucketInfo(info: BucketInfo): string {
  const bucket: XmlBuildNode = {
    CreationDate: info.creationDate,
    ExtranetEndpoint: info.extranetEndpoint,
    IntranetEndpoint: info.intranetEndpoint,
    Location: info.location,
    StorageClass: info.storageClass,
    TransferAcceleration: info.transferAcceleration,
    CrossRegionReplication: info.crossRegionReplication,
    DataRedundancyType: info.dataRedundancyType,
    Name: info.name,
    ResourceGroupId: info.resourceGroupId,
    Comment: info.comment,
    Versioning: info.versioning,
    Owner: buildOwner(info.owner),
    AccessControlList: { Grant: info.acl },
  };
  return buildXmlDocument(ROOT, { Bucket: bucket });
}
