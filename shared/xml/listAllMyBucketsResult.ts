/** ListAllMyBucketsResult: the ListBuckets (GetService) answer. */
import { buildXmlDocument, parseXmlDocument, type XmlBuildNode, type XmlNode } from './codec';
import { asNode, nodeList, optionalNode, optionalText, requiredText } from './read';
import { buildOwner, parseOwner } from './owner';
import type { BucketSummary, ListAllMyBucketsResult, Tag } from './types';
import { formatValue, parseBoolean, parseCount, trimmed } from './values';

const ROOT = 'ListAllMyBucketsResult';
const BUCKET_PATH = `${ROOT}.Buckets.Bucket`;

/** A missing IsTruncated reads as false (OSS omits the paging fields when everything fits). */
export function parseListAllMyBucketsResult(xml: string): ListAllMyBucketsResult {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const truncated = optionalText(root, 'IsTruncated', ROOT);
  const maxKeys = optionalText(root, 'MaxKeys', ROOT);
  const buckets = optionalNode(root, 'Buckets', ROOT);
  const result: ListAllMyBucketsResult = {
    isTruncated: truncated === undefined ? false : parseBoolean(truncated, `${ROOT}.IsTruncated`),
    buckets: buckets === undefined ? [] : nodeList(buckets, 'Bucket', `${ROOT}.Buckets`).map(parseBucket),
  };
  const prefix = optionalText(root, 'Prefix', ROOT);
  const marker = optionalText(root, 'Marker', ROOT);
  const nextMarker = optionalText(root, 'NextMarker', ROOT);
  const owner = parseOwner(root, ROOT);
  if (prefix !== undefined) result.prefix = prefix;
  if (marker !== undefined) result.marker = marker;
  if (maxKeys !== undefined) result.maxKeys = parseCount(maxKeys, `${ROOT}.MaxKeys`);
  if (nextMarker !== undefined) result.nextMarker = nextMarker;
  if (owner !== undefined) result.owner = owner;
  return result;
}

function parseBucket(node: XmlNode, index: number): BucketSummary {
  const path = `${BUCKET_PATH}[${index}]`;
  const field = (name: string): string => trimmed(requiredText(node, name, path));
  const region = optionalText(node, 'Region', path);
  const tagSet = optionalNode(optionalNode(node, 'Tagging', path) ?? {}, 'TagSet', `${path}.Tagging`);
  const tags =
    tagSet === undefined
      ? undefined
      : nodeList(tagSet, 'Tag', `${path}.Tagging.TagSet`).map((tag, i) => parseTag(tag, `${path}.Tagging.TagSet.Tag[${i}]`));
  return {
    name: requiredText(node, 'Name', path),
    location: field('Location'),
    creationDate: field('CreationDate'),
    extranetEndpoint: field('ExtranetEndpoint'),
    intranetEndpoint: field('IntranetEndpoint'),
    storageClass: field('StorageClass'),
    ...(region === undefined ? {} : { region: trimmed(region) }),
    ...(tags === undefined ? {} : { tags }),
  };
}

function parseTag(node: XmlNode, path: string): Tag {
  return { key: requiredText(node, 'Key', path), value: optionalText(node, 'Value', path) ?? '' };
}

/**
 * Like OSS, emits Prefix/Marker/MaxKeys/IsTruncated/NextMarker only when the list is truncated;
 * an untruncated answer carries just Owner and Buckets.
 */
export function buildListAllMyBucketsResult(model: ListAllMyBucketsResult): string {
  const paging: XmlBuildNode = model.isTruncated
    ? {
        Prefix: model.prefix ?? '',
        Marker: model.marker ?? '',
        MaxKeys: model.maxKeys === undefined ? undefined : formatValue(model.maxKeys),
        IsTruncated: 'true',
        NextMarker: model.nextMarker,
      }
    : {};
  return buildXmlDocument(ROOT, { ...paging, Owner: buildOwner(model.owner), Buckets: { Bucket: model.buckets.map(buildBucket) } });
}

function buildBucket(bucket: BucketSummary): XmlBuildNode {
  return {
    CreationDate: bucket.creationDate,
    ExtranetEndpoint: bucket.extranetEndpoint,
    IntranetEndpoint: bucket.intranetEndpoint,
    Location: bucket.location,
    Name: bucket.name,
    Region: bucket.region,
    StorageClass: bucket.storageClass,
    Tagging: bucket.tags === undefined ? undefined : { TagSet: { Tag: bucket.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) } },
  };
}
