/** ListBucketResult: the ListObjects (v1) and ListObjectsV2 answers. */
import { buildXmlDocument, type XmlBuildNode } from './codec';
import { parseObjectSummary, readListing } from './listing';
import { nodeList, optionalText, requiredText } from './read';
import { buildOwner } from './owner';
import type { ListBucketResult, ObjectSummary } from './types';
import { type Codec, encode, formatValue, isUrlEncoded, parseCount, trimmed, verbatim } from './values';

const ROOT = 'ListBucketResult';

/** Reads v1 and v2 alike. With EncodingType=url, keys, prefixes, markers and delimiter come back decoded. */
export function parseListBucketResult(xml: string): ListBucketResult {
  const { root, encodingType, decode, text, isTruncated, commonPrefixes } = readListing(xml, ROOT);
  const keyCount = optionalText(root, 'KeyCount', ROOT);
  const result: ListBucketResult = {
    name: requiredText(root, 'Name', ROOT),
    prefix: text('Prefix') ?? '',
    maxKeys: parseCount(requiredText(root, 'MaxKeys', ROOT), `${ROOT}.MaxKeys`),
    isTruncated: isTruncated(),
    contents: nodeList(root, 'Contents', ROOT).map((node, index) => parseObjectSummary(node, `${ROOT}.Contents[${index}]`, decode)),
    commonPrefixes: commonPrefixes(),
  };
  const optional: Partial<ListBucketResult> = {
    marker: text('Marker'),
    nextMarker: text('NextMarker'),
    continuationToken: optionalText(root, 'ContinuationToken', ROOT),
    nextContinuationToken: optionalText(root, 'NextContinuationToken', ROOT),
    startAfter: text('StartAfter'),
    keyCount: keyCount === undefined ? undefined : parseCount(keyCount, `${ROOT}.KeyCount`),
    delimiter: text('Delimiter'),
    encodingType: encodingType === undefined ? undefined : trimmed(encodingType),
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(result, { [name]: value });
  }
  return result;
}

/** A result is built as v2 when it carries KeyCount or any v2-only field, else as v1. */
export function isListV2(result: ListBucketResult): boolean {
  return (
    result.keyCount !== undefined ||
    result.continuationToken !== undefined ||
    result.nextContinuationToken !== undefined ||
    result.startAfter !== undefined
  );
}

/** Element order follows the OSS doc samples for each version. */
export function buildListBucketResult(result: ListBucketResult): string {
  const code: Codec = isUrlEncoded(result.encodingType) ? encode : verbatim;
  const opt = (value: string | undefined): string | undefined => (value === undefined ? undefined : code(value, ROOT));
  const head: XmlBuildNode = isListV2(result)
    ? {
        Name: result.name,
        Prefix: code(result.prefix, ROOT),
        ContinuationToken: result.continuationToken,
        MaxKeys: formatValue(result.maxKeys),
        Delimiter: opt(result.delimiter),
        StartAfter: opt(result.startAfter),
        EncodingType: result.encodingType,
        IsTruncated: formatValue(result.isTruncated),
        NextContinuationToken: result.nextContinuationToken,
        KeyCount: formatValue(result.keyCount ?? result.contents.length + result.commonPrefixes.length),
      }
    : {
        Name: result.name,
        Prefix: code(result.prefix, ROOT),
        Marker: code(result.marker ?? '', ROOT),
        MaxKeys: formatValue(result.maxKeys),
        Delimiter: opt(result.delimiter),
        EncodingType: result.encodingType,
        IsTruncated: formatValue(result.isTruncated),
        NextMarker: opt(result.nextMarker),
      };
  return buildXmlDocument(ROOT, {
    ...head,
    Contents: result.contents.map((object) => buildObject(object, code)),
    CommonPrefixes: result.commonPrefixes.map((prefix) => ({ Prefix: code(prefix, ROOT) })),
  });
}

function buildObject(object: ObjectSummary, code: Codec): XmlBuildNode {
  return {
    Key: code(object.key, ROOT),
    LastModified: object.lastModified,
    ETag: object.eTag,
    Type: object.type,
    Size: formatValue(object.size),
    StorageClass: object.storageClass,
    Owner: buildOwner(object.owner),
  };
}
