/**
 * What the two object listings (ListBucketResult, ListVersionsResult) read alike: with EncodingType=url,
 * keys, prefixes, markers and the delimiter come back percent-encoded, so every name is read through
 * one decoder; IsTruncated and CommonPrefixes have the same shape in both.
 */
import { parseXmlDocument, type XmlNode } from './codec';
import { parseOwner } from './owner';
import { asNode, nodeList, optionalText, requiredText } from './read';
import type { ObjectSummary } from './types';
import { type Codec, isUrlEncoded, parseBoolean, parseCount, trimmed, urlDecode, verbatim } from './values';

export interface ListingReader {
  readonly root: XmlNode;
  readonly encodingType: string | undefined;
  /** Decodes a name (key, prefix, marker, delimiter) as EncodingType says; version ids are never encoded. */
  readonly decode: Codec;
  /** The child `name`'s text, decoded; undefined when absent. */
  readonly text: (name: string) => string | undefined;
  /** Read when called, so each document keeps the order in which it reports a bad field. */
  readonly isTruncated: () => boolean;
  readonly commonPrefixes: () => string[];
}

export function readListing(xml: string, rootName: string): ListingReader {
  const root = asNode(parseXmlDocument(xml, rootName), rootName);
  const encodingType = optionalText(root, 'EncodingType', rootName);
  const decode: Codec = isUrlEncoded(encodingType) ? urlDecode : verbatim;
  const text = (name: string): string | undefined => {
    const value = optionalText(root, name, rootName);
    return value === undefined ? undefined : decode(value, `${rootName}.${name}`);
  };
  return {
    root,
    encodingType,
    decode,
    text,
    isTruncated: () => {
      const truncated = optionalText(root, 'IsTruncated', rootName);
      return truncated === undefined ? false : parseBoolean(truncated, `${rootName}.IsTruncated`);
    },
    commonPrefixes: () =>
      nodeList(root, 'CommonPrefixes', rootName).map((node, i) =>
        decode(requiredText(node, 'Prefix', `${rootName}.CommonPrefixes[${i}]`), `${rootName}.CommonPrefixes[${i}].Prefix`),
      ),
  };
}

/** One object of a listing (a Contents or a Version element): the key is decoded, the rest is read as sent. */
export function parseObjectSummary(node: XmlNode, path: string, decode: Codec): ObjectSummary {
  const type = optionalText(node, 'Type', path);
  const owner = parseOwner(node, path);
  return {
    key: decode(requiredText(node, 'Key', path), `${path}.Key`),
    lastModified: trimmed(requiredText(node, 'LastModified', path)),
    eTag: trimmed(requiredText(node, 'ETag', path)),
    size: parseCount(requiredText(node, 'Size', path), `${path}.Size`),
    storageClass: trimmed(requiredText(node, 'StorageClass', path)),
    ...(type === undefined ? {} : { type: trimmed(type) }),
    ...(owner === undefined ? {} : { owner }),
  };
}
