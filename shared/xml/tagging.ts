/** Tagging: PutBucketTags body and GetBucketTags answer. */
import { buildXmlDocument, parseXmlDocument } from './codec';
import { asNode, nodeList, optionalNode, optionalText, requiredText } from './read';
import type { Tag, Tagging } from './types';
import { trimmed, urlDecode } from './values';

const ROOT = 'Tagging';
const TAG_PATH = `${ROOT}.TagSet.Tag`;

/**
 * Both empty forms (`<Tagging/>`, `<Tagging><TagSet/></Tagging>`) read as no tags. A missing Value
 * reads as ''. With `<EncodingType>url</EncodingType>` keys and values are percent-decoded.
 * Keys and values are kept verbatim otherwise: spaces are legal in both.
 */
export function parseTagging(xml: string): Tagging {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const encoding = optionalText(root, 'EncodingType', ROOT);
  const urlEncoded = encoding !== undefined && trimmed(encoding).toLowerCase() === 'url';
  const tagSet = optionalNode(root, 'TagSet', ROOT);
  const tags = tagSet === undefined ? [] : nodeList(tagSet, 'Tag', `${ROOT}.TagSet`);
  return {
    tags: tags.map((tag, index): Tag => {
      const path = `${TAG_PATH}[${index}]`;
      const key = requiredText(tag, 'Key', path);
      const value = optionalText(tag, 'Value', path) ?? '';
      return urlEncoded ? { key: urlDecode(key, `${path}.Key`), value: urlDecode(value, `${path}.Value`) } : { key, value };
    }),
  };
}

/** Never URL-encodes; an empty set is `<Tagging><TagSet/></Tagging>`. */
export function buildTagging(model: Tagging): string {
  return buildXmlDocument(ROOT, { TagSet: { Tag: model.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) } });
}
