/** LocationConstraint: the GetBucketLocation answer, a text-only root such as `oss-cn-hangzhou`. */
import { buildXmlDocument, OSS_DOC_NAMESPACE, parseXmlDocument } from './codec';
import { XmlParseError } from './errors';
import type { XmlNode } from './codec';

const ROOT = 'LocationConstraint';

/** Returns the location (`oss-` prefixed) as written; the namespace OSS puts on the root is ignored. */
export function parseLocationConstraint(xml: string): string {
  const content: XmlNode | string = parseXmlDocument(xml, ROOT);
  if (typeof content !== 'string') throw new XmlParseError(ROOT, 'shape', 'expected text, found child elements');
  const location = content.trim();
  if (location === '') throw new XmlParseError(ROOT, 'missing', 'location is empty');
  return location;
}

/** With the OSS doc namespace, as OSS sends it: safe because the root holds only text. */
export function buildLocationConstraint(location: string): string {
  return buildXmlDocument(ROOT, location, { namespace: OSS_DOC_NAMESPACE });
}
