/**
 * ListVersionsResult: the ListObjectVersions (`GET /?versions`) answer. With EncodingType=url, keys,
 * prefixes, key markers and the delimiter are percent-encoded (version ids are not). oss2 requires
 * Name, Prefix, KeyMarker, VersionIdMarker, MaxKeys and Delimiter (empty when none), and both Next
 * markers when truncated, so the builder always writes them. OSS interleaves Version and
 * DeleteMarker elements in key order; the builder writes a page's versions, then its markers (the
 * SDKs read them as two lists).
 */
import { buildXmlDocument, type XmlBuildNode, type XmlNode } from './codec';
import { parseObjectSummary, readListing } from './listing';
import { nodeList, optionalText, requiredText } from './read';
import { buildOwner, parseOwner } from './owner';
import type { DeleteMarkerSummary, ListVersionsResult, ObjectVersionSummary } from './types';
import { type Codec, encode, formatValue, isUrlEncoded, parseBoolean, parseCount, trimmed, verbatim } from './values';

const ROOT = 'ListVersionsResult';

export function parseListVersionsResult(xml: string): ListVersionsResult {
  const { root, encodingType, decode, text, isTruncated, commonPrefixes } = readListing(xml, ROOT);
  const result: ListVersionsResult = {
    name: requiredText(root, 'Name', ROOT),
    prefix: text('Prefix') ?? '',
    keyMarker: text('KeyMarker') ?? '',
    versionIdMarker: optionalText(root, 'VersionIdMarker', ROOT) ?? '',
    maxKeys: parseCount(requiredText(root, 'MaxKeys', ROOT), `${ROOT}.MaxKeys`),
    isTruncated: isTruncated(),
    versions: nodeList(root, 'Version', ROOT).map((node, i) => parseVersion(node, `${ROOT}.Version[${i}]`, decode)),
    deleteMarkers: nodeList(root, 'DeleteMarker', ROOT).map((node, i) => parseDeleteMarker(node, `${ROOT}.DeleteMarker[${i}]`, decode)),
    commonPrefixes: commonPrefixes(),
  };
  const delimiter = text('Delimiter');
  const nextKeyMarker = text('NextKeyMarker');
  const nextVersionIdMarker = optionalText(root, 'NextVersionIdMarker', ROOT);
  if (delimiter) result.delimiter = delimiter;
  if (encodingType !== undefined) result.encodingType = trimmed(encodingType);
  if (nextKeyMarker !== undefined) result.nextKeyMarker = nextKeyMarker;
  if (nextVersionIdMarker !== undefined) result.nextVersionIdMarker = nextVersionIdMarker;
  return result;
}

/** What a version and a delete marker both carry beyond their key. */
function versionFields(node: XmlNode, path: string): { versionId: string; isLatest: boolean } {
  return {
    versionId: trimmed(requiredText(node, 'VersionId', path)),
    isLatest: parseBoolean(requiredText(node, 'IsLatest', path), `${path}.IsLatest`),
  };
}

function parseVersion(node: XmlNode, path: string, decode: Codec): ObjectVersionSummary {
  return { ...parseObjectSummary(node, path, decode), ...versionFields(node, path) };
}

function parseDeleteMarker(node: XmlNode, path: string, decode: Codec): DeleteMarkerSummary {
  const owner = parseOwner(node, path);
  return {
    key: decode(requiredText(node, 'Key', path), `${path}.Key`),
    ...versionFields(node, path),
    lastModified: trimmed(requiredText(node, 'LastModified', path)),
    ...(owner === undefined ? {} : { owner }),
  };
}

/** Element order follows a real answer captured in the Go SDK's tests. */
export function buildListVersionsResult(result: ListVersionsResult): string {
  const code: Codec = isUrlEncoded(result.encodingType) ? encode : verbatim;
  const opt = (value: string | undefined) => (value === undefined ? undefined : code(value, ROOT));
  return buildXmlDocument(ROOT, {
    Name: result.name,
    Prefix: code(result.prefix, ROOT),
    KeyMarker: code(result.keyMarker, ROOT),
    VersionIdMarker: result.versionIdMarker,
    MaxKeys: formatValue(result.maxKeys),
    Delimiter: code(result.delimiter ?? '', ROOT),
    EncodingType: result.encodingType,
    IsTruncated: formatValue(result.isTruncated),
    NextKeyMarker: opt(result.nextKeyMarker),
    NextVersionIdMarker: result.nextVersionIdMarker,
    Version: result.versions.map((v) => buildVersion(v, code)),
    DeleteMarker: result.deleteMarkers.map((m) => buildDeleteMarker(m, code)),
    CommonPrefixes: result.commonPrefixes.map((prefix) => ({ Prefix: code(prefix, ROOT) })),
  });
}

function buildVersion(v: ObjectVersionSummary, code: Codec): XmlBuildNode {
  return {
    Key: code(v.key, ROOT),
    VersionId: v.versionId,
    IsLatest: formatValue(v.isLatest),
    LastModified: v.lastModified,
    ETag: v.eTag,
    Type: v.type,
    Size: formatValue(v.size),
    StorageClass: v.storageClass,
    Owner: buildOwner(v.owner),
  };
}

function buildDeleteMarker(m: DeleteMarkerSummary, code: Codec): XmlBuildNode {
  return {
    Key: code(m.key, ROOT),
    VersionId: m.versionId,
    IsLatest: formatValue(m.isLatest),
    LastModified: m.lastModified,
    Owner: buildOwner(m.owner),
  };
}
