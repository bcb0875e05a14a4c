/**
 * BucketStat: the GetBucketStat answer. Storage and ObjectCount are required (oss2 fails without
 * them); every other count reads as 0 when absent, as oss2 and the Go SDK treat it.
 */
import { buildXmlDocument, parseXmlDocument } from './codec';
import { asNode, optionalText, requiredText } from './read';
import type { BucketStat } from './types';
import { formatValue, parseCount } from './values';

const ROOT = 'BucketStat';

/** Model field -> element, in the order of the Go SDK fixture of a real answer. */
const FIELDS: ReadonlyArray<readonly [keyof BucketStat, string]> = [
  ['storage', 'Storage'],
  ['objectCount', 'ObjectCount'],
  ['multipartUploadCount', 'MultipartUploadCount'],
  ['liveChannelCount', 'LiveChannelCount'],
  ['lastModifiedTime', 'LastModifiedTime'],
  ['standardStorage', 'StandardStorage'],
  ['standardObjectCount', 'StandardObjectCount'],
  ['infrequentAccessStorage', 'InfrequentAccessStorage'],
  ['infrequentAccessRealStorage', 'InfrequentAccessRealStorage'],
  ['infrequentAccessObjectCount', 'InfrequentAccessObjectCount'],
  ['archiveStorage', 'ArchiveStorage'],
  ['archiveRealStorage', 'ArchiveRealStorage'],
  ['archiveObjectCount', 'ArchiveObjectCount'],
  ['coldArchiveStorage', 'ColdArchiveStorage'],
  ['coldArchiveRealStorage', 'ColdArchiveRealStorage'],
  ['coldArchiveObjectCount', 'ColdArchiveObjectCount'],
  ['deepColdArchiveStorage', 'DeepColdArchiveStorage'],
  ['deepColdArchiveRealStorage', 'DeepColdArchiveRealStorage'],
  ['deepColdArchiveObjectCount', 'DeepColdArchiveObjectCount'],
  ['multipartPartCount', 'MultipartPartCount'],
  ['deleteMarkerCount', 'DeleteMarkerCount'],
];
const REQUIRED: ReadonlySet<string> = new Set(['Storage', 'ObjectCount']);

export function parseBucketStat(xml: string): BucketStat {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const stat = {} as Record<keyof BucketStat, number>;
  for (const [field, element] of FIELDS) {
    const text = REQUIRED.has(element) ? requiredText(root, element, ROOT) : optionalText(root, element, ROOT);
    stat[field] = text === undefined ? 0 : parseCount(text, `${ROOT}.${element}`);
  }
  return stat;
}

export function buildBucketStat(stat: BucketStat): string {
  return buildXmlDocument(ROOT, Object.fromEntries(FIELDS.map(([field, element]) => [element, formatValue(stat[field])])));
}
